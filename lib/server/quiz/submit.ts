import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { applyHintCost, scoreResponse, suggestRating, validateResponse, type QuestionLayout } from "@/lib/core/quiz";
import type { Feedback, Question } from "@/lib/schemas/question";
import { attemptPlanItemsSchema, type AttemptPlanItem, type SubmitAttemptInput } from "@/lib/schemas/quiz-attempt";
import { canonicalHash, canonicalJson } from "@/lib/server/quiz/canonical";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { newCardRow, scheduleReview, type CardRow } from "@/lib/server/quiz/fsrs";
import { query, sql } from "@/lib/server/quiz/pg";
import { hintCostOf } from "@/lib/server/quiz/hints";
import { loadPlan, planQuestions, type StoredPlan } from "@/lib/server/quiz/plans";
import { getPinnedQuestions, pinnedKey, type PinnedQuestion } from "@/lib/server/quiz/questions";

export type AttemptAnswerResult = {
  questionId: string;
  version: number;
  chapter: string;
  section: string;
  score: number;
  correct: boolean;
  /** Share of the mark taken off for hints (0.25 = 25 %); absent when no hint was asked for. */
  hintCost?: number;
  feedback: Feedback;
};

/** The response body of a submission; a retried submission gets exactly this again. */
export type AttemptResult = {
  attempt: {
    id: string;
    kind: string;
    chapter: string | null;
    score: number;
    maxScore: number;
    correctCount: number;
    questionCount: number;
    durationMs: number;
    startedAt: string;
    submittedAt: string;
  };
  answers: AttemptAnswerResult[];
};

export type SubmitOutcome = { status: 201 | 200; replayed: boolean; body: AttemptResult };

type Scored = {
  pinned: PinnedQuestion;
  response: unknown;
  score: number;
  correct: boolean;
  hintCost: number;
  feedback: Feedback;
  timeMs: number | null;
  rating: ReturnType<typeof suggestRating>;
};

const MAX_INT = 2_147_483_647;

function answerResult(
  q: Question,
  version: number,
  score: number,
  correct: boolean,
  feedback: Feedback,
  hintCost: number,
): AttemptAnswerResult {
  return {
    questionId: q.id,
    version,
    chapter: q.chapter,
    section: q.section,
    score,
    correct,
    ...(hintCost > 0 ? { hintCost } : {}),
    feedback,
  };
}

/**
 * Every check that needs no write, against the attempt the page was dealt: each answer must be for one of its
 * questions at the version it pinned, and an answer committed by checking it cannot be changed (it may be left
 * out: the committed one is used). Returns the answers in the attempt's order. Throws a 400 naming the field.
 */
async function scoreAll(input: SubmitAttemptInput, plan: StoredPlan): Promise<Scored[]> {
  if (input.kind !== undefined && input.kind !== plan.kind) {
    throw new QuizRequestError(400, `kind: this attempt is a ${plan.kind} quiz, not ${input.kind}`, "kind");
  }
  if (input.chapter !== undefined && input.chapter !== plan.chapter) {
    throw new QuizRequestError(400, `chapter: this attempt is not a quiz on "${input.chapter}"`, "chapter");
  }
  const questions = await planQuestions(plan);
  const position = new Map(plan.items.map((item, i) => [item.questionId, i]));
  const sent = new Map<number, Scored>();
  input.answers.forEach((a, i) => {
    const at = position.get(a.questionId);
    if (at === undefined) {
      throw new QuizRequestError(400, `answers[${i}].questionId: "${a.questionId}" is not a question of this attempt`, `answers[${i}].questionId`);
    }
    const p = questions[at] as PinnedQuestion;
    if (p.version !== a.version) {
      throw new QuizRequestError(
        400,
        `answers[${i}].version: this attempt uses version ${p.version} of "${a.questionId}", not ${a.version}`,
        `answers[${i}].version`,
      );
    }
    const committed = plan.committed[a.questionId];
    if (committed && canonicalJson(committed.response) !== canonicalJson(a.response)) {
      throw new QuizRequestError(
        400,
        `answers[${i}].response: this answer was committed when it was checked and cannot be changed`,
        `answers[${i}].response`,
      );
    }
    const checked = validateResponse(p.question, a.response);
    if (!checked.ok) {
      const field = `answers[${i}].response${checked.error.field === "response" ? "" : `.${checked.error.field}`}`;
      throw new QuizRequestError(400, `${field}: ${checked.error.message}`, field);
    }
    const layout = (plan.items[at] as AttemptPlanItem).layout;
    const hintCost = committed ? (committed.hintCost ?? 0) : hintCostOf(p.question, plan.hints[a.questionId]);
    const result = applyHintCost(scoreResponse(p.question, a.response, layout), hintCost);
    sent.set(at, {
      pinned: p,
      response: a.response,
      score: committed?.score ?? result.score,
      correct: committed?.correct ?? result.correct,
      hintCost,
      feedback: result.feedback,
      timeMs: a.timeMs ?? null,
      rating: suggestRating(committed?.score ?? result.score, a.selfRating),
    });
  });
  const scored = questions.flatMap((p, at): Scored[] => {
    const fromBody = sent.get(at);
    if (fromBody) return [fromBody];
    const committed = plan.committed[p.question.id];
    if (!committed) return [];
    const { feedback } = scoreResponse(p.question, committed.response, (plan.items[at] as AttemptPlanItem).layout);
    return [
      {
        pinned: p,
        response: committed.response,
        score: committed.score,
        correct: committed.correct,
        hintCost: committed.hintCost ?? 0,
        feedback,
        timeMs: null,
        rating: suggestRating(committed.score, undefined),
      },
    ];
  });
  if (scored.length === 0) throw new QuizRequestError(400, "answers: answer at least one question before submitting", "answers");
  return scored;
}

type CardDbRow = {
  question_id: string;
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
};

/**
 * Scores a submission against the question versions it names and stores the attempt, its answers, review
 * logs and review-card updates atomically (one statement, or one transaction on the locked path). Idempotent per (user, idempotencyKey): the unique constraint, not
 * a pre-check, decides who wins a race, and the loser replays the winner's stored result. The same key with
 * a different body is refused with 422.
 */
export async function submitAttempt(userId: string, input: SubmitAttemptInput, now = new Date()): Promise<SubmitOutcome> {
  const requestHash = canonicalHash(input);
  const plan = await loadPlan(userId, input.attemptId);
  if (plan.submittedAt) return replay(userId, input.idempotencyKey, requestHash);
  const scored = await scoreAll(input, plan);

  // The attempt started when it was dealt; the browser's clock has no say.
  const startedAt = plan.createdAt;
  const durationMs = Math.min(MAX_INT, Math.max(0, now.getTime() - startedAt.getTime()));
  const score = scored.reduce((s, a) => s + a.score, 0);
  const correctCount = scored.filter((a) => a.correct).length;
  const attemptId = plan.id;
  const chapter = plan.chapter;
  const kind = plan.kind;
  // Questions left blank still count: the mark is out of every question dealt.
  const questionCount = plan.items.length;
  const committedJson = JSON.stringify(plan.committed);
  const hintsJson = JSON.stringify(plan.hints);

  const qids = [...new Set(scored.map((a) => a.pinned.question.id))];
  const ratingOf = new Map(scored.map((a) => [a.pinned.question.id, a.rating]));

  const args: StoreArgs = {
    attemptId,
    userId,
    input,
    kind,
    questionCount,
    committedJson,
    hintsJson,
    requestHash,
    chapter,
    score,
    correctCount,
    durationMs,
    startedAt,
    now,
    scored,
    qids,
    ratingOf,
  };
  let inserted = false;
  try {
    inserted = await enqueue(args);
  } catch (error) {
    // The session named a user that no longer exists (deleted after signing in).
    if (isForeignKeyViolation(error)) throw new QuizRequestError(401, "Your account no longer exists; sign in again.");
    throw error;
  }

  if (!inserted) return replay(userId, input.idempotencyKey, requestHash);

  return {
    status: 201,
    replayed: false,
    body: {
      attempt: {
        id: attemptId,
        kind,
        chapter,
        score,
        maxScore: questionCount,
        correctCount,
        questionCount,
        durationMs,
        startedAt: startedAt.toISOString(),
        submittedAt: now.toISOString(),
      },
      answers: scored.map((a) =>
        answerResult(a.pinned.question, a.pinned.version, a.score, a.correct, a.feedback, a.hintCost),
      ),
    },
  };
}

const OPTIMISTIC_TRIES = 3;
const LOCKED_TRIES = 5;

/**
 * Tests flip this to drive every submission through the locked transaction, the path that contention between
 * several app instances ends up on (within one instance, per-user batching keeps it rare).
 */
export const submitTuning = { forceLocked: false };
// Under a burst, locked transactions queue for a pooled connection; Prisma's 2 s default gives up too soon.
const TX_OPTIONS = { maxWait: 20_000, timeout: 20_000 };

class NotClaimed extends Error {}

/** Runs one parameterised statement: node-postgres on the fast path, the Prisma transaction when locking. */
type Runner = <R extends Record<string, unknown>>(q: { text: string; values: unknown[] }) => Promise<R[]>;

/**
 * Optimistic first (cheap, no transaction); when the same cards keep changing underneath (one user hammering
 * the same questions), fall back to a transaction that locks the cards, which always makes progress.
 */
async function store(args: StoreArgs): Promise<boolean> {
  for (let attempt = 1; attempt <= (submitTuning.forceLocked ? 0 : OPTIMISTIC_TRIES); attempt++) {
    try {
      return await storeOnce(query, args, false);
    } catch (error) {
      if (isUnclaimed(error)) return false;
      if (!isRetryable(error)) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 3 * attempt));
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => storeOnce((q) => tx.$queryRawUnsafe(q.text, ...q.values), args, true), TX_OPTIONS);
    } catch (error) {
      if (error instanceof NotClaimed || isUnclaimed(error)) return false;
      // Only a deadlock can get here (the cards are locked); Postgres picked us as the victim, so go again.
      if (!isRetryable(error) || attempt >= LOCKED_TRIES) throw error;
    }
  }
}
const CONFLICT_MARK = "review-card-conflict";
const UNCLAIMED_MARK = "attempt-key-taken";

function isUnclaimed(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error);
  return text.includes(UNCLAIMED_MARK);
}

/** A card changed between reading and writing it (optimistic check), or Postgres broke a deadlock. */
function isRetryable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error);
  return text.includes(CONFLICT_MARK) || text.includes("40P01") || text.includes("deadlock detected");
}

type StoreArgs = {
  attemptId: string;
  userId: string;
  input: SubmitAttemptInput;
  kind: "chapter" | "mixed";
  questionCount: number;
  /** attempt_plans.committed as read: the submission wins only if no answer was committed since. */
  committedJson: string;
  /** attempt_plans.hints as read: a hint revealed since means the costs used here are stale. */
  hintsJson: string;
  requestHash: string;
  chapter: string | null;
  score: number;
  correctCount: number;
  durationMs: number;
  startedAt: Date;
  now: Date;
  scored: Scored[];
  qids: string[];
  ratingOf: Map<string, ReturnType<typeof suggestRating>>;
};

/**
 * Two round trips and no explicit transaction: read the review cards, schedule them in JS, then one statement
 * that claims the idempotency key and writes the attempt, answers, review logs and cards. A single statement
 * is atomic by itself and holds row locks only while Postgres runs it, which is what keeps the submit path
 * fast under concurrency. Cards are written with an optimistic check (reps unchanged since the read); if
 * another submission got there first the statement fails as a whole and is retried with fresh card state.
 * A concurrent request with the same key waits on the unique index, then finds the key taken (false).
 */
async function storeOnce(run: Runner, args: StoreArgs, lock: boolean): Promise<boolean> {
  const { attemptId, userId, input, requestHash, chapter, score, correctCount, durationMs, startedAt, now, scored, qids, kind, questionCount } =
    args;
  if (lock) {
    // Create missing cards as new ones first so every card has a row to lock, then lock them in id order.
    const blank = newCardRow(now);
    await run(sql`
      INSERT INTO review_cards (user_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days,
        learning_steps, reps, lapses, state, last_review)
      SELECT ${userId}, q, ${blank.due}, 0, 0, 0, 0, 0, 0, 0, 0, NULL FROM unnest(${[...qids].sort()}::text[]) AS q
      ON CONFLICT (user_id, question_id) DO NOTHING`);
  }
  const rows = lock
    ? await run<CardDbRow>(sql`
        SELECT question_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review
        FROM review_cards WHERE user_id = ${userId} AND question_id = ANY(${qids}::text[]) ORDER BY question_id FOR UPDATE`)
    : await run<CardDbRow>(sql`
        SELECT question_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review
        FROM review_cards WHERE user_id = ${userId} AND question_id = ANY(${qids}::text[])`);
  const current = new Map(rows.map((c) => [c.question_id, c]));
  const empty = newCardRow(now);
  const fresh: { qid: string; card: CardRow; log: { rating: number; state: number; due: Date } }[] = [];
  const known: { qid: string; oldReps: number; card: CardRow }[] = [];
  const logs: { qid: string; rating: number; state: number; due: Date }[] = [];
  for (const qid of qids) {
    const c = current.get(qid);
    const before: CardRow = c
      ? {
          due: c.due,
          stability: c.stability,
          difficulty: c.difficulty,
          elapsedDays: c.elapsed_days,
          scheduledDays: c.scheduled_days,
          learningSteps: c.learning_steps,
          reps: c.reps,
          lapses: c.lapses,
          state: c.state,
          lastReview: c.last_review,
        }
      : empty;
    const next = scheduleReview(before, args.ratingOf.get(qid) ?? "Again", now);
    if (c) known.push({ qid, oldReps: c.reps, card: next.card });
    else fresh.push({ qid, card: next.card, log: next.log });
    logs.push({ qid, ...next.log });
  }
  const all = [...fresh.map((f) => ({ qid: f.qid, card: f.card })), ...known.map((k) => ({ qid: k.qid, card: k.card }))];
  const col = <T,>(pick: (c: CardRow) => T, list: { card: CardRow }[]) => list.map((x) => pick(x.card));
  const iso = (d: Date | null) => (d ?? now).toISOString();

  const result = await run<{ claimed: bigint; ok: number }>(sql`
    WITH close AS (
      UPDATE attempt_plans SET submitted_at = ${now}
      WHERE id = ${attemptId} AND user_id = ${userId} AND submitted_at IS NULL AND committed = ${args.committedJson}::jsonb
        AND hints = ${args.hintsJson}::jsonb
      RETURNING id
    ),
    claim AS (
      INSERT INTO quiz_attempts (id, user_id, idempotency_key, request_hash, kind, chapter, score, max_score,
        correct_count, question_count, duration_ms, started_at, submitted_at)
      SELECT close.id, ${userId}, ${input.idempotencyKey}, ${requestHash}, ${kind}, ${chapter},
        ${score}, ${questionCount}, ${correctCount}, ${questionCount}, ${durationMs}, ${startedAt}, ${now}
      FROM close
      ON CONFLICT DO NOTHING
      RETURNING id
    ),
    answers AS (
      INSERT INTO quiz_answers (id, attempt_id, question_version_id, question_id, position, response, score, correct, time_ms, hint_cost)
      SELECT gen_random_uuid()::text, claim.id, v, q, p, r::jsonb, s, ok, NULLIF(t, -1), hc
      FROM claim, unnest(${scored.map((a) => a.pinned.versionId)}::text[], ${scored.map((a) => a.pinned.question.id)}::text[],
        ${scored.map((_, i) => i)}::int[], ${scored.map((a) => JSON.stringify(a.response))}::text[],
        ${scored.map((a) => a.score)}::float8[], ${scored.map((a) => a.correct)}::bool[],
        ${scored.map((a) => a.timeMs ?? -1)}::int[], ${scored.map((a) => a.hintCost)}::float8[]) AS x(v, q, p, r, s, ok, t, hc)
      RETURNING 1
    ),
    logs AS (
      INSERT INTO review_logs (id, user_id, question_id, rating, state, due, reviewed_at)
      SELECT gen_random_uuid()::text, ${userId}, q, r, st, d, ${now}
      FROM claim, unnest(${logs.map((l) => l.qid)}::text[], ${logs.map((l) => l.rating)}::int[], ${logs.map((l) => l.state)}::int[],
        ${logs.map((l) => l.due.toISOString())}::timestamptz[]) AS x(q, r, st, d)
      RETURNING 1
    ),
    cards AS (
      INSERT INTO review_cards AS c (user_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days,
        learning_steps, reps, lapses, state, last_review)
      SELECT ${userId}, u.q, u.due, u.stability, u.difficulty, u.elapsed_days, u.scheduled_days, u.learning_steps, u.reps,
        u.lapses, u.state, u.last_review
      FROM claim, unnest(${all.map((x) => x.qid)}::text[], ${col((c) => c.due.toISOString(), all)}::timestamptz[],
        ${col((c) => c.stability, all)}::float8[], ${col((c) => c.difficulty, all)}::float8[],
        ${col((c) => c.elapsedDays, all)}::int[], ${col((c) => c.scheduledDays, all)}::int[],
        ${col((c) => c.learningSteps, all)}::int[], ${col((c) => c.reps, all)}::int[], ${col((c) => c.lapses, all)}::int[],
        ${col((c) => c.state, all)}::int[], ${col((c) => iso(c.lastReview), all)}::timestamptz[],
        ${[...fresh.map(() => -1), ...known.map((k) => k.oldReps)]}::int[])
        AS u(q, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, old_reps)
      ORDER BY u.q
      ON CONFLICT (user_id, question_id) DO UPDATE SET due = excluded.due, stability = excluded.stability,
        difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
        learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses, state = excluded.state,
        last_review = excluded.last_review
        -- Only a card still as we read it may be overwritten: reps goes up by one on every review.
        WHERE c.reps = excluded.reps - 1
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM claim) AS claimed,
      CASE WHEN (SELECT count(*) FROM claim) = 1 AND (SELECT count(*) FROM cards) <> ${all.length}
        THEN (${CONFLICT_MARK} || (SELECT count(*) FROM cards)::text)::int
        -- The attempt was closed but its key belongs to another attempt: undo the close, report "not claimed".
        WHEN (SELECT count(*) FROM close) <> (SELECT count(*) FROM claim)
        THEN (${UNCLAIMED_MARK} || (SELECT count(*) FROM close)::text)::int ELSE 0 END AS ok`);
  const claimed = Number(result[0]?.claimed ?? 0) === 1;
  // In the locked path the blank cards created above must not outlive a replay: roll the transaction back.
  if (lock && !claimed) throw new NotClaimed();
  return claimed;
}

// ─── Per-user batching ────────────────────────────────────────────────────────────────────────────────────
//
// Submissions from one user all touch that user's review cards. Run concurrently they would keep invalidating
// each other's optimistic check; so within this process each user's submissions queue up, and whatever has
// queued while the previous write ran is written together: one card read and one statement for the lot,
// with the cards scheduled in arrival order. Other processes are still kept honest by the optimistic check.

type Job = { args: StoreArgs; resolve: (claimed: boolean) => void; reject: (error: unknown) => void };
const MAX_BATCH = 64;
const queues = new Map<string, Job[]>();
const flushing = new Set<string>();

function enqueue(args: StoreArgs): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    const queue = queues.get(args.userId) ?? [];
    queue.push({ args, resolve, reject });
    queues.set(args.userId, queue);
    if (!flushing.has(args.userId)) void flush(args.userId);
  });
}

async function flush(userId: string): Promise<void> {
  flushing.add(userId);
  try {
    for (;;) {
      const pending = queues.get(userId) ?? [];
      if (pending.length === 0) {
        queues.delete(userId);
        return;
      }
      // A key twice in one batch would be a replay of itself; the second copy waits for the next round.
      const batch: Job[] = [];
      const rest: Job[] = [];
      const keys = new Set<string>();
      for (const job of pending) {
        if (batch.length < MAX_BATCH && !keys.has(job.args.input.idempotencyKey)) {
          batch.push(job);
          keys.add(job.args.input.idempotencyKey);
        } else rest.push(job);
      }
      queues.set(userId, rest);
      await runBatch(batch);
    }
  } finally {
    flushing.delete(userId);
  }
}

async function runOne(job: Job): Promise<void> {
  try {
    job.resolve(await store(job.args));
  } catch (error) {
    job.reject(error);
  }
}

async function runBatch(batch: Job[]): Promise<void> {
  if (batch.length === 1 || submitTuning.forceLocked) {
    await Promise.all(batch.map(runOne));
    return;
  }
  try {
    await storeBatch(batch.map((j) => j.args));
    for (const job of batch) job.resolve(true);
  } catch {
    // A replayed key, a card changed by another process, or one bad row: settle them one by one instead,
    // so each caller gets its own outcome.
    for (const job of batch) await runOne(job);
  }
}

/** Writes several fresh submissions of one user in one statement; throws (writing nothing) unless all are new. */
async function storeBatch(list: StoreArgs[]): Promise<void> {
  const userId = (list[0] as StoreArgs).userId;
  const allQids = [...new Set(list.flatMap((a) => a.qids))];
  const rows = await query<CardDbRow>(sql`
    SELECT question_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review
    FROM review_cards WHERE user_id = ${userId} AND question_id = ANY(${allQids}::text[])`);
  const state = new Map<string, CardRow>();
  const oldReps = new Map<string, number>();
  for (const c of rows) {
    state.set(c.question_id, {
      due: c.due,
      stability: c.stability,
      difficulty: c.difficulty,
      elapsedDays: c.elapsed_days,
      scheduledDays: c.scheduled_days,
      learningSteps: c.learning_steps,
      reps: c.reps,
      lapses: c.lapses,
      state: c.state,
      lastReview: c.last_review,
    });
    oldReps.set(c.question_id, c.reps);
  }
  const logs: { qid: string; rating: number; state: number; due: Date; at: Date }[] = [];
  for (const a of list) {
    for (const qid of a.qids) {
      const before = state.get(qid) ?? newCardRow(a.now);
      // Reviews must move forward in time even if two submissions' clocks were read out of order.
      const at = before.lastReview && before.lastReview > a.now ? before.lastReview : a.now;
      const next = scheduleReview(before, a.ratingOf.get(qid) ?? "Again", at);
      state.set(qid, next.card);
      logs.push({ qid, ...next.log, at });
    }
  }
  const fresh = allQids.filter((q) => !oldReps.has(q));
  const known = allQids.filter((q) => oldReps.has(q));
  const card = (q: string) => state.get(q) as CardRow;
  const answers = list.flatMap((a) => a.scored.map((s, i) => ({ attemptId: a.attemptId, s, i })));

  await query(sql`
    WITH close AS (
      UPDATE attempt_plans AS p SET submitted_at = x.sub
      FROM unnest(${list.map((a) => a.attemptId)}::text[], ${list.map((a) => a.committedJson)}::text[],
        ${list.map((a) => a.now.toISOString())}::timestamptz[], ${list.map((a) => a.hintsJson)}::text[]) AS x(id, c, sub, h)
      WHERE p.id = x.id AND p.user_id = ${userId} AND p.submitted_at IS NULL AND p.committed = x.c::jsonb AND p.hints = x.h::jsonb
      RETURNING p.id
    ),
    claim AS (
      INSERT INTO quiz_attempts (id, user_id, idempotency_key, request_hash, kind, chapter, score, max_score,
        correct_count, question_count, duration_ms, started_at, submitted_at)
      SELECT id, ${userId}, k, h, kind, ch, sc, n, cc, n, d, st, sub
      FROM unnest(${list.map((a) => a.attemptId)}::text[], ${list.map((a) => a.input.idempotencyKey)}::text[],
        ${list.map((a) => a.requestHash)}::text[], ${list.map((a) => a.kind)}::text[], ${list.map((a) => a.chapter)}::text[],
        ${list.map((a) => a.score)}::float8[], ${list.map((a) => a.questionCount)}::int[], ${list.map((a) => a.correctCount)}::int[],
        ${list.map((a) => a.durationMs)}::int[], ${list.map((a) => a.startedAt.toISOString())}::timestamptz[],
        ${list.map((a) => a.now.toISOString())}::timestamptz[]) AS x(id, k, h, kind, ch, sc, n, cc, d, st, sub)
      WHERE x.id IN (SELECT id FROM close)
      ON CONFLICT DO NOTHING
      RETURNING id
    ),
    answers AS (
      INSERT INTO quiz_answers (id, attempt_id, question_version_id, question_id, position, response, score, correct, time_ms, hint_cost)
      SELECT gen_random_uuid()::text, a, v, q, p, r::jsonb, s, ok, NULLIF(t, -1), hc
      FROM unnest(${answers.map((x) => x.attemptId)}::text[], ${answers.map((x) => x.s.pinned.versionId)}::text[],
        ${answers.map((x) => x.s.pinned.question.id)}::text[], ${answers.map((x) => x.i)}::int[],
        ${answers.map((x) => JSON.stringify(x.s.response))}::text[], ${answers.map((x) => x.s.score)}::float8[],
        ${answers.map((x) => x.s.correct)}::bool[], ${answers.map((x) => x.s.timeMs ?? -1)}::int[],
        ${answers.map((x) => x.s.hintCost)}::float8[]) AS x(a, v, q, p, r, s, ok, t, hc)
      RETURNING 1
    ),
    logs AS (
      INSERT INTO review_logs (id, user_id, question_id, rating, state, due, reviewed_at)
      SELECT gen_random_uuid()::text, ${userId}, q, r, st, d, at
      FROM unnest(${logs.map((l) => l.qid)}::text[], ${logs.map((l) => l.rating)}::int[], ${logs.map((l) => l.state)}::int[],
        ${logs.map((l) => l.due.toISOString())}::timestamptz[], ${logs.map((l) => l.at.toISOString())}::timestamptz[]) AS x(q, r, st, d, at)
      RETURNING 1
    ),
    fresh AS (
      INSERT INTO review_cards (user_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days,
        learning_steps, reps, lapses, state, last_review)
      SELECT ${userId}, q, due, stability, difficulty, ed, sd, ls, reps, lapses, st, lr
      FROM unnest(${fresh}::text[], ${fresh.map((q) => card(q).due.toISOString())}::timestamptz[],
        ${fresh.map((q) => card(q).stability)}::float8[], ${fresh.map((q) => card(q).difficulty)}::float8[],
        ${fresh.map((q) => card(q).elapsedDays)}::int[], ${fresh.map((q) => card(q).scheduledDays)}::int[],
        ${fresh.map((q) => card(q).learningSteps)}::int[], ${fresh.map((q) => card(q).reps)}::int[],
        ${fresh.map((q) => card(q).lapses)}::int[], ${fresh.map((q) => card(q).state)}::int[],
        ${fresh.map((q) => (card(q).lastReview ?? new Date()).toISOString())}::timestamptz[])
        AS x(q, due, stability, difficulty, ed, sd, ls, reps, lapses, st, lr)
      ORDER BY q
      ON CONFLICT (user_id, question_id) DO NOTHING
      RETURNING 1
    ),
    known AS (
      UPDATE review_cards AS c SET due = u.due, stability = u.stability, difficulty = u.difficulty, elapsed_days = u.ed,
        scheduled_days = u.sd, learning_steps = u.ls, reps = u.reps, lapses = u.lapses, state = u.st, last_review = u.lr
      FROM unnest(${known}::text[], ${known.map((q) => card(q).due.toISOString())}::timestamptz[],
        ${known.map((q) => card(q).stability)}::float8[], ${known.map((q) => card(q).difficulty)}::float8[],
        ${known.map((q) => card(q).elapsedDays)}::int[], ${known.map((q) => card(q).scheduledDays)}::int[],
        ${known.map((q) => card(q).learningSteps)}::int[], ${known.map((q) => card(q).reps)}::int[],
        ${known.map((q) => card(q).lapses)}::int[], ${known.map((q) => card(q).state)}::int[],
        ${known.map((q) => (card(q).lastReview ?? new Date()).toISOString())}::timestamptz[],
        ${known.map((q) => oldReps.get(q) as number)}::int[])
        AS u(q, due, stability, difficulty, ed, sd, ls, reps, lapses, st, lr, old_reps)
      WHERE c.user_id = ${userId} AND c.question_id = u.q AND c.reps = u.old_reps
      RETURNING 1
    )
    SELECT CASE WHEN (SELECT count(*) FROM claim) <> ${list.length} OR (SELECT count(*) FROM close) <> ${list.length}
        OR (SELECT count(*) FROM fresh) + (SELECT count(*) FROM known) <> ${allQids.length}
      THEN (${CONFLICT_MARK} || (SELECT count(*) FROM claim)::text)::int ELSE 0 END AS ok`);
}

function isForeignKeyViolation(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return (
    (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2003" || error.code === "P2010") && text.includes("23503")) ||
    text.includes("violates foreign key constraint")
  );
}

/** The stored result of an earlier submission with this key, or 422 if that one had a different body. */
async function replay(userId: string, idempotencyKey: string, requestHash: string): Promise<SubmitOutcome> {
  const attempt = await db.quizAttempt.findUnique({ where: { userId_idempotencyKey: { userId, idempotencyKey } }, select: { id: true, requestHash: true } });
  if (!attempt) {
    // The attempt was closed by another submission (another key), or an answer was committed meanwhile.
    throw new QuizRequestError(409, "attemptId: this attempt has already been submitted, or changed while submitting; reload the quiz", "attemptId");
  }
  if (attempt.requestHash !== requestHash) {
    throw new QuizRequestError(
      422,
      "This idempotencyKey was already used for a different submission; send a new key for a new attempt.",
      "idempotencyKey",
    );
  }
  const body = await loadAttemptResult(userId, attempt.id);
  if (!body) throw new Error("attempt vanished during replay");
  return { status: 200, replayed: true, body };
}

/**
 * A stored attempt rebuilt from its answers and the versions they were scored against (so an edited question
 * never changes it), or null when there is no such attempt for this user.
 */
export async function loadAttemptResult(userId: string, attemptId: string): Promise<AttemptResult | null> {
  return (await loadAttempt(userId, attemptId))?.body ?? null;
}

/** The attempt with each answer's stored response and pinned question, for the results page. */
export async function loadAttempt(
  userId: string,
  attemptId: string,
): Promise<{ body: AttemptResult; responses: unknown[]; questions: Question[]; layouts: (QuestionLayout | string)[] } | null> {
  const attempt = await db.quizAttempt.findFirst({
    where: { id: attemptId, userId },
    include: { answers: { orderBy: { position: "asc" }, include: { questionVersion: { select: { version: true } } } } },
  });
  if (!attempt) return null;
  // The submitted attempt takes its plan's id: the plan's layouts hold the order shown and the drawn values.
  const plan = await db.attemptPlan.findUnique({ where: { id: attempt.id }, select: { userId: true, items: true } });
  const planLayouts = new Map(
    plan && plan.userId === userId ? attemptPlanItemsSchema.parse(plan.items).map((i) => [i.questionId, i.layout] as const) : [],
  );
  const layouts: (QuestionLayout | string)[] = [];
  const pinned = await getPinnedQuestions(
    attempt.answers.map((a) => ({ questionId: a.questionId, version: a.questionVersion.version })),
  );
  const questions: Question[] = [];
  const answers = attempt.answers.map((a) => {
    const p = pinned.get(pinnedKey(a.questionId, a.questionVersion.version));
    if (!p) throw new Error(`question version ${a.questionId}@${a.questionVersion.version} is missing`);
    questions.push(p.question);
    // Attempts without a plan (older ones) fall back to the attempt id as the seed, as they were shown.
    const layout = planLayouts.get(a.questionId) ?? attempt.id;
    layouts.push(layout);
    // Re-scoring the stored response against the pinned version reproduces the feedback; the stored score wins.
    const { feedback } = scoreResponse(p.question, a.response, layout);
    return answerResult(p.question, p.version, a.score, a.correct, feedback, a.hintCost);
  });
  const body: AttemptResult = {
    attempt: {
      id: attempt.id,
      kind: attempt.kind,
      chapter: attempt.chapter,
      score: attempt.score,
      maxScore: attempt.maxScore,
      correctCount: attempt.correctCount,
      questionCount: attempt.questionCount,
      durationMs: attempt.durationMs,
      startedAt: attempt.startedAt.toISOString(),
      submittedAt: attempt.submittedAt.toISOString(),
    },
    answers,
  };
  return { body, responses: attempt.answers.map((a) => a.response), questions, layouts };
}
