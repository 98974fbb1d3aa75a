// Item statistics (pure, like all of lib/core), so they can be checked against hand-computed values.
import type { Question } from "@/lib/schemas/question";

export type StatAnswer = {
  attemptId: string;
  questionId: string;
  version: number;
  /** 0..1 */
  score: number;
  response: unknown;
  timeMs: number | null;
};

export type StatFlag = "too-easy" | "too-hard" | "negative-discrimination";

export type OptionCount = { id: string; label: string; count: number; correct: boolean };

export type ItemStats = {
  attempts: number;
  /** Mean score as a percentage (Moodle's facility index). */
  facility: number | null;
  /**
   * Pearson correlation between the item's score and the rest of the attempt (attempt total minus this item),
   * as Moodle's discrimination index defines it; null when either side does not vary.
   */
  discrimination: number | null;
  medianTimeMs: number | null;
  /** How often each option was picked (choice and true/false questions); null for other types. */
  options: OptionCount[] | null;
  flags: StatFlag[];
};

export type QuestionStats = ItemStats & { questionId: string; versions: (ItemStats & { version: number })[] };

export const TOO_EASY_ABOVE = 90;
export const TOO_HARD_BELOW = 20;

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Pearson's r; null for fewer than two pairs or when either variable is constant. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  const mx = mean(xs.slice(0, n)) as number;
  const my = mean(ys.slice(0, n)) as number;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Sums of squares of constant data can come out as 1e-32 rather than 0.
  if (sxx < 1e-12 || syy < 1e-12) return null;
  return sxy / Math.sqrt(sxx * syy);
}

export function flagsFor(facility: number | null, discrimination: number | null): StatFlag[] {
  const flags: StatFlag[] = [];
  if (facility !== null && facility > TOO_EASY_ABOVE) flags.push("too-easy");
  if (facility !== null && facility < TOO_HARD_BELOW) flags.push("too-hard");
  if (discrimination !== null && discrimination < 0) flags.push("negative-discrimination");
  return flags;
}

function pickedIds(question: Question, response: unknown): string[] {
  if (typeof response !== "object" || response === null) return [];
  const r = response as Record<string, unknown>;
  if (question.type === "single" && typeof r.choiceId === "string") return [r.choiceId];
  if (question.type === "multiple" && Array.isArray(r.choiceIds)) return r.choiceIds.filter((x) => typeof x === "string");
  if (question.type === "true_false" && typeof r.value === "boolean") return [String(r.value)];
  return [];
}

function optionCounts(question: Question | undefined, answers: readonly StatAnswer[]): OptionCount[] | null {
  if (!question) return null;
  let options: OptionCount[];
  if (question.type === "single" || question.type === "multiple") {
    options = question.choices.map((c) => ({ id: c.id, label: c.text, count: 0, correct: c.correct }));
  } else if (question.type === "true_false") {
    options = [
      { id: "true", label: "True", count: 0, correct: question.answer },
      { id: "false", label: "False", count: 0, correct: !question.answer },
    ];
  } else return null;
  const byId = new Map(options.map((o) => [o.id, o]));
  for (const a of answers) for (const id of pickedIds(question, a.response)) {
    const option = byId.get(id);
    if (option) option.count += 1;
  }
  return options;
}

function itemStats(answers: readonly StatAnswer[], restOf: (a: StatAnswer) => number, question: Question | undefined): ItemStats {
  const scores = answers.map((a) => a.score);
  const m = mean(scores);
  const facility = m === null ? null : m * 100;
  const discrimination = pearson(scores, answers.map(restOf));
  const times = answers.flatMap((a) => (a.timeMs === null ? [] : [a.timeMs]));
  return {
    attempts: answers.length,
    facility,
    discrimination,
    medianTimeMs: median(times),
    options: optionCounts(question, answers),
    flags: flagsFor(facility, discrimination),
  };
}

/**
 * Statistics for every question that has answers, pooled over its versions and per version.
 * `answers` must hold every answer of each attempt in scope (not just the questions shown), because the
 * rest-of-test score is the attempt's total minus the item. `questionAt` gives the version's content, used
 * to label options; for the pooled row the latest version's labels are used.
 */
export function computeItemStats(
  answers: readonly StatAnswer[],
  questionAt: (questionId: string, version: number) => Question | undefined,
): QuestionStats[] {
  const totals = new Map<string, number>();
  for (const a of answers) totals.set(a.attemptId, (totals.get(a.attemptId) ?? 0) + a.score);
  const restOf = (a: StatAnswer) => (totals.get(a.attemptId) ?? 0) - a.score;

  const byQuestion = new Map<string, StatAnswer[]>();
  for (const a of answers) {
    const list = byQuestion.get(a.questionId) ?? [];
    list.push(a);
    byQuestion.set(a.questionId, list);
  }

  return [...byQuestion.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([questionId, list]) => {
      const versions = [...new Set(list.map((a) => a.version))].sort((a, b) => a - b);
      const latest = versions[versions.length - 1] as number;
      return {
        questionId,
        ...itemStats(list, restOf, questionAt(questionId, latest)),
        versions: versions.map((version) => ({
          version,
          ...itemStats(
            list.filter((a) => a.version === version),
            restOf,
            questionAt(questionId, version),
          ),
        })),
      };
    });
}
