import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { generatorParameters, Rating } from "ts-fsrs";
import { z } from "zod";
import { db } from "@/lib/server/kernel/db";
import type { RatingName } from "@/lib/core/quiz/score";
import { fromDbRow, newCardRow, type CardDbRow, type CardRow } from "@/lib/core/quiz/fsrs";
import { reviewSettings, scheduleReview } from "@/lib/server/quiz/review-settings";
import { ensureQueue } from "./boss";
import { lockRunQueueing, workBatches, type RunQueue, type WorkOptions } from "./runs";

/**
 * Rebuilding review schedules: when the scheduler's settings change (REVIEW_LEARNING_STEPS,
 * REVIEW_RELEARNING_STEPS, or ts-fsrs's default weights after an upgrade), every review card is replayed from its
 * review log with the settings now in force, so its due date is what it would have been had they always applied.
 * One job per user: a user's cards and logs change together, in one transaction.
 */
export const FSRS_QUEUE = "rebuild-review-schedule";

export const fsrsJobSchema = z.object({ runId: z.uuid(), userId: z.string().min(1), settingsKey: z.string().min(1), settings: z.string() });
export type FsrsJob = z.infer<typeof fsrsJobSchema>;

/** The settings that decide a schedule: a fingerprint to compare runs by, and a sentence for the admin page. */
export function scheduleSettings(): { key: string; label: string } {
  const s = reviewSettings();
  const params = generatorParameters({ enable_fuzz: false, learning_steps: s.learningSteps, relearning_steps: s.relearningSteps });
  const key = createHash("sha256").update(JSON.stringify(params)).digest("hex").slice(0, 16);
  const list = (steps: readonly string[]) => (steps.length ? steps.join(", ") : "none");
  return { key, label: `learning steps ${list(s.learningSteps)}; relearning steps ${list(s.relearningSteps)}` };
}

/**
 * Queues a rebuild of every user's review schedule under the current settings. `onlyIfChanged` (the worker on
 * start) queues nothing when a run for these settings exists already; an admin's request queues a fresh run
 * unless one for these settings is still in progress. An advisory lock serialises the check across machines.
 */
export async function queueFsrsRun(boss: PgBoss, options: { onlyIfChanged: boolean }): Promise<{ runId: string; queued: number; existing: boolean }> {
  await ensureQueue(boss, FSRS_QUEUE);
  const settings = scheduleSettings();
  return db.$transaction(
    async (tx) => {
      await lockRunQueueing(tx, 72707103);
      const existing = options.onlyIfChanged
        ? await tx.$queryRaw<{ run_id: string }[]>`
            SELECT data->>'runId' AS run_id FROM (SELECT data FROM pgboss.job WHERE name = ${FSRS_QUEUE}
              UNION ALL SELECT data FROM pgboss.archive WHERE name = ${FSRS_QUEUE}) j
            WHERE data->>'settingsKey' = ${settings.key} LIMIT 1`
        : await tx.$queryRaw<{ run_id: string }[]>`
            SELECT data->>'runId' AS run_id FROM pgboss.job WHERE name = ${FSRS_QUEUE} AND data->>'settingsKey' = ${settings.key}
              AND state < 'completed' LIMIT 1`;
      if (existing[0]) return { runId: existing[0].run_id, queued: 0, existing: true };
      const runId = randomUUID();
      const users = await tx.$queryRaw<{ user_id: string }[]>`SELECT DISTINCT user_id FROM review_cards ORDER BY user_id`;
      for (let i = 0; i < users.length; i += 1000) {
        await boss.insert(
          users.slice(i, i + 1000).map((u) => ({
            name: FSRS_QUEUE,
            data: { runId, userId: u.user_id, settingsKey: settings.key, settings: settings.label } satisfies FsrsJob,
          })),
        );
      }
      return { runId, queued: users.length, existing: false };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

// ts-fsrs's numbering (1 Again … 4 Easy), the one review_logs.rating stores. Not the quiz core's list: importing it
// loads the quiz scorer and mathjs (3.9 s of CPU under tsx at load 30) for four names. The worker still loads
// mathjs through the statistics job (lib/schemas/question validates estimate formulas with it).
const RATING_NAMES: Partial<Record<number, RatingName>> = { [Rating.Again]: "Again", [Rating.Hard]: "Hard", [Rating.Good]: "Good", [Rating.Easy]: "Easy" };

type LogRow = { id: string; question_id: string; rating: number; reviewed_at: Date; source: string; previous: unknown };
type Replayed = { card: CardRow; logs: { id: string; state: number; due: Date; previous: unknown }[] };

/** The card row as a log's `previous` snapshot stores it (times as ISO text), keeping the snapshot's other fields. */
function snapshot(previous: unknown, card: CardRow): unknown {
  if (typeof previous !== "object" || previous === null) return previous;
  return { ...previous, ...card, due: card.due.toISOString(), lastReview: card.lastReview?.toISOString() ?? null };
}

/**
 * Replays one card's log from a new card: each rating at its time, with the scheduler settings in force now.
 * The first rating is made on a card created at that moment, as a quiz submission creates it.
 */
export function replayCard(logs: LogRow[]): Replayed | string {
  const first = logs[0];
  if (!first) return "The card has no review log to rebuild it from.";
  let card = newCardRow(first.reviewed_at);
  const out: Replayed["logs"] = [];
  for (const log of logs) {
    const rating = RATING_NAMES[log.rating];
    if (!rating) return `A review log entry has rating ${log.rating}, which is not one of Again, Hard, Good or Easy (1 to 4).`;
    const before = card;
    const next = scheduleReview(card, rating, log.reviewed_at);
    card = next.card;
    // A /review rating keeps the card as it was before it, for undo: that snapshot is rebuilt too.
    out.push({ id: log.id, state: next.log.state, due: next.card.due, previous: log.source === "review" ? snapshot(log.previous, before) : log.previous });
  }
  return { card, logs: out };
}

const sameCard = (a: CardRow, b: CardRow) =>
  a.due.getTime() === b.due.getTime() &&
  a.stability === b.stability &&
  a.difficulty === b.difficulty &&
  a.elapsedDays === b.elapsedDays &&
  a.scheduledDays === b.scheduledDays &&
  a.learningSteps === b.learningSteps &&
  a.reps === b.reps &&
  a.lapses === b.lapses &&
  a.state === b.state &&
  (a.lastReview?.getTime() ?? null) === (b.lastReview?.getTime() ?? null);

/**
 * Rebuilds one user's review cards from their logs in one transaction (cards locked, so a rating made meanwhile
 * waits and then applies to the rebuilt card). Cards without a log are left as they are; an answer waiting for
 * its rating on /review is kept. Returns the number of cards whose schedule changed, or why it cannot rebuild.
 */
export async function rebuildUserSchedule(userId: string): Promise<{ changed: number } | { failed: string }> {
  return db.$transaction(
    async (tx) => {
      const cards = await tx.$queryRaw<(CardDbRow & { question_id: string })[]>`
        SELECT question_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review
        FROM review_cards WHERE user_id = ${userId} ORDER BY question_id FOR UPDATE`;
      const logs = await tx.$queryRaw<LogRow[]>`
        SELECT id, question_id, rating, reviewed_at, source, previous FROM review_logs WHERE user_id = ${userId} ORDER BY question_id, reviewed_at, id`;
      const byQuestion = new Map<string, LogRow[]>();
      for (const l of logs) byQuestion.set(l.question_id, [...(byQuestion.get(l.question_id) ?? []), l]);
      const cardUpdates: { q: string; card: CardRow }[] = [];
      const logUpdates: Replayed["logs"] = [];
      for (const c of cards) {
        const own = byQuestion.get(c.question_id);
        if (!own) continue;
        const replayed = replayCard(own);
        if (typeof replayed === "string") return { failed: replayed };
        logUpdates.push(...replayed.logs);
        if (!sameCard(replayed.card, fromDbRow(c))) cardUpdates.push({ q: c.question_id, card: replayed.card });
      }
      if (cardUpdates.length) {
        const col = <T,>(f: (c: CardRow) => T) => cardUpdates.map((u) => f(u.card));
        await tx.$executeRaw`
          UPDATE review_cards AS c SET due = u.due, stability = u.stability, difficulty = u.difficulty, elapsed_days = u.ed,
            scheduled_days = u.sd, learning_steps = u.ls, reps = u.reps, lapses = u.lapses, state = u.st, last_review = u.lr
          FROM unnest(${cardUpdates.map((u) => u.q)}::text[], ${col((c) => c.due)}::timestamptz[], ${col((c) => c.stability)}::float8[],
            ${col((c) => c.difficulty)}::float8[], ${col((c) => c.elapsedDays)}::int[], ${col((c) => c.scheduledDays)}::int[],
            ${col((c) => c.learningSteps)}::int[], ${col((c) => c.reps)}::int[], ${col((c) => c.lapses)}::int[], ${col((c) => c.state)}::int[],
            ${col((c) => c.lastReview)}::timestamptz[]) AS u(q, due, stability, difficulty, ed, sd, ls, reps, lapses, st, lr)
          WHERE c.user_id = ${userId} AND c.question_id = u.q`;
      }
      if (logUpdates.length) {
        await tx.$executeRaw`
          UPDATE review_logs AS l SET state = u.st, due = u.due, previous = u.prev
          FROM unnest(${logUpdates.map((l) => l.id)}::text[], ${logUpdates.map((l) => l.state)}::int[], ${logUpdates.map((l) => l.due)}::timestamptz[],
            ${logUpdates.map((l) => (l.previous === null || l.previous === undefined ? null : JSON.stringify(l.previous)))}::jsonb[]) AS u(id, st, due, prev)
          WHERE l.id = u.id`;
      }
      return { changed: cardUpdates.length };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/** Starts processing schedule rebuilds. */
export async function workFsrsRebuilds(boss: PgBoss, options: WorkOptions = {}): Promise<string> {
  await ensureQueue(boss, FSRS_QUEUE);
  return workBatches(
    boss,
    FSRS_QUEUE,
    fsrsJobSchema,
    async (job) => {
      const here = scheduleSettings();
      // The worker schedules with its own environment: a run queued under other settings would rebuild wrongly.
      if (here.key !== job.settingsKey) {
        return `This worker schedules with ${here.label}, but the run was queued for ${job.settings}: give workers and app instances the same REVIEW_* settings, then retry.`;
      }
      const outcome = await rebuildUserSchedule(job.userId);
      return "failed" in outcome ? outcome.failed : null;
    },
    options,
  );
}

/** Schedule rebuild runs for the admin page: the target is the settings sentence, a failure names its user. */
export const FSRS_RUNS: RunQueue = {
  kind: "fsrs",
  queue: FSRS_QUEUE,
  targetField: "settings",
  subjects: async (data) => {
    const ids = data.map((d) => fsrsJobSchema.safeParse(d).data?.userId ?? "");
    const found = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
    const names = new Map(found.map((u) => [u.id, `${u.name} (${u.email})`]));
    return ids.map((id) => names.get(id) ?? "A deleted account");
  },
};
