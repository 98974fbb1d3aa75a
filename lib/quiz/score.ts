import type { NumericQuestion, Question, ScoreResult, Tolerance } from "../schemas/question";
import { evaluateFormula, renderSolution } from "./estimate";
import { estimateRange, withinEstimate } from "./estimate-format";
import { estimateValues, type QuestionLayout } from "./layout";
import { matchingOptions, orderingPublicIds } from "./public-ids";
import { validateResponse } from "./validate";

/**
 * Slack for floating-point noise in numeric comparisons: one part in a billion of the larger magnitude.
 * It makes 0.1 + 0.2 equal 0.3 and keeps boundaries inclusive (|1.1 − 1| is 0.10000000000000009 in
 * binary), while staying far below any tolerance an author would write.
 */
const FLOAT_SLACK = 1e-9;

/** The inclusive range accepted for a numeric answer. Relative tolerance is a fraction of |answer|. */
export function acceptedRange(answer: number, tolerance: Tolerance): { min: number; max: number } {
  const delta = tolerance.kind === "absolute" ? tolerance.value : Math.abs(answer) * tolerance.value;
  return { min: answer - delta, max: answer + delta };
}

/** True when `value` lies within the tolerance of `answer`, boundaries included. */
export function withinTolerance(value: number, answer: number, tolerance: Tolerance): boolean {
  if (!Number.isFinite(value)) return false;
  const delta = tolerance.kind === "absolute" ? tolerance.value : Math.abs(answer) * tolerance.value;
  const slack = FLOAT_SLACK * Math.max(Math.abs(answer), Math.abs(value));
  return Math.abs(value - answer) <= delta + slack;
}

function numericMessage(q: NumericQuestion, value: number): string | undefined {
  if (withinTolerance(value, q.answer, q.tolerance)) return undefined;
  return value < q.answer ? q.feedbackLow : q.feedbackHigh;
}

/**
 * Clamp into [0, 1]. Every partial score is a ratio of whole counts, so 1 is reached exactly when the
 * numerator equals the denominator and no rounding is needed for "correct" to mean score === 1.
 */
function tidy(score: number): number {
  return Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
}

/**
 * Score a response and build the feedback shown afterwards. The response is re-validated here, so a caller
 * can't score an unchecked payload by mistake; an invalid one throws (validate first and answer 4xx).
 *
 * Scoring and partial credit:
 * - single, true_false: 1 or 0.
 * - numeric: 1 when within the tolerance (absolute, or relative to |answer|; boundaries inclusive, with a
 *   tiny slack for floating-point error), else 0.
 * - multiple: (correct choices picked − wrong choices picked) / number of correct choices, floored at 0. So
 *   with 2 right of 5, picking both scores 1, one right scores 0.5, one right plus one wrong scores 0, and
 *   picking everything never pays.
 * - ordering: the share of adjacent pairs in the submitted order whose two items are in the right relative
 *   order (n items give n − 1 pairs). Only a fully correct order reaches 1; one item moved to the far end
 *   still earns most of the credit.
 * - matching: correctly matched left items / all left items; unmatched items count as wrong.
 *
 * - estimate: 1 when within the tolerance of the formula's value for the attempt's drawn values, else 0. The
 *   layout (or seed) says which values; the feedback carries the worked solution with them.
 *
 * `correct` is true only for a score of exactly 1.
 */
export function scoreResponse(q: Question, response: unknown, layoutOrSeed?: QuestionLayout | number | string): ScoreResult {
  const checked = validateResponse(q, response);
  if (!checked.ok) throw new Error(`invalid response for ${q.id}: ${checked.error.field}: ${checked.error.message}`);
  const explanation = q.explanation;

  const result = (score: number, feedback: ScoreResult["feedback"]): ScoreResult => {
    const s = tidy(score);
    return { score: s, correct: s === 1, feedback };
  };

  switch (q.type) {
    case "single": {
      if (checked.type !== "single") break;
      const picked = checked.response.choiceId;
      const right = q.choices.find((c) => c.correct);
      return result(right?.id === picked ? 1 : 0, {
        type: "single",
        explanation,
        perChoice: q.choices.map((c) => ({
          choiceId: c.id,
          text: c.text,
          picked: c.id === picked,
          correct: c.correct,
          feedback: c.feedback,
        })),
        correctAnswer: { choiceId: right?.id ?? "" },
      });
    }
    case "multiple": {
      if (checked.type !== "multiple") break;
      const picked = new Set(checked.response.choiceIds);
      const correctIds = q.choices.filter((c) => c.correct).map((c) => c.id);
      const rightPicked = correctIds.filter((id) => picked.has(id)).length;
      const wrongPicked = q.choices.filter((c) => !c.correct && picked.has(c.id)).length;
      const score = correctIds.length === 0 ? 0 : Math.max(0, (rightPicked - wrongPicked) / correctIds.length);
      return result(score, {
        type: "multiple",
        explanation,
        perChoice: q.choices.map((c) => ({
          choiceId: c.id,
          text: c.text,
          picked: picked.has(c.id),
          correct: c.correct,
          feedback: c.feedback,
        })),
        correctAnswer: { choiceIds: correctIds },
      });
    }
    case "true_false": {
      if (checked.type !== "true_false") break;
      const value = checked.response.value;
      return result(value === q.answer ? 1 : 0, {
        type: "true_false",
        explanation,
        message: value ? q.feedbackTrue : q.feedbackFalse,
        correctAnswer: { value: q.answer },
      });
    }
    case "numeric": {
      if (checked.type !== "numeric") break;
      const value = checked.response.value;
      const message = numericMessage(q, value);
      const { min, max } = acceptedRange(q.answer, q.tolerance);
      return result(withinTolerance(value, q.answer, q.tolerance) ? 1 : 0, {
        type: "numeric",
        explanation,
        ...(message === undefined ? {} : { message }),
        correctAnswer: { value: q.answer, unit: q.unit, tolerance: { ...q.tolerance }, min, max },
      });
    }
    case "estimate": {
      if (checked.type !== "estimate") break;
      if (layoutOrSeed === undefined) throw new Error(`scoring estimate ${q.id} needs the attempt's layout`);
      const values = estimateValues(q, layoutOrSeed);
      const answer = evaluateFormula(q.formula, values);
      const { min, max } = estimateRange(answer, q.tolerance);
      return result(withinEstimate(checked.response.value, answer, q.tolerance) ? 1 : 0, {
        type: "estimate",
        explanation,
        correctAnswer: { value: answer, unit: q.unit, tolerance: { ...q.tolerance }, min, max },
        solution: renderSolution(q, values, answer),
      });
    }
    case "ordering": {
      if (checked.type !== "ordering") break;
      const ids = orderingPublicIds(q);
      const rank = new Map(ids.map((id, i) => [id, i]));
      const order = checked.response.order;
      let inOrder = 0;
      for (let i = 0; i + 1 < order.length; i++) {
        const a = rank.get(order[i] as string) ?? 0;
        const b = rank.get(order[i + 1] as string) ?? 0;
        if (a < b) inOrder++;
      }
      const pairs = Math.max(1, order.length - 1);
      return result(inOrder / pairs, {
        type: "ordering",
        explanation,
        correctAnswer: { order: ids },
        correctItems: q.items.map((item, i) => ({ id: ids[i] as string, text: item.text })),
      });
    }
    case "matching": {
      if (checked.type !== "matching") break;
      const options = matchingOptions(q);
      const optionOf = new Map(options.filter((o) => o.pairId !== null).map((o) => [o.pairId as string, o.id]));
      const matches = checked.response.matches;
      const perLeft = q.pairs.map((p) => {
        const pickedOptionId = Object.hasOwn(matches, p.id) ? (matches[p.id] ?? null) : null;
        const correctOptionId = optionOf.get(p.id) ?? "";
        return { leftId: p.id, pickedOptionId, correctOptionId, correct: pickedOptionId === correctOptionId };
      });
      const right = perLeft.filter((m) => m.correct).length;
      return result(right / q.pairs.length, {
        type: "matching",
        explanation,
        perLeft,
        correctAnswer: { matches: Object.fromEntries(perLeft.map((m) => [m.leftId, m.correctOptionId])) },
      });
    }
  }
  // validateResponse tags the response with the question's own type, so this is unreachable.
  throw new Error(`response type does not match question type ${q.type}`);
}

/** Coarse outcome for badges and summaries. */
export type Grade = "correct" | "partial" | "incorrect";

/** 1 → correct, anything above 0 → partial, 0 → incorrect. */
export function gradeFromScore(score: number): Grade {
  if (!Number.isFinite(score) || score <= 0) return "incorrect";
  return score >= 1 ? "correct" : "partial";
}

/** ts-fsrs Rating names as plain strings, so the pure core does not depend on ts-fsrs. */
export const ratingNames = ["Again", "Hard", "Good", "Easy"] as const;
export type RatingName = (typeof ratingNames)[number];

/**
 * Suggest the FSRS rating for a review from the score and the candidate's optional self-rating.
 *
 * The score caps the rating, because a candidate can't be sure of something they got wrong, but the
 * self-rating may lower it (a lucky guess should come back soon):
 * - wrong (score 0): always "Again";
 * - partial (0 < score < 1): "Hard", or "Again" if the candidate says so;
 * - right (score 1): the self-rating if given, else "Good".
 */
export function suggestRating(score: number, selfRating?: RatingName): RatingName {
  const grade = gradeFromScore(score);
  if (grade === "incorrect") return "Again";
  if (grade === "partial") return selfRating === "Again" ? "Again" : "Hard";
  return selfRating ?? "Good";
}
