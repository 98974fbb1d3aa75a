// The submission reads once and writes once (lib/server/quiz/submit.ts): these drive what another process can
// do between the two (another instance writing the same review card, another submission closing the attempt)
// and the session check that now lives in the submission's read.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/quiz/attempts/route";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/server/kernel/db";
import { pool as sharedPool } from "@/lib/server/kernel/db";
import { submitAttempt, type SubmitOutcome } from "@/lib/server/quiz/submit";
import { attemptBody, closeOtherProcesses, makeUser, otherProcess, refusal, someoneWaitsOnALock } from "./helpers";

afterEach(closeOtherProcesses);

async function stored(userId: string) {
  const [attempts, answers, logs] = await Promise.all([
    db.quizAttempt.count({ where: { userId } }),
    db.quizAnswer.count({ where: { attempt: { userId } } }),
    db.reviewLog.count({ where: { userId } }),
  ]);
  return { attempts, answers, logs };
}

describe("a submission and another process writing between its read and its write", () => {
  it("a review card changed meanwhile is re-read, so neither review is lost", async () => {
    const userId = await makeUser();
    // One stored attempt gives the user a card for each question.
    await submitAttempt(userId, await attemptBody(userId, "dns", 2));
    const body = await attemptBody(userId, "dns", 2);
    const [first] = await db.reviewCard.findMany({ where: { userId }, orderBy: { questionId: "asc" } });
    expect(first?.reps).toBe(1);

    const other = await otherProcess();
    const observer = await otherProcess();
    await other.query("BEGIN");
    await other.query("SELECT 1 FROM review_cards WHERE user_id = $1 AND question_id = $2 FOR UPDATE", [userId, first!.questionId]);
    const submitting = submitAttempt(userId, body);
    await someoneWaitsOnALock(observer);
    // Another instance reviews the card and commits while this submission's write waits for the row.
    await other.query("UPDATE review_cards SET reps = reps + 1 WHERE user_id = $1 AND question_id = $2", [userId, first!.questionId]);
    await other.query("COMMIT");

    const out: SubmitOutcome = await submitting;
    expect(out.status).toBe(201);
    const card = await db.reviewCard.findUnique({ where: { userId_questionId: { userId, questionId: first!.questionId } } });
    // 1 (first attempt) + 1 (the other instance) + 1 (this attempt): scheduled from the card as it now is.
    expect(card?.reps).toBe(3);
    expect(await stored(userId)).toEqual({ attempts: 2, answers: 4, logs: 4 });
  });

  it("a review card made meanwhile is refused to this write by its key, and the retry schedules from that card", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "dns", 2);
    const questionId = body.answers[0]!.questionId;
    const other = await otherProcess();
    const observer = await otherProcess();
    await other.query("BEGIN");
    // Another instance makes the user's card for the first question (reviewed 4 times there) and has not committed,
    // so this submission reads no card and its INSERT of one waits on the key.
    await other.query(
      `INSERT INTO review_cards (user_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, state)
       VALUES ($1, $2, now(), 1, 5, 0, 0, 4, 0, 2)`,
      [userId, questionId],
    );
    const submitting = submitAttempt(userId, body);
    await someoneWaitsOnALock(observer);
    await other.query("COMMIT");

    const out: SubmitOutcome = await submitting;
    expect(out.status).toBe(201);
    const card = await db.reviewCard.findUnique({ where: { userId_questionId: { userId, questionId } } });
    // Scheduled from the other instance's card (4 reviews), not from a new one.
    expect(card?.reps).toBe(5);
    expect(await stored(userId)).toEqual({ attempts: 1, answers: 2, logs: 2 });
  });

  it("an attempt closed meanwhile by a submission with another key is refused (409) and nothing of this one is stored", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "tls", 2);
    const other = await otherProcess();
    const observer = await otherProcess();
    await other.query("BEGIN");
    await other.query("SELECT 1 FROM attempt_plans WHERE id = $1 FOR UPDATE", [body.attemptId]);
    const submitting = refusal(submitAttempt(userId, body));
    await someoneWaitsOnALock(observer);
    // The other instance stores the same attempt under its own key (an attempt with no answers is enough here).
    await other.query(
      `INSERT INTO quiz_attempts (id, user_id, idempotency_key, request_hash, kind, chapter, score, max_score, correct_count,
         question_count, duration_ms, started_at, submitted_at)
       VALUES ($1, $2, $3, 'other', 'chapter', 'tls', 0, 2, 0, 2, 0, now(), now())`,
      [body.attemptId, userId, randomUUID()],
    );
    await other.query("UPDATE attempt_plans SET submitted_at = now() WHERE id = $1", [body.attemptId]);
    await other.query("COMMIT");

    const err = await submitting;
    expect(err.status).toBe(409);
    expect(err.field).toBe("attemptId");
    // Only the other instance's attempt: no answers, logs or cards from the refused one.
    expect(await stored(userId)).toEqual({ attempts: 1, answers: 0, logs: 0 });
    expect(await db.reviewCard.count({ where: { userId } })).toBe(0);
  });
});

describe("the session check inside the submission", () => {
  it("accepts the session's current version and refuses an older one with 401, storing nothing", async () => {
    const userId = await makeUser();
    const ok = await submitAttempt({ userId, sessionVersion: 0 }, await attemptBody(userId, "dns", 1));
    expect(ok.status).toBe(201);
    // Signed out elsewhere (or password changed): tokens of version 0 are void.
    await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    const err = await refusal(submitAttempt({ userId, sessionVersion: 0 }, await attemptBody(userId, "dns", 1)));
    expect(err.status).toBe(401);
    expect(await stored(userId)).toEqual({ attempts: 1, answers: 1, logs: 1 });
  });

  it("refuses a session of a deleted user with 401", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "dns", 1);
    await db.user.delete({ where: { id: userId } });
    const err = await refusal(submitAttempt({ userId, sessionVersion: 0 }, body));
    expect(err.status).toBe(401);
    expect(await db.quizAttempt.count({ where: { userId } })).toBe(0);
  });

  it("the route answers a request without a session with 401 before reading anything, storing nothing", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "dns", 1);
    const request = new NextRequest("http://localhost/api/quiz/attempts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const res = await POST.run(request, null);
    expect(res.status).toBe(401);
    expect(await stored(userId)).toEqual({ attempts: 0, answers: 0, logs: 0 });
  });

  it("the route reads the session cookie from the request itself: the current version is stored, an older one is a 401", async () => {
    const userId = await makeUser();
    const cookieOf = async (sv: number) =>
      `other=1; next-auth.session-token=${await encode({ token: { sub: userId, sv }, secret: authOptions.secret ?? "" })}`;
    const send = async (cookie: string) =>
      POST(
        new NextRequest("http://localhost/api/quiz/attempts", {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify(await attemptBody(userId, "dns", 1)),
        }),
      );
    const ok = await send(await cookieOf(0));
    expect(ok.status).toBe(201);
    const stale = await send(await cookieOf(1));
    expect(stale.status).toBe(401);
    expect((await send("next-auth.session-token=not-a-token")).status).toBe(401);
    expect(await stored(userId)).toEqual({ attempts: 1, answers: 1, logs: 1 });
  });
});

describe("round trips under load", () => {
  it("a batch that queued during a write is read by that write's statement: one statement per batch, cards carried over", async () => {
    const userId = await makeUser();
    // Every attempt holds the same two questions, so each batch moves the cards the batch before it just wrote.
    const bodies = await Promise.all(Array.from({ length: 100 }, () => attemptBody(userId, "dns", 2)));
    const pool = sharedPool;
    const statements: string[] = [];
    // Observed, not replaced: every statement still goes to Postgres through the real pool.
    const pass = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    const observed = vi.spyOn(pool, "query").mockImplementation(((...args: unknown[]) => {
      const q = args[0] as { text?: string } | string;
      statements.push(typeof q === "string" ? q : (q.text ?? ""));
      return pass(...args);
    }) as never);
    let results: SubmitOutcome[];
    try {
      results = await Promise.all(bodies.map((b) => submitAttempt(userId, b)));
    } finally {
      observed.mockRestore();
    }
    expect(results.every((r) => r.status === 201)).toBe(true);
    const writes = statements.filter((t) => t.trimStart().startsWith("WITH closed")).length;
    const reads = statements.filter((t) => t.trimStart().startsWith("SELECT")).length;
    // The first submission is read on its own; the other 99 queue behind it and are read by the writes before
    // them (at most 64 per batch): 1 read and 3 writes here, where a read per batch would make 3 reads.
    expect(reads).toBe(1);
    expect(writes).toBeGreaterThanOrEqual(3);
    const cards = await db.reviewCard.findMany({ where: { userId } });
    expect(cards.map((c) => c.reps)).toEqual([100, 100]);
    expect(await stored(userId)).toEqual({ attempts: 100, answers: 200, logs: 200 });
  });
});
