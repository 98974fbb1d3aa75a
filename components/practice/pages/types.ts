export type { ProblemBrief } from "@/lib/schemas/problem";


