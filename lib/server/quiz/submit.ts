import "server-only";
import { db } from "@/lib/server/kernel/db";
import { applyHintCost, scoreResponse, suggestRating, validateResponse, type QuestionLayout } from "@/lib/core/quiz";
import type { Feedback, Question } from "@/lib/schemas/question";
import { attemptPlanItemsSchema, type AttemptPlanItem, type SubmitAttemptInput } from "@/lib/schemas/quiz-attempt";
import { canonicalJson } from "@/lib/core/quiz/canonical";
import { canonicalHash } from "@/lib/server/quiz/canonical-hash";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import type { SessionClaims } from "@/lib/server/kernel/auth";
import { AppError } from "@/lib/server/kernel/errors";
import { hasGrant } from "@/lib/server/kernel/grants";
import type { Role } from "@/lib/schemas/user";
import { fromDbRow, newCardRow, type CardDbRow, type CardRow } from "@/lib/core/quiz/fsrs";
import { reviewScheduler } from "@/lib/server/quiz/review-settings";
import { query, sql, sqlPart, SqlFragment, type SqlPart } from "@/lib/server/kernel/db";
import { hintCostOf } from "@/lib/server/quiz/hints";
import { parsePlan, planQuestions, type StoredPlan } from "@/lib/server/quiz/plans";
import { getPinnedQuestions, pinnedKey, type PinnedQuestion } from "@/lib/server/quiz/questions";
import { v7 as timeOrderedId } from "uuid";

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
 * Who submits: a user id the caller has already verified (tests, scripts), or a session's claims, which the
 * submission's first query verifies (the route: no separate authentication round trip).
 */
export type Submitter = string | SessionClaims;

/**
 * Scores a submission against the question versions it names and stores the attempt, its answers, review
 * logs and review-card updates with one SQL statement (atomic without BEGIN/COMMIT). Idempotent per (user,
 * idempotencyKey): the unique constraint, not a pre-check, decides who wins a race, and the loser replays the
 * winner's stored result. The same key with a different body is refused with 422.
 *
 * Two round trips per submission, shared by every submission (of any user) that queued meanwhile: one read (the
 * session check, the attempt, earlier use of the key, the review cards it touches) and one write.
 */
export async function submitAttempt(who: Submitter, input: SubmitAttemptInput, now = new Date()): Promise<SubmitOutcome> {
  const claims: SessionClaims = typeof who === "string" ? { userId: who, sessionVersion: null } : who;
  const requestHash = canonicalHash(input);
  const outcome = await enqueue({ claims, input, requestHash, now });
  return outcome === "replay" ? replay(claims.userId, input.idempotencyKey, requestHash) : outcome;
}

// ─── Writing ──────────────────────────────────────────────────────────────────────────────────────────────
//
// Submissions queue in this process, every user's in one queue, and whatever queued while the previous batch
// ran is read and written by the next one (group commit: one read, one statement and one commit for the batch,
// whoever's submissions it holds). Every guard is per row: each attempt is closed only for its owner and only if
// still open with the committed answers and hints as read, each key is claimed per user, each review card is
// rewritten only if still as read. If any row fell out (another process, the check or hint actions), the
// statement aborts itself, so nothing of it is stored, and the batch runs again from a fresh read; a key or a
// card stored meanwhile by another process aborts it through its unique index, with the same retry. Postgres may
// also pick the statement as a deadlock victim: the same retry. A batch that still cannot be stored is written
// one submission at a time, so a submission the database refuses fails alone and takes no one else's with it.
//
// One batch is in flight at a time. A second writer (a batch of other users' submissions while one is in flight)
// was measured in bench:quiz on 2026-12-07 (load 11-17, 2 runs each way): batches shrank from 6.0-6.2 to 3.5-3.6
// submissions, Postgres's CPU per submission rose from 0.63-0.66 to 0.83-1.01 ms, and the ratio to health stayed
// where it was (0.73-0.74× against 0.70-0.78×), so the round trip is not what holds submissions back.

/** SQLSTATEs after which the batch can simply run again: deadlock victim, serialization failure, stale read. */
const DEADLOCK = "40P01";
const SERIALIZATION_FAILURE = "40001";
/** Raised on purpose by the write (a division by zero) when a row it guards changed since the read. */
const STALE_READ = "22012";
/** A user deleted since the read: run again, and the fresh read refuses that user's submissions alone (401). */
const FOREIGN_KEY_VIOLATION = "23503";
/**
 * An idempotency key, an attempt or a review card stored since the read (another process won the race): run
 * again, and the fresh read replays the key, refuses the attempt or schedules from the stored card. Plain INSERTs
 * let the unique index say so: INSERT … ON CONFLICT DO NOTHING is a speculative insertion, which probes each
 * unique index first and writes a second WAL record per row (HEAP_CONFIRM), to save an abort that almost never
 * happens.
 */
const UNIQUE_VIOLATION = "23505";
const RETRYABLE = new Set([DEADLOCK, SERIALIZATION_FAILURE, STALE_READ, FOREIGN_KEY_VIOLATION, UNIQUE_VIOLATION]);
const MAX_TRIES = 5;
const MAX_BATCH = 64;
const PER_USER = 8;

/** The SQLSTATE of a node-postgres error, if it is one. */
function sqlState(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

type Job = {
  claims: SessionClaims;
  input: SubmitAttemptInput;
  requestHash: string;
  now: Date;
  resolve: (outcome: SubmitOutcome | "replay") => void;
  reject: (error: unknown) => void;
};
let queue: Job[] = [];
let flushing = false;

function enqueue(args: Omit<Job, "resolve" | "reject">): Promise<SubmitOutcome | "replay"> {
  return new Promise((resolve, reject) => {
    queue.push({ ...args, resolve, reject });
    if (!flushing) void flush();
  });
}

/** What two jobs of one batch must not share: the same user's idempotency key, or the attempt. */
const claimsOf = (job: Job) => [`k:${job.claims.userId}\u0000${job.input.idempotencyKey}`, `a:${job.input.attemptId}`];

/**
 * The next batch from the queue: up to MAX_BATCH jobs, never a key or an attempt twice (it would race itself; the
 * second copy waits for a later batch, where it finds the first one stored and replays it or is refused) and never
 * one of `busy`'s keys or attempts (those of the batch being written). Each user's first PER_USER jobs come first,
 * so one user's burst cannot push everyone else's submissions out of the batch; spare room then goes to the rest
 * in arrival order (one user alone still fills the batch). Within a user, jobs keep their arrival order.
 */
function takeBatch(busy: ReadonlySet<string> = new Set()): Job[] {
  const batch: Job[] = [];
  const seen = new Set<string>();
  const perUser = new Map<string, number>();
  const pass = (jobs: Job[], capped: boolean): Job[] => {
    const rest: Job[] = [];
    for (const job of jobs) {
      const own = claimsOf(job);
      const user = job.claims.userId;
      const taken = perUser.get(user) ?? 0;
      const fits = batch.length < MAX_BATCH && (!capped || taken < PER_USER);
      if (fits && own.every((c) => !seen.has(c) && !busy.has(c))) {
        batch.push(job);
        perUser.set(user, taken + 1);
        for (const c of own) seen.add(c);
      } else rest.push(job);
    }
    return rest;
  };
  const left = pass(pass(queue, true), false);
  queue = left;
  return batch;
}

/** A batch whose read came back with the previous batch's write. */
type Carried = { jobs: Job[]; read: ReadState };

async function flush(): Promise<void> {
  flushing = true;
  try {
    let carried: Carried | undefined;
    for (;;) {
      if (carried) {
        carried = await settle(carried.jobs, carried.read);
        continue;
      }
      const batch = takeBatch();
      if (batch.length === 0) return;
      carried = await settle(batch);
    }
  } finally {
    flushing = false;
  }
}

/** A user's review card (or idempotency key) in the read's maps: card keys are per user. */
const userKey = (userId: string, key: string) => `${userId}\u0000${key}`;

/** A review card as read, with its owner and the fingerprint the write compares it against. */
type ReadCard = CardDbRow & { user_id: string; question_id: string; fp: string };

type ReadState = {
  users: Map<string, { sv: number; role: Role }>;
  plans: Map<string, StoredPlan>;
  /** Idempotency keys of this batch already stored (by userKey), with the hash of the body they were stored for. */
  prior: Map<string, string>;
  /** By userKey(user, question). */
  cards: Map<string, ReadCard>;
};

/** A submission scored and ready to store, with the response it gets once stored. */
type Prepared = {
  job: Job;
  plan: StoredPlan;
  scored: Scored[];
  qids: string[];
  outcome: SubmitOutcome;
};

/**
 * Reads, checks, scores and writes one batch, settling every job in it (a stale read runs the batch again). A
 * batch that comes with its read (`given`) skips the read. When more jobs queued meanwhile, the write also reads
 * for them in the same statement (one round trip per batch under load) and they come back as the next batch,
 * unless `carry` is off (a batch split up: its pieces leave the queue to the flush loop, which settles it after).
 */
async function settle(batch: Job[], given?: ReadState, carry = true): Promise<Carried | undefined> {
  let open = batch;
  let known = given;
  for (let attempt = 1; open.length > 0; attempt++) {
    let prepared: Prepared[];
    let read: ReadState;
    try {
      read = known ?? (await readState(open));
      known = undefined;
      prepared = [];
      for (const job of open) {
        try {
          const ready = await prepare(job, read);
          if (ready === "replay") job.resolve("replay");
          else prepared.push(ready);
        } catch (error) {
          job.reject(error);
        }
      }
    } catch (error) {
      for (const job of open) job.reject(error);
      return undefined;
    }
    if (prepared.length === 0) return undefined;
    const next = carry ? takeBatch(new Set(open.flatMap(claimsOf))) : [];
    try {
      const nextRead = await write(prepared, read.cards, next);
      for (const p of prepared) p.job.resolve(p.outcome);
      return nextRead ? { jobs: next, read: nextRead } : undefined;
    } catch (error) {
      if (next.length > 0) queue = [...next, ...queue];
      const state = sqlState(error) ?? "";
      if (RETRYABLE.has(state) && attempt < MAX_TRIES) {
        open = prepared.map((p) => p.job);
        continue;
      }
      if (prepared.length > 1) {
        // One at a time, in arrival order (one user's cards are scheduled in that order), each from a fresh read.
        for (const p of prepared) await settle([p.job], undefined, false);
        return undefined;
      }
      // The session named a user deleted since the read.
      const refusal = state === FOREIGN_KEY_VIOLATION ? new QuizRequestError(401, "Your account no longer exists; sign in again.") : error;
      for (const p of prepared) p.job.reject(refusal);
      return undefined;
    }
  }
  return undefined;
}

/** The fingerprint of a card's schedule, computed by Postgres the same way on read and on write. */
const CARD_FINGERPRINT = new SqlFragment(`md5(row(c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days,
  c.learning_steps, c.reps, c.lapses, c.state, c.last_review)::text)`);

/** A review card as JSON, with its fingerprint: the same shape from the read and from the write's RETURNING. */
const CARD_JSON = new SqlFragment(`json_build_object('user_id', c.user_id, 'question_id', c.question_id, 'due', c.due,
  'stability', c.stability, 'difficulty', c.difficulty, 'elapsed_days', c.elapsed_days, 'scheduled_days', c.scheduled_days,
  'learning_steps', c.learning_steps, 'reps', c.reps, 'lapses', c.lapses, 'state', c.state,
  'last_review', c.last_review, 'fp', ${CARD_FINGERPRINT.text})`);

/**
 * What a batch reads, as columns of one row: the users behind the sessions (for their version and role), the
 * batch's attempts, any earlier use of its idempotency keys, and the review cards of every question in those
 * attempts.
 *
 * Each row is found by its whole key, never by the user alone: the statement is prepared once, and its generic
 * plan, costed from statistics that lag behind a busy user (never analysed yet: "5 rows"), scanned every plan,
 * attempt and card of the user through the (user_id, …) indexes per batch (3,532 plans, 1,400 attempts and 6,347
 * card index entries for 5 wanted rows in a perf run), a cost that grew with the user's history. So attempts,
 * keys and cards are looked up one whole key at a time (LATERAL … LIMIT 1 is not flattened into a join), where
 * the unique index is the cheapest plan whatever the statistics say, and a plan's owner is a filter ("IS TRUE"),
 * not an index condition. An attempt is only read for the user who names it, so another user's is never scored.
 */
function readColumns(jobs: Job[]): SqlPart {
  const owners = jobs.map((j) => j.claims.userId);
  const ids = jobs.map((j) => j.input.attemptId);
  const keys = jobs.map((j) => j.input.idempotencyKey);
  const plans = sqlPart`unnest(${ids}::text[], ${owners}::text[]) AS x(id, u)
        CROSS JOIN LATERAL (SELECT * FROM attempt_plans p WHERE p.id = x.id AND (p.user_id = x.u) IS TRUE LIMIT 1) AS p`;
  return sqlPart`
      (SELECT json_agg(json_build_object('id', id, 'sv', session_version, 'role', role)) FROM users
        WHERE id = ANY(${[...new Set(owners)]}::text[])) AS users,
      (SELECT json_agg(json_build_object('id', p.id, 'userId', p.user_id, 'kind', p.kind, 'chapter', p.chapter, 'mode', p.mode,
        'items', p.items, 'committed', p.committed, 'hints', p.hints, 'createdAt', p.created_at, 'submittedAt', p.submitted_at))
        FROM ${plans}) AS plans,
      (SELECT json_agg(json_build_object('user', a.user_id, 'key', a.idempotency_key, 'hash', a.request_hash))
        FROM unnest(${owners}::text[], ${keys}::text[]) AS k(u, key) CROSS JOIN LATERAL (
          SELECT user_id, idempotency_key, request_hash FROM quiz_attempts WHERE user_id = k.u AND idempotency_key = k.key LIMIT 1) AS a) AS prior,
      (SELECT json_agg(${CARD_JSON})
        FROM (SELECT DISTINCT p.user_id AS u, i->>'questionId' AS q FROM ${plans} CROSS JOIN jsonb_array_elements(p.items) AS i) AS wanted
        CROSS JOIN LATERAL (SELECT * FROM review_cards c WHERE c.user_id = wanted.u AND c.question_id = wanted.q LIMIT 1) AS c) AS cards`;
}

type ReadRow = {
  users: { id: string; sv: number; role: Role }[] | null;
  plans: (Omit<Parameters<typeof parsePlan>[0], "createdAt" | "submittedAt"> & { createdAt: string; submittedAt: string | null })[] | null;
  prior: { user: string; key: string; hash: string }[] | null;
  cards: ReadCard[] | null;
};

function toReadState(row: ReadRow | undefined): ReadState {
  return {
    users: new Map((row?.users ?? []).map((u) => [u.id, { sv: u.sv, role: u.role }])),
    plans: new Map(
      (row?.plans ?? []).map((p) => [
        p.id,
        parsePlan({ ...p, createdAt: new Date(p.createdAt), submittedAt: p.submittedAt === null ? null : new Date(p.submittedAt) }),
      ]),
    ),
    prior: new Map((row?.prior ?? []).map((p) => [userKey(p.user, p.key), p.hash])),
    cards: new Map((row?.cards ?? []).map((c) => [userKey(c.user_id, c.question_id), c])),
  };
}

/** One round trip: what the batch reads (readColumns), for a batch that could not come with the write before it. */
async function readState(jobs: Job[]): Promise<ReadState> {
  const [row] = await query<ReadRow>(sql`SELECT ${readColumns(jobs)}`, { named: true });
  return toReadState(row);
}

/** Checks and scores one submission against the read; "replay" when its key was stored before. */
async function prepare(job: Job, read: ReadState): Promise<Prepared | "replay"> {
  const { claims, input, now } = job;
  const user = read.users.get(claims.userId);
  if (!user) throw new QuizRequestError(401, "Your account no longer exists; sign in again.");
  // Signed out, password or role changed since the token was issued: the token is no session (see sessionUserOf).
  if (claims.sessionVersion !== null && claims.sessionVersion !== user.sv) throw new QuizRequestError(401, "Sign in to do that.");
  if (!hasGrant({ role: user.role }, "candidate")) throw new AppError(403, "Your role does not allow that.");
  const plan = read.plans.get(input.attemptId);
  // Someone else's attempt and a made-up id get the same answer, so ids cannot be probed.
  if (!plan || plan.userId !== claims.userId) {
    throw new QuizRequestError(400, `attemptId: there is no attempt "${input.attemptId}" of yours`, "attemptId");
  }
  if (read.prior.has(userKey(claims.userId, input.idempotencyKey)) || plan.submittedAt) return "replay";
  const scored = await scoreAll(input, plan);

  // The attempt started when it was dealt; the browser's clock has no say.
  const startedAt = plan.createdAt;
  const durationMs = Math.min(MAX_INT, Math.max(0, now.getTime() - startedAt.getTime()));
  const score = scored.reduce((s, a) => s + a.score, 0);
  const correctCount = scored.filter((a) => a.correct).length;
  // Questions left blank still count: the mark is out of every question dealt.
  const questionCount = plan.items.length;
  return {
    job,
    plan,
    scored,
    qids: [...new Set(scored.map((a) => a.pinned.question.id))],
    outcome: {
      status: 201,
      replayed: false,
      body: {
        attempt: {
          id: plan.id,
          kind: plan.kind,
          chapter: plan.chapter,
          score,
          maxScore: questionCount,
          correctCount,
          questionCount,
          durationMs,
          startedAt: startedAt.toISOString(),
          submittedAt: now.toISOString(),
        },
        answers: scored.map((a) => answerResult(a.pinned.question, a.pinned.version, a.score, a.correct, a.feedback, a.hintCost)),
      },
    },
  };
}

/**
 * One statement, so one atomic transaction without BEGIN/COMMIT: closes each attempt if it is still open with
 * the committed answers and hints it was scored with, stores the attempt (the key's unique index deciding
 * between racing keys: UNIQUE_VIOLATION), its answers and review logs, and writes each review card if it is still
 * as read (or creates it if there still is none: UNIQUE_VIOLATION otherwise). The updates' guards are counted; if
 * one row fell out, the final SELECT divides by zero, which aborts the statement and with it every write above
 * (STALE_READ). Either way the batch runs again from a fresh read.
 *
 * With a `next` batch, the same statement also reads for it (readColumns). That read sees the database as it was
 * when the statement began, so the cards this write moves or makes are taken from its RETURNING instead; any
 * other change since is caught by the next write's own guards, as for any read.
 */
async function write(list: Prepared[], cards: ReadState["cards"], next: Job[]): Promise<ReadState | undefined> {
  // Plans are locked in id order (the primary key's scan of "= ANY"), so two writers never wait on each other in a
  // cycle over them.
  const byId = [...list].sort((x, y) => (x.plan.id < y.plan.id ? -1 : x.plan.id > y.plan.id ? 1 : 0));
  // Cards are scheduled in arrival order, each submission from the state the one before it (of the same user) left.
  const state = new Map<string, CardRow>();
  for (const [key, card] of cards) state.set(key, fromDbRow(card));
  const scheduleReview = reviewScheduler();
  const touched = new Map<string, { user: string; qid: string }>();
  const logs: { user: string; qid: string; rating: number; state: number; due: Date; at: Date }[] = [];
  for (const p of list) {
    const now = p.job.now;
    const user = p.job.claims.userId;
    const ratingOf = new Map(p.scored.map((a) => [a.pinned.question.id, a.rating]));
    for (const qid of p.qids) {
      const key = userKey(user, qid);
      const before = state.get(key) ?? newCardRow(now);
      // Reviews must move forward in time even if two submissions' clocks were read out of order.
      const at = before.lastReview && before.lastReview > now ? before.lastReview : now;
      const next = scheduleReview(before, ratingOf.get(qid) ?? "Again", at);
      state.set(key, next.card);
      touched.set(key, { user, qid });
      logs.push({ user, qid, ...next.log, at });
    }
  }
  // Sorted by (user, question), the primary key's order, so concurrent writers lock cards in one order.
  const keys = [...touched.keys()].sort();
  const updated = keys.filter((k) => cards.has(k));
  const created = keys.filter((k) => !cards.has(k));
  const column = <T>(ks: string[], f: (c: CardRow) => T) => ks.map((k) => f(state.get(k) as CardRow));
  const who = (ks: string[]) => ks.map((k) => touched.get(k)?.user);
  const what = (ks: string[]) => ks.map((k) => touched.get(k)?.qid);
  const answers = list.flatMap((p) => p.scored.map((s, i) => ({ attemptId: p.plan.id, s, i })));
  const attempts = byId.map((p) => ({ p, a: p.outcome.body.attempt, user: p.job.claims.userId }));
  const [row] = await query<ReadRow & { written: ReadCard[] | null }>(sql`
    WITH closed AS (
      UPDATE attempt_plans AS p SET submitted_at = x.sub
      FROM unnest(${attempts.map((x) => x.p.plan.id)}::text[], ${attempts.map((x) => x.user)}::text[],
        ${attempts.map((x) => JSON.stringify(x.p.plan.committed))}::text[], ${attempts.map((x) => JSON.stringify(x.p.plan.hints))}::text[],
        ${attempts.map((x) => x.a.submittedAt)}::timestamptz[]) AS x(id, u, c, hi, sub)
      WHERE p.id = ANY(${attempts.map((x) => x.p.plan.id)}::text[]) AND p.id = x.id AND (p.user_id = x.u) IS TRUE
        AND p.submitted_at IS NULL AND p.committed = x.c::jsonb AND p.hints = x.hi::jsonb
      RETURNING 1
    ),
    claimed AS (
      INSERT INTO quiz_attempts (id, user_id, idempotency_key, request_hash, kind, chapter, score, max_score,
        correct_count, question_count, duration_ms, started_at, submitted_at)
      SELECT id, u, k, h, kind, ch, sc, n, cc, n, d, st, sub
      FROM unnest(${attempts.map((x) => x.a.id)}::text[], ${attempts.map((x) => x.user)}::text[],
        ${attempts.map((x) => x.p.job.input.idempotencyKey)}::text[],
        ${attempts.map((x) => x.p.job.requestHash)}::text[], ${attempts.map((x) => x.a.kind)}::text[],
        ${attempts.map((x) => x.a.chapter)}::text[], ${attempts.map((x) => x.a.score)}::float8[],
        ${attempts.map((x) => x.a.questionCount)}::int[], ${attempts.map((x) => x.a.correctCount)}::int[],
        ${attempts.map((x) => x.a.durationMs)}::int[], ${attempts.map((x) => x.a.startedAt)}::timestamptz[],
        ${attempts.map((x) => x.a.submittedAt)}::timestamptz[]) AS x(id, u, k, h, kind, ch, sc, n, cc, d, st, sub)
    ),
    answers AS (
      INSERT INTO quiz_answers (attempt_id, question_version_id, question_id, position, response, score, correct, time_ms, hint_cost)
      SELECT a, v, q, p, r::jsonb, s, ok, NULLIF(t, -1), hc
      FROM unnest(${answers.map((x) => x.attemptId)}::text[], ${answers.map((x) => x.s.pinned.versionId)}::text[],
        ${answers.map((x) => x.s.pinned.question.id)}::text[], ${answers.map((x) => x.i)}::int[],
        ${answers.map((x) => JSON.stringify(x.s.response))}::text[], ${answers.map((x) => x.s.score)}::float8[],
        ${answers.map((x) => x.s.correct)}::bool[], ${answers.map((x) => x.s.timeMs ?? -1)}::int[],
        ${answers.map((x) => x.s.hintCost)}::float8[]) AS x(a, v, q, p, r, s, ok, t, hc)
    ),
    logs AS (
      INSERT INTO review_logs (id, user_id, question_id, rating, state, due, reviewed_at)
      SELECT id, u, q, r, st, d, at
      FROM unnest(${logs.map(() => timeOrderedId())}::text[], ${logs.map((l) => l.user)}::text[], ${logs.map((l) => l.qid)}::text[],
        ${logs.map((l) => l.rating)}::int[], ${logs.map((l) => l.state)}::int[],
        ${logs.map((l) => l.due.toISOString())}::timestamptz[], ${logs.map((l) => l.at.toISOString())}::timestamptz[]) AS x(id, u, q, r, st, d, at)
    ),
    moved AS (
      UPDATE review_cards AS c SET due = u.due, stability = u.stability, difficulty = u.difficulty, elapsed_days = u.ed,
        scheduled_days = u.sd, learning_steps = u.ls, reps = u.reps, lapses = u.lapses, state = u.st, last_review = u.lr
      FROM (SELECT u.*, t.tid FROM unnest(${who(updated)}::text[], ${what(updated)}::text[], ${updated.map((k) => (cards.get(k) as ReadCard).fp)}::text[],
        ${column(updated, (c) => c.due.toISOString())}::timestamptz[], ${column(updated, (c) => c.stability)}::float8[],
        ${column(updated, (c) => c.difficulty)}::float8[], ${column(updated, (c) => c.elapsedDays)}::int[],
        ${column(updated, (c) => c.scheduledDays)}::int[], ${column(updated, (c) => c.learningSteps)}::int[],
        ${column(updated, (c) => c.reps)}::int[], ${column(updated, (c) => c.lapses)}::int[], ${column(updated, (c) => c.state)}::int[],
        ${column(updated, (c) => c.lastReview?.toISOString() ?? null)}::timestamptz[])
        AS u(uid, q, fp, due, stability, difficulty, ed, sd, ls, reps, lapses, st, lr)
        -- Each card found by its whole key (a LATERAL … LIMIT 1 is not flattened into a join, so no plan scans a
        -- user's cards), then updated by its row address.
        CROSS JOIN LATERAL (SELECT r.ctid AS tid FROM review_cards r WHERE r.user_id = u.uid AND r.question_id = u.q LIMIT 1) AS t) AS u
      -- Re-checked on the newest row version once its lock is ours: a card changed since the read drops out (an
      -- updated row has a new address, so it drops out by that alone). "IS TRUE" keeps the fingerprint a filter on
      -- the card found: as a plain "=" the planner made it a hash key and computed it for every card of the user.
      WHERE c.ctid = u.tid AND (${CARD_FINGERPRINT} = u.fp) IS TRUE
      RETURNING ${CARD_JSON} AS card
    ),
    made AS (
      INSERT INTO review_cards AS c (user_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days,
        learning_steps, reps, lapses, state, last_review)
      SELECT uid, q, due, stability, difficulty, ed, sd, ls, reps, lapses, st, lr
      FROM unnest(${who(created)}::text[], ${what(created)}::text[], ${column(created, (c) => c.due.toISOString())}::timestamptz[],
        ${column(created, (c) => c.stability)}::float8[], ${column(created, (c) => c.difficulty)}::float8[],
        ${column(created, (c) => c.elapsedDays)}::int[], ${column(created, (c) => c.scheduledDays)}::int[],
        ${column(created, (c) => c.learningSteps)}::int[], ${column(created, (c) => c.reps)}::int[],
        ${column(created, (c) => c.lapses)}::int[], ${column(created, (c) => c.state)}::int[],
        ${column(created, (c) => c.lastReview?.toISOString() ?? null)}::timestamptz[])
        AS u(uid, q, due, stability, difficulty, ed, sd, ls, reps, lapses, st, lr)
      -- A card made since the read (the schedule was computed from the wrong start) is refused by the key.
      RETURNING ${CARD_JSON} AS card
    )
    -- Division by zero (STALE_READ) aborts the whole statement when any guarded row fell out. The inserts need no
    -- count (each row is stored or the statement fails) and run though nothing reads them, as every data-modifying
    -- WITH does.
    SELECT 1 / (CASE WHEN (SELECT count(*) FROM closed) = ${attempts.length} AND (SELECT count(*) FROM moved) = ${updated.length}
      THEN 1 ELSE 0 END) AS ok${next.length > 0 ? sqlPart`,
      (SELECT json_agg(card) FROM (SELECT card FROM moved UNION ALL SELECT card FROM made) AS w) AS written,
      ${readColumns(next)}` : new SqlFragment("")}`, { named: true });
  if (next.length === 0) return undefined;
  const read = toReadState(row);
  for (const card of row?.written ?? []) read.cards.set(userKey(card.user_id, card.question_id), card);
  return read;
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
