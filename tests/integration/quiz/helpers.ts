import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/server/kernel/db";
import type { Question } from "@/lib/schemas/question";
import type { AttemptPlanItem, SubmitAttemptInput } from "@/lib/schemas/quiz-attempt";
import { dealAttempt } from "@/lib/server/quiz/plans";
import { publishedQuestions, type PinnedQuestion } from "@/lib/server/quiz/questions";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { correctResponse } from "../../unit/quiz/correct-response";
import { refusedWith } from "../../support/refusal";

export async function makeUser(prefix = "quiz"): Promise<string> {
  const user = await db.user.create({
    data: { email: `${prefix}-${randomBytes(5).toString("hex")}@example.test`, name: "Quiz Tester", passwordHash: "unused" },
  });
  return user.id;
}

export { correctResponse };

/** How many attempts, answers, review cards and review logs a user has stored: what a submission writes. */
export async function storedCounts(userId: string) {
  const [attempts, answers, cards, logs] = await Promise.all([
    db.quizAttempt.count({ where: { userId } }),
    db.quizAnswer.count({ where: { attempt: { userId } } }),
    db.reviewCard.count({ where: { userId } }),
    db.reviewLog.count({ where: { userId } }),
  ]);
  return { attempts, answers, cards, logs };
}

/** The QuizRequestError a call is refused with. */
export const refusal = (p: Promise<unknown>) => refusedWith(p, QuizRequestError);

/** A wrong but well-formed response, so tests can exercise the "Again" path. */
export function wrongResponse(q: Question): unknown {
  switch (q.type) {
    case "single":
      return { choiceId: q.choices.find((c) => !c.correct)?.id };
    case "multiple":
      return { choiceIds: q.choices.filter((c) => !c.correct).map((c) => c.id) };
    case "true_false":
      return { value: !q.answer };
    case "numeric":
      return { value: q.answer * 1000 + 12345 };
    case "ordering": {
      const right = correctResponse(q) as { order: string[] };
      return { order: [...right.order].reverse() };
    }
    case "matching":
      return { matches: {} };
    case "estimate":
      // Every estimate's answer is positive, so a negative one is outside any tolerance.
      return { value: -1 };
    case "short_answer":
      return { text: "certainly not the answer" };
  }
}

export async function chapterQuestions(chapter: string) {
  return publishedQuestions({ chapters: [chapter] });
}

/** How a test answers: the question and its layout in the attempt (an estimate's answer depends on the drawn values). */
export type Respond = (q: Question, layout: AttemptPlanItem["layout"]) => unknown;

/** Deals `userId` an open attempt over the first `count` questions of a chapter and answers all of them. */
export async function attemptBody(
  userId: string,
  chapter: string,
  count: number,
  respond: Respond = correctResponse,
  startedAt = new Date(Date.now() - 60_000),
): Promise<SubmitAttemptInput> {
  const qs = (await chapterQuestions(chapter)).slice(0, count);
  const plan = await dealAttempt(userId, qs, { kind: "chapter", chapter, mode: "all" }, startedAt);
  return {
    idempotencyKey: randomUUID(),
    attemptId: plan.id,
    answers: qs.map((p, i) => ({ questionId: p.question.id, version: p.version, response: respond(p.question, plan.items[i]!.layout), timeMs: 5000 })),
  };
}

/** Deals `userId` an open attempt over exactly these questions (mixed practice), answered with `respond`. */
export async function mixedBody(
  userId: string,
  qs: readonly PinnedQuestion[],
  respond: Respond = correctResponse,
  extra: Partial<SubmitAttemptInput["answers"][number]> = {},
): Promise<SubmitAttemptInput> {
  const plan = await dealAttempt(userId, qs, { kind: "mixed", chapter: null, mode: "all" });
  return {
    idempotencyKey: randomUUID(),
    attemptId: plan.id,
    answers: qs.map((p, i) => ({ questionId: p.question.id, version: p.version, response: respond(p.question, plan.items[i]!.layout), ...extra })),
  };
}

const others: pg.Client[] = [];

/** A second connection, standing in for another app instance; closed by closeOtherProcesses (call it afterEach). */
export async function otherProcess(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  others.push(client);
  return client;
}

export async function closeOtherProcesses(): Promise<void> {
  await Promise.all(others.splice(0).map((c) => c.end().catch(() => {})));
}

/** Resolves once some statement of this database is waiting on a row lock (polled, no fixed sleep). */
export async function someoneWaitsOnALock(observer: pg.Client): Promise<void> {
  for (;;) {
    const { rows } = await observer.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (Number(rows[0]?.n) > 0) return;
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * A plain pg client on the test database, connected before the file's tests (then `setup` runs, e.g. to create an
 * extension) and closed after them: for the catalog, EXPLAIN and WAL queries Prisma has no words for.
 */
export function fileClient(setup?: (client: pg.Client) => Promise<unknown>): { client: pg.Client } {
  const held = {} as { client: pg.Client };
  beforeAll(async () => {
    held.client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await held.client.connect();
    await setup?.(held.client);
  });
  afterAll(async () => {
    await held.client.end();
  });
  return held;
}
