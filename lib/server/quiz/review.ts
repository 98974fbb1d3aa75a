import "server-only";
import { z } from "zod";
import { db } from "@/lib/server/kernel/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { endOfLocalDay, isTimeZone, scoreResponse, startOfLocalDay, suggestRating, validateResponse, type RatingName } from "@/lib/core/quiz";
import { cardSnapshot } from "@/lib/schemas/card-snapshot";
import type { AnswerReviewInput, RateReviewInput } from "@/lib/schemas/quiz-attempt";
import { responseField, type CommittedAnswer } from "@/lib/server/quiz/check";
import { feedbackExtras } from "@/lib/server/quiz/check-view";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { fromDbRow, type CardDbRow, type CardRow } from "@/lib/core/quiz/fsrs";
import { getPinnedQuestions, pinnedKey, type PinnedQuestion } from "@/lib/server/quiz/questions";
import { v7 as timeOrderedId } from "uuid";
import { reviewSettings, scheduleReview } from "@/lib/server/quiz/review-settings";
import { hit, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";

/** End of the current UTC day; use endOfLocalDay with the user's zone wherever a user is known. */
export function endOfDay(now: Date, timeZone = "UTC"): Date {
  return endOfLocalDay(now, timeZone);
}

/** "new": never studied on /review yet (only met in quizzes); then FSRS's learning/relearning vs review. */
export type ReviewCategory = "new" | "learning" | "review";

export type QueueCard = {
  questionId: string;
  version: number;
  due: Date;
  state: number;
  reps: number;
  category: ReviewCategory;
  pending: { score: number; response: unknown } | null;
};

export type ReviewQueue = {
  timeZone: string;
  endOfDay: Date;
  /** Cards in `cards` by category: the counts always describe exactly the queue. */
  counts: Record<ReviewCategory, number>;
  /** Study order: an answered-but-unrated card, then cards due now (learning, review, new), then later today. */
  cards: QueueCard[];
  /** New cards due today but held back by the daily limit. */
  newHeldBack: number;
  newCardsPerDay: number;
};

export async function userTimeZone(userId: string): Promise<string> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { timeZone: true } });
  return user && isTimeZone(user.timeZone) ? user.timeZone : "UTC";
}

/** Stores the browser's IANA time zone (a 400 naming `timeZone` for anything else). */
export async function setUserTimeZone(userId: string, timeZone: string): Promise<void> {
  if (!isTimeZone(timeZone)) throw new QuizRequestError(400, `timeZone: "${timeZone.slice(0, 64)}" is not an IANA time zone`, "timeZone");
  await db.user.update({ where: { id: userId }, data: { timeZone } });
}

const rank: Record<ReviewCategory, number> = { learning: 0, review: 1, new: 2 };

/** Today's review queue for the user, "today" being their own calendar day. */
export async function reviewQueue(userId: string, now = new Date()): Promise<ReviewQueue> {
  const timeZone = await userTimeZone(userId);
  const end = endOfLocalDay(now, timeZone);
  const start = startOfLocalDay(now, timeZone);
  const settings = reviewSettings();
  const [rows, introducedToday] = await Promise.all([
    db.$queryRaw<
      { question_id: string; version: number; due: Date; state: number; reps: number; pending_score: number | null; pending_response: unknown; introduced: boolean }[]
    >`
      SELECT c.question_id, q.current_version AS version, c.due, c.state, c.reps, c.pending_score, c.pending_response,
        EXISTS (SELECT 1 FROM review_logs l WHERE l.user_id = c.user_id AND l.question_id = c.question_id AND l.source = 'review') AS introduced
      FROM review_cards c JOIN questions q ON q.id = c.question_id
      WHERE c.user_id = ${userId} AND q.status = 'PUBLISHED' AND (c.due <= ${end} OR c.pending_at IS NOT NULL)
      ORDER BY c.due, c.question_id`,
    db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (
        SELECT min(reviewed_at) AS first FROM review_logs WHERE user_id = ${userId} AND source = 'review' GROUP BY question_id
      ) f WHERE f.first >= ${start}`,
  ]);
  const allowedNew = Math.max(0, settings.newCardsPerDay - Number(introducedToday[0]?.n ?? 0));
  let newTaken = 0;
  let newHeldBack = 0;
  const cards: QueueCard[] = [];
  for (const r of rows) {
    const category: ReviewCategory = !r.introduced ? "new" : r.state === 2 ? "review" : "learning";
    const pending = r.pending_score === null ? null : { score: r.pending_score, response: r.pending_response };
    // An answered card is always finished, limit or not: its answer is committed.
    if (category === "new" && !pending) {
      if (newTaken >= allowedNew) {
        newHeldBack++;
        continue;
      }
      newTaken++;
    }
    cards.push({ questionId: r.question_id, version: r.version, due: r.due, state: r.state, reps: r.reps, category, pending });
  }
  const t = now.getTime();
  cards.sort((a, b) => {
    if (!!a.pending !== !!b.pending) return a.pending ? -1 : 1;
    const aNow = a.due.getTime() <= t;
    const bNow = b.due.getTime() <= t;
    if (aNow !== bNow) return aNow ? -1 : 1;
    if (aNow && rank[a.category] !== rank[b.category]) return rank[a.category] - rank[b.category];
    return a.due.getTime() - b.due.getTime();
  });
  const counts = { new: 0, learning: 0, review: 0 };
  for (const c of cards) counts[c.category]++;
  return { timeZone, endOfDay: end, counts, cards, newHeldBack, newCardsPerDay: settings.newCardsPerDay };
}

/**
 * The seed a review card is laid out (and an estimate's values drawn) with: fixed while the card waits to be
 * rated, so a reload shows the same values, and new after each rating.
 */
export function reviewSeed(userId: string, card: Pick<QueueCard, "questionId" | "reps">): string {
  return `${userId}|${card.questionId}|${card.reps}`;
}

/** The pinned question of a queue card. */
export async function queueQuestion(card: QueueCard): Promise<PinnedQuestion | null> {
  return (await getPinnedQuestions([card])).get(pinnedKey(card.questionId, card.version)) ?? null;
}

/** Feedback for a committed review answer. */
export function reviewFeedback(p: PinnedQuestion, seed: string, score: number, response: unknown, alreadyCommitted: boolean): CommittedAnswer {
  const { feedback, correct } = scoreResponse(p.question, response, seed);
  return { score, correct, feedback, ...feedbackExtras(p.question), response, alreadyCommitted };
}

/**
 * Answers a card of today's queue: the answer is committed to the card (and scored) before its feedback is
 * returned; answering again returns the first answer. Only cards in the user's queue, rate-limited.
 */
export async function answerReview(userId: string, input: AnswerReviewInput, now = new Date()): Promise<CommittedAnswer> {
  const verdict = await hit(RATE_LIMITS.quizCheckPerUser, userId);
  if (!verdict.ok) throw new QuizRequestError(429, `Too many answers checked; try again in ${verdict.retryAfterSeconds} s.`);
  const queue = await reviewQueue(userId, now);
  const card = queue.cards.find((c) => c.questionId === input.questionId);
  if (!card) throw new QuizRequestError(400, `questionId: "${input.questionId}" is not in your reviews for today`, "questionId");
  if (card.version !== input.version) {
    throw new QuizRequestError(400, `version: this card is on version ${card.version}, not ${input.version}; reload`, "version");
  }
  const pinned = await queueQuestion(card);
  if (!pinned) throw new Error(`question ${card.questionId}@${card.version} is missing`);
  const seed = reviewSeed(userId, card);
  if (card.pending) return reviewFeedback(pinned, seed, card.pending.score, card.pending.response, true);
  const checked = validateResponse(pinned.question, input.response);
  if (!checked.ok) {
    const field = responseField("response", checked.error.field);
    throw new QuizRequestError(400, `${field}: ${checked.error.message}`, field);
  }
  const { score } = scoreResponse(pinned.question, input.response, seed);
  const written = await db.reviewCard.updateMany({
    where: { userId, questionId: input.questionId, pendingAt: null },
    data: { pendingScore: score, pendingResponse: input.response as object, pendingAt: now },
  });
  if (written.count === 0) {
    const winner = await db.reviewCard.findUnique({ where: { userId_questionId: { userId, questionId: input.questionId } } });
    if (winner?.pendingScore != null) return reviewFeedback(pinned, seed, winner.pendingScore, winner.pendingResponse, true);
    throw new QuizRequestError(409, "questionId: this card changed meanwhile; reload", "questionId");
  }
  return reviewFeedback(pinned, seed, score, input.response, false);
}

const snapshotSchema = cardSnapshot.extend({
  pendingScore: z.number().nullable(),
  pendingResponse: z.unknown(),
  pendingAt: z.iso.datetime({ offset: true }).nullable(),
});

export type ReviewOutcome = { rating: RatingName; nextDue: string; questionId: string };

/**
 * Rates the card just answered: the rating is the candidate's, capped by the committed score (suggestRating),
 * so a wrong answer always comes back soon. One transaction schedules the card with ts-fsrs, clears the answer
 * and logs the rating with the card as it was, which is what makes undo exact.
 */
export async function rateReview(userId: string, input: RateReviewInput, now = new Date()): Promise<ReviewOutcome> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<(CardDbRow & { pending_score: number | null; pending_response: unknown; pending_at: Date | null })[]>`SELECT due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review,
        pending_score, pending_response, pending_at
      FROM review_cards WHERE user_id = ${userId} AND question_id = ${input.questionId} FOR UPDATE`;
    const r = rows[0];
    if (!r || r.pending_score === null) {
      throw new QuizRequestError(400, `questionId: answer "${input.questionId}" before rating it`, "questionId");
    }
    const current: CardRow = fromDbRow(r);
    const rating = suggestRating(r.pending_score, input.selfRating);
    const { card, log } = scheduleReview(current, rating, now);
    const previous = {
      ...current,
      due: current.due.toISOString(),
      lastReview: current.lastReview?.toISOString() ?? null,
      pendingScore: r.pending_score,
      pendingResponse: r.pending_response,
      pendingAt: r.pending_at?.toISOString() ?? null,
    };
    await tx.reviewCard.update({
      where: { userId_questionId: { userId, questionId: input.questionId } },
      data: { ...card, pendingScore: null, pendingResponse: Prisma.DbNull, pendingAt: null },
    });
    await tx.reviewLog.create({
      data: {
        id: timeOrderedId(),
        userId,
        questionId: input.questionId,
        rating: log.rating,
        state: log.state,
        due: log.due,
        reviewedAt: now,
        source: "review",
        previous: previous as object,
      },
    });
    return { rating, nextDue: card.due.toISOString(), questionId: input.questionId };
  });
}

/**
 * Undoes the user's last /review rating: the card goes back exactly as it was (answer included, so it is not
 * re-answered), and the log entry goes. Refused when that card has been rated again since.
 */
export async function undoLastReview(userId: string): Promise<{ questionId: string }> {
  return db.$transaction(async (tx) => {
    const last = await tx.reviewLog.findFirst({
      where: { userId, source: "review", previous: { not: Prisma.DbNull } },
      orderBy: { reviewedAt: "desc" },
    });
    const parsed = last ? snapshotSchema.safeParse(last.previous) : null;
    if (!last || !parsed?.success) throw new QuizRequestError(409, "There is no rating to undo.");
    const prev = parsed.data;
    const restored = await tx.$executeRaw`
      UPDATE review_cards SET due = ${new Date(prev.due)}, stability = ${prev.stability}, difficulty = ${prev.difficulty},
        elapsed_days = ${prev.elapsedDays}, scheduled_days = ${prev.scheduledDays}, learning_steps = ${prev.learningSteps},
        reps = ${prev.reps}, lapses = ${prev.lapses}, state = ${prev.state},
        last_review = ${prev.lastReview ? new Date(prev.lastReview) : null},
        pending_score = ${prev.pendingScore}, pending_response = ${JSON.stringify(prev.pendingResponse ?? null)}::jsonb,
        pending_at = ${prev.pendingAt ? new Date(prev.pendingAt) : null}
      WHERE user_id = ${userId} AND question_id = ${last.questionId} AND reps = ${prev.reps + 1}`;
    if (restored !== 1) throw new QuizRequestError(409, "That card has changed since; there is nothing to undo.");
    await tx.reviewLog.delete({ where: { id: last.id } });
    return { questionId: last.questionId };
  });
}
