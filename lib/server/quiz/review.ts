import "server-only";
import { db } from "@/lib/db";
import { scoreResponse, suggestRating, validateResponse, type RatingName } from "@/lib/quiz";
import type { ScoreResult } from "@/lib/schemas/question";
import type { RateReviewInput } from "@/lib/schemas/quiz-attempt";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { newCardRow, scheduleReview, type CardRow } from "@/lib/server/quiz/fsrs";
import { getPinnedQuestions, pinnedKey, type PinnedQuestion } from "@/lib/server/quiz/questions";

/** End of the current UTC day: "due today" includes cards that come due later today. */
export function endOfDay(now: Date): Date {
  const end = new Date(now);
  end.setUTCHours(23, 59, 59, 999);
  return end;
}

export type DueCard = { questionId: string; due: Date; state: number; reps: number; lapses: number };

/** The user's cards due by the end of today, most overdue first. */
export async function dueCards(userId: string, now = new Date(), limit = 50): Promise<DueCard[]> {
  return db.reviewCard.findMany({
    where: { userId, due: { lte: endOfDay(now) }, question: { status: "PUBLISHED" } },
    orderBy: { due: "asc" },
    take: limit,
    select: { questionId: true, due: true, state: true, reps: true, lapses: true },
  });
}

/** The current published version of each due card's question, in due order. */
export async function dueQuestions(userId: string, now = new Date(), limit = 50): Promise<{ card: DueCard; pinned: PinnedQuestion }[]> {
  const cards = await dueCards(userId, now, limit);
  if (cards.length === 0) return [];
  const questions = await db.question.findMany({
    where: { id: { in: cards.map((c) => c.questionId) } },
    select: { id: true, currentVersion: true },
  });
  const version = new Map(questions.map((q) => [q.id, q.currentVersion]));
  const pinned = await getPinnedQuestions(questions.map((q) => ({ questionId: q.id, version: q.currentVersion })));
  return cards.flatMap((card) => {
    const v = version.get(card.questionId);
    const p = v === undefined ? undefined : pinned.get(pinnedKey(card.questionId, v));
    return p ? [{ card, pinned: p }] : [];
  });
}

export type ReviewOutcome = { result: ScoreResult; rating: RatingName; nextDue: string; section: string; chapter: string };

/**
 * Scores a review answer on the server and schedules the card: the rating is the candidate's self-rating,
 * capped by the score (suggestRating), so a wrong answer always comes back soon. One transaction updates the
 * card (locked) and writes the ReviewLog.
 */
export async function rateReview(userId: string, input: RateReviewInput, now = new Date()): Promise<ReviewOutcome> {
  const pinned = (await getPinnedQuestions([input])).get(pinnedKey(input.questionId, input.version));
  if (!pinned || !pinned.usable) throw new QuizRequestError(400, `unknown question "${input.questionId}" version ${input.version}`, "questionId");
  const checked = validateResponse(pinned.question, input.response);
  if (!checked.ok) {
    const field = checked.error.field === "response" ? "response" : `response.${checked.error.field}`;
    throw new QuizRequestError(400, `${field}: ${checked.error.message}`, field);
  }
  const result = scoreResponse(pinned.question, input.response);
  const rating = suggestRating(result.score, input.selfRating);

  const nextDue = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      {
        due: Date;
        stability: number;
        difficulty: number;
        elapsed_days: number;
        scheduled_days: number;
        learning_steps: number;
        reps: number;
        lapses: number;
        state: number;
        last_review: Date | null;
      }[]
    >`SELECT due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review
      FROM review_cards WHERE user_id = ${userId} AND question_id = ${input.questionId} FOR UPDATE`;
    const r = rows[0];
    const current: CardRow = r
      ? {
          due: r.due,
          stability: r.stability,
          difficulty: r.difficulty,
          elapsedDays: r.elapsed_days,
          scheduledDays: r.scheduled_days,
          learningSteps: r.learning_steps,
          reps: r.reps,
          lapses: r.lapses,
          state: r.state,
          lastReview: r.last_review,
        }
      : newCardRow(now);
    const { card, log } = scheduleReview(current, rating, now);
    await tx.reviewCard.upsert({
      where: { userId_questionId: { userId, questionId: input.questionId } },
      create: { userId, questionId: input.questionId, ...card },
      update: card,
    });
    await tx.reviewLog.create({
      data: { userId, questionId: input.questionId, rating: log.rating, state: log.state, due: log.due, reviewedAt: now },
    });
    return card.due;
  });
  return { result, rating, nextDue: nextDue.toISOString(), section: pinned.question.section, chapter: pinned.question.chapter };
}
