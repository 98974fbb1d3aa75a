import "server-only";
import type { Question } from "@/lib/schemas/question";
import type { AttemptHints, RevealHintInput, RevealedHints } from "@/lib/schemas/quiz-attempt";
import { hit, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { query, sql } from "@/lib/server/kernel/db";
import { loadPlan, planQuestions, type StoredPlan } from "@/lib/server/quiz/plans";

/**
 * Share of the mark (0..1) taken off `q` when `count` of its hints were revealed: their costs added up,
 * capped at the whole mark. Source: the hint costs the author set (lib/schemas/question.ts, hintSchema).
 */
export function hintCostOf(q: Question, count: number | undefined): number {
  const costs = (q.hints ?? []).slice(0, count ?? 0).map((h) => h.cost);
  return Math.min(
    1,
    costs.reduce((sum, c) => sum + c, 0),
  );
}

/** The hints of `q` revealed so far (`count` of them), as the quiz page shows them. */
export function revealedHints(q: Question, count: number | undefined): RevealedHints {
  const hints = (q.hints ?? []).slice(0, count ?? 0).map((h) => ({ text: h.text, cost: h.cost }));
  return { hints, totalCost: hintCostOf(q, count) };
}

/** Every question's revealed hints, for reloading a quiz page (questions without a request are left out). */
export function revealedHintsByQuestion(
  questions: readonly Question[],
  hints: AttemptHints,
): Record<string, RevealedHints> {
  return Object.fromEntries(
    questions.flatMap((q) => ((hints[q.id] ?? 0) > 0 ? [[q.id, revealedHints(q, hints[q.id])]] : [])),
  );
}

// After the attempt is handed in, or the question's answer committed, a hint could cost nothing: both are
// checked before the reveal and again when a concurrent request changed the plan under it.
function refuseIfSubmitted(plan: StoredPlan): void {
  if (plan.submittedAt) throw new QuizRequestError(409, "attemptId: this attempt has been submitted; hints are only for open attempts", "attemptId");
}

function refuseIfAnswered(plan: StoredPlan, questionId: string): void {
  if (plan.committed[questionId]) throw new QuizRequestError(409, "questionId: this question has been answered; hints are for before you answer", "questionId");
}

/**
 * Reveals the next hint of a question. Only inside an open attempt of this user, for a question of that
 * attempt whose answer has not been committed (after that, a hint could cost nothing). The request is
 * recorded on the attempt in the same statement that checks those conditions, before any text is returned,
 * so the cost cannot be dodged; the submission then takes the cost off the mark. Asking when every hint is
 * already shown changes nothing and returns them again. Rate-limited with answer checks.
 */
export async function revealHint(userId: string, input: RevealHintInput): Promise<RevealedHints> {
  const verdict = await hit(RATE_LIMITS.quizCheckPerUser, userId);
  if (!verdict.ok) throw new QuizRequestError(429, `Too many requests; try again in ${verdict.retryAfterSeconds} s.`);
  const plan = await loadPlan(userId, input.attemptId);
  refuseIfSubmitted(plan);
  const item = plan.items.find((i) => i.questionId === input.questionId);
  if (!item)
    throw new QuizRequestError(
      400,
      `questionId: "${input.questionId}" is not a question of this attempt`,
      "questionId",
    );
  const [pinned] = await planQuestions({ ...plan, items: [item] });
  if (!pinned) throw new Error("unreachable: planQuestions returns one entry per item");
  const q = pinned.question;
  const available = q.hints?.length ?? 0;
  if (available === 0) throw new QuizRequestError(400, "questionId: this question has no hints", "questionId");
  refuseIfAnswered(plan, q.id);
  const shown = plan.hints[q.id] ?? 0;
  if (shown >= available) return revealedHints(q, shown);

  // Counts only go up by one from the value read, so two concurrent requests reveal one hint, not two.
  const rows = await query<{ n: number }>(sql`
    UPDATE attempt_plans SET hints = hints || jsonb_build_object(${q.id}::text, ${shown + 1}::int)
    WHERE id = ${plan.id} AND user_id = ${userId} AND submitted_at IS NULL AND NOT (committed ? ${q.id}::text)
      AND COALESCE((hints ->> ${q.id}::text)::int, 0) = ${shown}
    RETURNING (hints ->> ${q.id}::text)::int AS n`);
  if (rows.length === 0) {
    const again = await loadPlan(userId, input.attemptId);
    refuseIfSubmitted(again);
    refuseIfAnswered(again, q.id);
    // Another request revealed it meanwhile: show what is recorded.
    return revealedHints(q, again.hints[q.id] ?? 0);
  }
  return revealedHints(q, rows[0]?.n ?? shown + 1);
}
