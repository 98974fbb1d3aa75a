import type { EvaluationResult } from "@/lib/evaluator";

export type { ProblemBrief } from "@/lib/schemas/problem";

export type LatestEvaluation = { result: EvaluationResult; document: { nodes: unknown[]; edges: unknown[] } | null };

export const primaryButton =
  "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-60";
export const secondaryButton =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";
export const dangerButton =
  "rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-60";
