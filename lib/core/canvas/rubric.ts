import type { EvaluationResult } from "@/lib/core/evaluator";
import { DEFAULTS } from "@/lib/core/evaluator/defaults";
import type { Category } from "@/lib/core/evaluator/findings";
import { CHECKLIST_LINKS, type ChecklistId } from "@/lib/core/evaluator/links";
import { gradeOf, overallPenalty } from "@/lib/core/evaluator/score";
import type { RubricOutcome } from "@/lib/schemas/interview-view";
import { CHECKLIST_TITLES } from "./result-format";

// A problem's rubric (issue #15, Deliver 5): how much each part of the score counts for this problem and which
// checklist items it requires. The evaluator scores every design the same way (lib/core/evaluator/score.ts);
// the practice layer re-weighs that result for the problem. Pure: no I/O. Weights are whole percentages.

export const RUBRIC_PARTS = ["latency", "reliability", "capacity", "security", "checklist"] as const satisfies readonly Category[];
export type RubricPart = (typeof RUBRIC_PARTS)[number];

export const RUBRIC_PART_LABELS: Record<RubricPart, string> = {
  latency: "Latency",
  reliability: "Reliability",
  capacity: "Capacity",
  security: "Security",
  checklist: "Design checklist",
};

/** The evaluator's own weights as whole percentages (25/25/15/20/15): a problem without a rubric uses these. */
export const DEFAULT_RUBRIC_WEIGHTS: Record<RubricPart, number> = Object.fromEntries(
  RUBRIC_PARTS.map((p) => [p, Math.round(DEFAULTS.score.weights[p] * 100)]),
) as Record<RubricPart, number>;

/** A failed required item caps the stage's score here: the top of an F, as a missed SLO far off target does. */
export const REQUIRED_ITEM_CAP = 59;

export type ProblemRubric = { weights?: Partial<Record<RubricPart, number>>; required?: readonly ChecklistId[] };

// The outcome's shape is the wire schema's (lib/schemas/interview-view.ts), so what is stored and sent is parsed.
export type { RubricOutcome };

export function rubricWeights(rubric: ProblemRubric | undefined): Record<RubricPart, number> {
  return { ...DEFAULT_RUBRIC_WEIGHTS, ...(rubric?.weights ?? {}) };
}

function isDefault(weights: Record<RubricPart, number>): boolean {
  return RUBRIC_PARTS.every((p) => weights[p] === DEFAULT_RUBRIC_WEIGHTS[p]);
}

/** Σ weight × part − penalties, rounded and clamped to 0–100, then the evaluator's own lowest cap. */
export function weightedScore(result: Pick<EvaluationResult, "categories" | "findings" | "scoreCap">, weights: Record<RubricPart, number>): number {
  const total = RUBRIC_PARTS.reduce((s, p) => s + (weights[p] / 100) * result.categories[p].score, 0);
  let score = Math.min(100, Math.max(0, Math.round(total - overallPenalty(result.findings))));
  if (result.scoreCap && score > result.scoreCap.max) score = result.scoreCap.max;
  return score;
}

/**
 * The evaluator's result judged by the problem's rubric: the parts re-weighed, then every failed required
 * checklist item caps the score at 59 and fails the stage, with the reason and the chapter that teaches it.
 * With no rubric (or the default one) the score is exactly the evaluator's.
 */
export function applyRubric(result: Pick<EvaluationResult, "score" | "categories" | "findings" | "scoreCap" | "checklist">, rubric: ProblemRubric | undefined): RubricOutcome {
  const weights = rubricWeights(rubric);
  const weighted = !isDefault(weights);
  let score = weighted ? weightedScore(result, weights) : result.score;
  const status = new Map(result.checklist.map((i) => [i.id, i.status]));
  const required = (rubric?.required ?? []).map((id) => ({
    id,
    title: CHECKLIST_TITLES[id] ?? "A design checklist item",
    href: CHECKLIST_LINKS[id],
    status: status.get(id) ?? "n/a",
  }));
  const failed = required.filter((r) => r.status === "fail");
  let cap: RubricOutcome["cap"] = null;
  if (failed[0]) {
    const names = failed.map((f) => `“${f.title}”`).join(" and ");
    cap = {
      max: REQUIRED_ITEM_CAP,
      reason: `This problem requires ${names}, and your design does not meet ${failed.length === 1 ? "it" : "them"}: the score is capped at ${REQUIRED_ITEM_CAP}/100 and the stage is not passed.`,
      href: failed[0].href,
    };
    score = Math.min(score, REQUIRED_ITEM_CAP);
  }
  return { score, grade: gradeOf(score), evaluatorScore: result.score, weighted, weights, required, cap, requiredMet: failed.length === 0 };
}

/** "Latency 40 %, reliability 30 %, …" — the weights in words, for the brief and the result. */
export function describeWeights(weights: Record<RubricPart, number>): string {
  return RUBRIC_PARTS.filter((p) => weights[p] > 0)
    .map((p, i) => `${i === 0 ? RUBRIC_PART_LABELS[p] : RUBRIC_PART_LABELS[p].toLowerCase()} ${weights[p]} %`)
    .join(", ");
}
