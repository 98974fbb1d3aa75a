import type { EvaluationResult } from "@/lib/core/evaluator";

export type { ProblemBrief } from "@/lib/schemas/problem";

export type LatestEvaluation = { result: EvaluationResult; document: { nodes: unknown[]; edges: unknown[] } | null };

