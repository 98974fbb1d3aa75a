import "server-only";
import { query, sql } from "@/lib/server/kernel/db";
import { applyHintCost, scoreResponse, validateResponse } from "@/lib/core/quiz";
import type { CheckAnswerInput } from "@/lib/schemas/quiz-attempt";
import { hit, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";
import type { CheckedAnswer } from "@/lib/server/quiz/check-view";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { hintCostOf } from "@/lib/server/quiz/hints";
import { committedView, loadPlan, planQuestions } from "@/lib/server/quiz/plans";

export type { CheckedAnswer } from "@/lib/server/quiz/check-view";

/** The feedback, the response it judged, and whether that response had been committed by an earlier check. */
export type CommittedAnswer = CheckedAnswer & { response: unknown; alreadyCommitted: boolean };

/** Turns a validateResponse field into the request's field name ("response.choiceId"). */
export function responseField(prefix: string, field: string): string {
  return field === "response" ? prefix : `${prefix}.${field}`;
}

/**
 * One-at-a-time mode: the answer becomes the attempt's answer for that question, and only then is it scored
 * and explained. It works only inside an open attempt of this user, for a question of that attempt, and is
 * rate-limited. A second check of the same question changes nothing and returns the first answer's feedback,
 * so checking cannot be used to try answers out.
 */
export async function checkAnswer(userId: string, input: CheckAnswerInput, now = new Date()): Promise<CommittedAnswer> {
  const verdict = await hit(RATE_LIMITS.quizCheckPerUser, userId);
  if (!verdict.ok) throw new QuizRequestError(429, `Too many answers checked; try again in ${verdict.retryAfterSeconds} s.`);
  const plan = await loadPlan(userId, input.attemptId);
  if (plan.submittedAt) throw new QuizRequestError(409, "attemptId: this attempt has been submitted; start a new one", "attemptId");
  const index = plan.items.findIndex((i) => i.questionId === input.questionId);
  if (index < 0) throw new QuizRequestError(400, `questionId: "${input.questionId}" is not a question of this attempt`, "questionId");
  const pinned = (await planQuestions({ ...plan, items: [plan.items[index] as (typeof plan.items)[number]] }))[0];
  if (!pinned) throw new Error("unreachable: planQuestions returns one entry per item");
  const layout = (plan.items[index] as (typeof plan.items)[number]).layout;
  const earlier = plan.committed[input.questionId];
  if (earlier) return { ...committedView(pinned, earlier, layout), alreadyCommitted: true };

  const checked = validateResponse(pinned.question, input.response);
  if (!checked.ok) {
    const field = responseField("response", checked.error.field);
    throw new QuizRequestError(400, `${field}: ${checked.error.message}`, field);
  }
  const hintsShown = plan.hints[input.questionId] ?? 0;
  const hintCost = hintCostOf(pinned.question, hintsShown);
  const result = applyHintCost(scoreResponse(pinned.question, input.response, layout), hintCost);
  const entry = {
    response: input.response,
    score: result.score,
    correct: result.correct,
    at: now.toISOString(),
    ...(hintCost > 0 ? { hintCost } : {}),
  };
  // One statement: it commits only if the attempt is still open, this question has no answer yet and no hint
  // was revealed since it was read, so two concurrent checks (or a check racing the submission or a hint
  // request) cannot both win.
  const rows = await query<{ id: string }>(sql`
    UPDATE attempt_plans SET committed = committed || jsonb_build_object(${input.questionId}::text, ${JSON.stringify(entry)}::jsonb)
    WHERE id = ${plan.id} AND user_id = ${userId} AND submitted_at IS NULL AND NOT (committed ? ${input.questionId}::text)
      AND COALESCE((hints ->> ${input.questionId}::text)::int, 0) = ${hintsShown}
    RETURNING id`);
  if (rows.length === 0) {
    const again = await loadPlan(userId, input.attemptId);
    const winner = again.committed[input.questionId];
    if (winner) return { ...committedView(pinned, winner, layout), alreadyCommitted: true };
    if (!again.submittedAt)
      throw new QuizRequestError(
        409,
        "questionId: a hint was revealed meanwhile; check the answer again",
        "questionId",
      );
    throw new QuizRequestError(409, "attemptId: this attempt has been submitted; start a new one", "attemptId");
  }
  return { ...committedView(pinned, entry, layout), alreadyCommitted: false };
}
