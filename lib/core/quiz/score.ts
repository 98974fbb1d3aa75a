import type { Choice, NumericQuestion, Question, ScoreResult, Tolerance } from "../../schemas/question";
import { evaluateFormula, renderSolution } from "./estimate";
import { estimateRange, withinEstimate } from "./estimate-format";
import { estimateValues, type QuestionLayout } from "./layout";
import { matchingOptions, orderingPublicIds } from "./public-ids";
import { matchShortAnswer } from "./short-answer";
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

/** Score and message of a numeric answer: 1 in the main range, else the best partial range, else 0. */
function numericOutcome(q: NumericQuestion, value: number): { score: number; message?: string } {
  if (withinTolerance(value, q.answer, q.tolerance)) return { score: 1 };
  const partial = (q.partialRanges ?? [])
    .filter((r) => withinTolerance(value, r.answer, r.tolerance))
    .sort((a, b) => b.weight - a.weight)[0];
  const message = partial?.feedback ?? (value < q.answer ? q.feedbackLow : q.feedbackHigh);
  return { score: partial?.weight ?? 0, ...(message === undefined ? {} : { message }) };
}

/**
 * Authored weights are decimals (a third typed as 0.333), so sums within this of 1 count as full marks; the
 * schema checks weights with the same slack.
 */
const WEIGHT_SLACK = 1e-6;

/** Clamp into [0, 1]; a sum of authored weights within WEIGHT_SLACK of 1 is 1, so `correct` can mean score 1. */
function tidy(score: number): number {
  if (!Number.isFinite(score)) return 0;
  if (Math.abs(score - 1) <= WEIGHT_SLACK) return 1;
  return Math.min(1, Math.max(0, score));
}

/** Feedback for each choice of a single or multiple choice question: what was picked beside what is correct. */
function perChoice(choices: readonly Choice[], isPicked: (id: string) => boolean) {
  return choices.map((c) => ({
    choiceId: c.id,
    text: c.text,
    picked: isPicked(c.id),
    correct: c.correct,
    feedback: c.feedback,
    ...(c.weight === undefined ? {} : { weight: c.weight }),
  }));
}

/** Weighted choices (Moodle's answer fractions): the weight of each choice, or null for unweighted questions. */
function choiceWeights(choices: readonly Choice[]): Map<string, number> | null {
  if (!choices.some((c) => c.weight !== undefined)) return null;
  return new Map(choices.map((c) => [c.id, c.weight ?? 0]));
}

/**
 * Take the hints' cost off a scored answer: `hintCost` is a share of the question's mark (0.25 = 25 %), so
 * a right answer after a 25 % hint scores 0.75 and a half-right one 0.25; never below 0. `correct` still says
 * whether the answer itself was right. A cost of 0 leaves the result as it was.
 */
export function applyHintCost(result: ScoreResult, hintCost: number): ScoreResult {
  if (!(hintCost > 0)) return result;
  const cost = Math.min(1, hintCost);
  return { ...result, score: Math.max(0, result.score - cost), hintCost: cost };
}

/**
 * Score a response and build the feedback shown afterwards. The response is re-validated here, so a caller
 * can't score an unchecked payload by mistake; an invalid one throws (validate first and answer 4xx).
 *
 * Scoring and partial credit (every score is a share of the question's one mark, clamped to 0..1):
 * - true_false: 1 or 0.
 * - single: 1 for the correct choice, else 0; with weights, the picked choice's weight (a negative weight
 *   scores 0: a question never takes marks from other questions).
 * - multiple: without weights, (correct choices picked − wrong choices picked) / number of correct choices,
 *   floored at 0. So with 2 right of 5, picking both scores 1, one right scores 0.5, one right plus one wrong
 *   scores 0, and picking everything never pays. With weights, the sum of the picked choices' weights,
 *   clamped to 0..1 (Moodle's rule).
 * - numeric: 1 when within the tolerance (absolute, or relative to |answer|; boundaries inclusive, with a
 *   tiny slack for floating-point error); else the weight of the best partial range containing it; else 0.
 * - ordering, by the question's `scoring`: "adjacent" (default) the share of adjacent pairs in the submitted
 *   order whose two items are in the right relative order (n items give n − 1 pairs), so one item moved to
 *   the far end still earns most of the credit; "position" the share of items in their exact position;
 *   "all_or_nothing" 1 or 0.
 * - matching: correctly matched left items / all left items (unmatched count as wrong), or 1/0 when the
 *   question's `scoring` is "all_or_nothing".
 * - short_answer: the weight of the first accepted answer (in authored order) the response matches, after
 *   the question's case and whitespace rules; else 0.
 *
 * - estimate: 1 when within the tolerance of the formula's value for the attempt's drawn values, else 0. The
 *   layout (or seed) says which values; the feedback carries the worked solution with them.
 *
 * `correct` is true only for a score of exactly 1. Hint costs are applied afterwards by applyHintCost.
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
      const weights = choiceWeights(q.choices);
      const score = weights ? (weights.get(picked) ?? 0) : right?.id === picked ? 1 : 0;
      return result(score, {
        type: "single",
        explanation,
        perChoice: perChoice(q.choices, (id) => id === picked),
        correctAnswer: { choiceId: right?.id ?? "" },
      });
    }
    case "multiple": {
      if (checked.type !== "multiple") break;
      const picked = new Set(checked.response.choiceIds);
      const correctIds = q.choices.filter((c) => c.correct).map((c) => c.id);
      const weights = choiceWeights(q.choices);
      let score: number;
      if (weights) {
        score = [...picked].reduce((sum, id) => sum + (weights.get(id) ?? 0), 0);
      } else {
        const rightPicked = correctIds.filter((id) => picked.has(id)).length;
        const wrongPicked = q.choices.filter((c) => !c.correct && picked.has(c.id)).length;
        score = correctIds.length === 0 ? 0 : Math.max(0, (rightPicked - wrongPicked) / correctIds.length);
      }
      return result(score, {
        type: "multiple",
        explanation,
        perChoice: perChoice(q.choices, (id) => picked.has(id)),
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
      const { score, message } = numericOutcome(q, checked.response.value);
      const { min, max } = acceptedRange(q.answer, q.tolerance);
      const partial = q.partialRanges?.map((r) => ({ ...acceptedRange(r.answer, r.tolerance), weight: r.weight }));
      return result(score, {
        type: "numeric",
        explanation,
        ...(message === undefined ? {} : { message }),
        correctAnswer: {
          value: q.answer,
          unit: q.unit,
          tolerance: { ...q.tolerance },
          min,
          max,
          ...(partial === undefined ? {} : { partial }),
        },
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
      let score: number;
      const scoring = q.scoring ?? "adjacent";
      if (scoring === "adjacent") {
        let inOrder = 0;
        for (let i = 0; i + 1 < order.length; i++) {
          const a = rank.get(order[i] as string) ?? 0;
          const b = rank.get(order[i + 1] as string) ?? 0;
          if (a < b) inOrder++;
        }
        score = inOrder / Math.max(1, order.length - 1);
      } else {
        const placed = order.filter((id, i) => ids[i] === id).length;
        score = scoring === "position" ? placed / ids.length : placed === ids.length ? 1 : 0;
      }
      return result(score, {
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
      const score = q.scoring === "all_or_nothing" ? (right === q.pairs.length ? 1 : 0) : right / q.pairs.length;
      return result(score, {
        type: "matching",
        explanation,
        perLeft,
        correctAnswer: { matches: Object.fromEntries(perLeft.map((m) => [m.leftId, m.correctOptionId])) },
      });
    }
    case "short_answer": {
      if (checked.type !== "short_answer") break;
      const matched = matchShortAnswer(q, checked.response.text);
      const message = matched ? matched.feedback : q.feedbackWrong;
      return result(matched?.weight ?? 0, {
        type: "short_answer",
        explanation,
        ...(message === undefined ? {} : { message }),
        correctAnswer: q.answers
          .filter((a) => a.weight > 0)
          .map((a) => ({ match: a.match, value: a.value, weight: a.weight })),
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
