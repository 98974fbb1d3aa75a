import type { EvaluationResult } from "@/lib/evaluator";

export type { ProblemBrief } from "@/lib/schemas/problem";

export type LatestEvaluation = { result: EvaluationResult; document: { nodes: unknown[]; edges: unknown[] } | null };

