import "server-only";
import { db } from "@/lib/db";
import { applyHintCost, scoreResponse, suggestRating, validateResponse, type QuestionLayout } from "@/lib/core/quiz";
import type { Feedback, Question } from "@/lib/schemas/question";
import { attemptPlanItemsSchema, type AttemptPlanItem, type SubmitAttemptInput } from "@/lib/schemas/quiz-attempt";
import { canonicalJson } from "@/lib/core/quiz/canonical";
import { canonicalHash } from "@/lib/server/quiz/canonical-hash";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { fromDbRow, newCardRow, type CardDbRow, type CardRow } from "@/lib/core/quiz/fsrs";
import { scheduleReview } from "@/lib/server/quiz/review-settings";
import { quizPool, sql } from "@/lib/server/quiz/pg";
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

/**
 * Scores a submission against the question versions it names and stores the attempt, its answers, review
 * logs and review-card updates in one transaction. Idempotent per (user, idempotencyKey): the unique
 * constraint, not a pre-check, decides who wins a race, and the loser replays the winner's stored result. The
 * same key with a different body is refused with 422.
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
    if (sqlState(error) === FOREIGN_KEY_VIOLATION) throw new QuizRequestError(401, "Your account no longer exists; sign in again.");
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

// ─── Writing ──────────────────────────────────────────────────────────────────────────────────────────────
//
// One write path: a transaction that claims the attempts, locks the review cards they touch, and writes the
// answers, review logs and cards. Submissions from one user all touch that user's cards, so within this
// process they queue per user and whatever queued while the previous transaction ran is written by the next
// one (group commit: the same path, with a longer list). Between processes the card row locks serialise
// them; Postgres may still pick a transaction as a deadlock victim, and then the whole transaction runs again.

/** SQLSTATEs after which the transaction can simply run again: deadlock victim, serialization failure. */
const RETRYABLE = new Set(["40P01", "40001"]);
const FOREIGN_KEY_VIOLATION = "23503";
const MAX_TRIES = 5;
const MAX_BATCH = 64;

/** The SQLSTATE of a node-postgres error, if it is one. */
function sqlState(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
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

type CardJson = CardDbRow & {
  question_id: string;
  /** True when the row was created by this transaction: the card is new and is scheduled from a blank one. */
  created: boolean;
};

type Job = { args: StoreArgs; resolve: (claimed: boolean) => void; reject: (error: unknown) => void };
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
      // A key or an attempt twice in one transaction would race itself; the second copy waits for the next
      // round, where it finds the first one stored and replays it (or is refused).
      const batch: Job[] = [];
      const rest: Job[] = [];
      const seen = new Set<string>();
      for (const job of pending) {
        const key = `k:${job.args.input.idempotencyKey}`;
        const attempt = `a:${job.args.attemptId}`;
        if (batch.length < MAX_BATCH && !seen.has(key) && !seen.has(attempt)) {
          batch.push(job);
          seen.add(key).add(attempt);
        } else rest.push(job);
      }
      queues.set(userId, rest);
      try {
        const claimed = await store(batch.map((j) => j.args));
        for (const job of batch) job.resolve(claimed.has(job.args.input.idempotencyKey));
      } catch (error) {
        for (const job of batch) job.reject(error);
      }
    }
  } finally {
    flushing.delete(userId);
  }
}

/** Stores the submissions of one user; returns the idempotency keys that were claimed (the rest replay). */
async function store(list: StoreArgs[]): Promise<Set<string>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeOnce(list);
    } catch (error) {
      if (!RETRYABLE.has(sqlState(error) ?? "") || attempt >= MAX_TRIES) throw error;
    }
  }
}

/**
 * Four round trips. The first statement claims each attempt whose plan is still open and unchanged (the plan
 * row locked, the key's unique index deciding between racing keys), closes those plans, and creates or locks
 * the review cards of the claimed attempts, returning their current state. The cards are scheduled here in
 * arrival order; the second statement writes the answers, logs and cards. A submission that claimed nothing
 * wrote nothing, and replays.
 */
async function storeOnce(list: StoreArgs[]): Promise<Set<string>> {
  const userId = (list[0] as StoreArgs).userId;
  // Plans are locked in id order so two transactions of one user never wait on each other in a cycle.
  const byId = [...list].sort((x, y) => (x.attemptId < y.attemptId ? -1 : x.attemptId > y.attemptId ? 1 : 0));
  const cardRefs = list.flatMap((a) => a.qids.map((q) => ({ key: a.input.idempotencyKey, q })));
  const blank = newCardRow((list[0] as StoreArgs).now);
  const client = await quizPool().connect();
  let released = false;
  try {
    await client.query("BEGIN");
    const first = await client.query<{ claimed: string[] | null; cards: CardJson[] | null }>(sql`
      WITH open AS (
        SELECT x.* FROM unnest(${byId.map((a) => a.attemptId)}::text[], ${byId.map((a) => a.input.idempotencyKey)}::text[],
          ${byId.map((a) => a.requestHash)}::text[], ${byId.map((a) => a.kind)}::text[], ${byId.map((a) => a.chapter)}::text[],
          ${byId.map((a) => a.score)}::float8[], ${byId.map((a) => a.questionCount)}::int[], ${byId.map((a) => a.correctCount)}::int[],
          ${byId.map((a) => a.durationMs)}::int[], ${byId.map((a) => a.startedAt.toISOString())}::timestamptz[],
          ${byId.map((a) => a.now.toISOString())}::timestamptz[], ${byId.map((a) => a.committedJson)}::text[],
          ${byId.map((a) => a.hintsJson)}::text[]) AS x(id, k, h, kind, ch, sc, n, cc, d, st, sub, c, hi)
        JOIN attempt_plans p ON p.id = x.id
        WHERE p.user_id = ${userId} AND p.submitted_at IS NULL AND p.committed = x.c::jsonb AND p.hints = x.hi::jsonb
        ORDER BY x.id
        FOR UPDATE OF p
      ),
      claim AS (
        INSERT INTO quiz_attempts (id, user_id, idempotency_key, request_hash, kind, chapter, score, max_score,
          correct_count, question_count, duration_ms, started_at, submitted_at)
        SELECT id, ${userId}, k, h, kind, ch, sc, n, cc, n, d, st, sub FROM open
        ON CONFLICT DO NOTHING
        RETURNING id, idempotency_key, submitted_at
      ),
      close AS (
        UPDATE attempt_plans AS p SET submitted_at = claim.submitted_at FROM claim WHERE p.id = claim.id
        RETURNING 1
      ),
      cards AS (
        INSERT INTO review_cards AS c (user_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days,
          learning_steps, reps, lapses, state, last_review)
        SELECT ${userId}, q, ${blank.due}::timestamptz, 0, 0, 0, 0, 0, 0, 0, 0, NULL
        FROM (SELECT DISTINCT r.q FROM unnest(${cardRefs.map((r) => r.key)}::text[], ${cardRefs.map((r) => r.q)}::text[]) AS r(k, q)
          JOIN claim ON claim.idempotency_key = r.k) AS wanted
        ORDER BY q
        -- A no-op update, so that an existing card is locked and returned as it is now.
        ON CONFLICT (user_id, question_id) DO UPDATE SET reps = c.reps
        RETURNING c.question_id, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days, c.learning_steps,
          c.reps, c.lapses, c.state, c.last_review, (c.xmax = 0) AS created
      )
      SELECT (SELECT json_agg(idempotency_key) FROM claim) AS claimed, (SELECT json_agg(cards) FROM cards) AS cards`);
    const row = first.rows[0];
    const claimed = new Set(row?.claimed ?? []);
    if (claimed.size === 0) {
      await client.query("ROLLBACK");
      return claimed;
    }
    const state = new Map<string, CardRow>();
    for (const c of row?.cards ?? []) {
      if (c.created) continue;
      state.set(c.question_id, fromDbRow(c));
    }
    const stored = list.filter((a) => claimed.has(a.input.idempotencyKey));
    const logs: { qid: string; rating: number; state: number; due: Date; at: Date }[] = [];
    for (const a of stored) {
      for (const qid of a.qids) {
        const before = state.get(qid) ?? newCardRow(a.now);
        // Reviews must move forward in time even if two submissions' clocks were read out of order.
        const at = before.lastReview && before.lastReview > a.now ? before.lastReview : a.now;
        const next = scheduleReview(before, a.ratingOf.get(qid) ?? "Again", at);
        state.set(qid, next.card);
        logs.push({ qid, ...next.log, at });
      }
    }
    const qids = [...state.keys()].sort();
    const card = (q: string) => state.get(q) as CardRow;
    const answers = stored.flatMap((a) => a.scored.map((s, i) => ({ attemptId: a.attemptId, s, i })));
    await client.query(sql`
      WITH answers AS (
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
      )
      UPDATE review_cards AS c SET due = u.due, stability = u.stability, difficulty = u.difficulty, elapsed_days = u.ed,
        scheduled_days = u.sd, learning_steps = u.ls, reps = u.reps, lapses = u.lapses, state = u.st, last_review = u.lr
      FROM unnest(${qids}::text[], ${qids.map((q) => card(q).due.toISOString())}::timestamptz[],
        ${qids.map((q) => card(q).stability)}::float8[], ${qids.map((q) => card(q).difficulty)}::float8[],
        ${qids.map((q) => card(q).elapsedDays)}::int[], ${qids.map((q) => card(q).scheduledDays)}::int[],
        ${qids.map((q) => card(q).learningSteps)}::int[], ${qids.map((q) => card(q).reps)}::int[],
        ${qids.map((q) => card(q).lapses)}::int[], ${qids.map((q) => card(q).state)}::int[],
        ${qids.map((q) => card(q).lastReview?.toISOString() ?? null)}::timestamptz[])
        AS u(q, due, stability, difficulty, ed, sd, ls, reps, lapses, st, lr)
      WHERE c.user_id = ${userId} AND c.question_id = u.q`);
    await client.query("COMMIT");
    return claimed;
  } catch (error) {
    // A failed ROLLBACK means the connection is unusable: drop it from the pool rather than hand it on.
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      client.release(rollbackError instanceof Error ? rollbackError : true);
      released = true;
    });
    throw error;
  } finally {
    if (!released) client.release();
  }
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
