// Submissions of different users that queue together are read by one statement and stored by one (group commit,
// lib/server/quiz/submit.ts). These pin what that must not change: every guard still holds per submission, one
// the database refuses fails alone, and retried keys replay across batches.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { submitAttempt, type SubmitOutcome } from "@/lib/server/quiz/submit";
import { attemptBody, closeOtherProcesses, makeUser, otherProcess, refusal, someoneWaitsOnALock, storedCounts as stored } from "./helpers";

afterEach(closeOtherProcesses);

/** The transaction that wrote each attempt (xmin), to tell one commit from several. */
async function writers(attemptIds: string[]): Promise<Set<string>> {
  const rows = await db.$queryRawUnsafe<{ x: string }[]>(`SELECT xmin::text AS x FROM quiz_attempts WHERE id = ANY($1::text[])`, attemptIds);
  return new Set(rows.map((r) => r.x));
}

/**
 * Submits `first` alone, then the rest in one tick while the first one's statements run, so the rest queue
 * behind it and are settled as one batch.
 */
async function behindOne<T>(first: () => Promise<unknown>, rest: (() => Promise<T>)[]): Promise<T[]> {
  const leading = first();
  const out = await Promise.all(rest.map((r) => r()));
  await leading;
  return out;
}

describe("group commit across users", () => {
  it("submissions of two users that queue together are stored by one transaction, each for its own user", async () => {
    const [u0, u1, u2] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const [b0, b1, b2] = await Promise.all([attemptBody(u0, "dns", 1), attemptBody(u1, "dns", 2), attemptBody(u2, "tls", 3)]);
    const [r1, r2] = await behindOne(() => submitAttempt(u0, b0), [() => submitAttempt(u1, b1), () => submitAttempt(u2, b2)]);
    expect([r1?.status, r2?.status]).toEqual([201, 201]);
    expect((await writers([b1.attemptId, b2.attemptId])).size).toBe(1);
    expect(await stored(u1)).toEqual({ attempts: 1, answers: 2, logs: 2, cards: 2 });
    expect(await stored(u2)).toEqual({ attempts: 1, answers: 3, logs: 3, cards: 3 });
    const owners = await db.quizAttempt.findMany({ where: { id: { in: [b1.attemptId, b2.attemptId] } }, select: { id: true, userId: true } });
    expect(Object.fromEntries(owners.map((o) => [o.id, o.userId]))).toEqual({ [b1.attemptId]: u1, [b2.attemptId]: u2 });
  });

  it("a submission refused in a batch (another user's attempt, a wrong version, a stale session) fails alone", async () => {
    const [u0, u1, u2, u3, u4] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser(), makeUser()]);
    const [b0, b1, b2, b3] = await Promise.all([attemptBody(u0, "dns", 1), attemptBody(u1, "dns", 2), attemptBody(u2, "dns", 2), attemptBody(u3, "dns", 1)]);
    const wrongVersion = { ...b2, answers: b2.answers.map((a, i) => (i === 0 ? { ...a, version: a.version + 7 } : a)) };
    const [ok, foreign, version, session] = await behindOne<unknown>(() => submitAttempt(u0, b0), [
      () => submitAttempt(u1, b1),
      // u4 names u3's attempt, which u3 then sends with a token from before a sign-out.
      () => refusal(submitAttempt(u4, { ...b3, idempotencyKey: crypto.randomUUID() })),
      () => refusal(submitAttempt(u2, wrongVersion)),
      () => refusal(submitAttempt({ userId: u3, sessionVersion: 5 }, b3)),
    ]);
    expect((ok as SubmitOutcome).status).toBe(201);
    expect([(foreign as { status: number }).status, (version as { status: number }).status, (session as { status: number }).status]).toEqual([400, 400, 401]);
    expect(await stored(u1)).toEqual({ attempts: 1, answers: 2, logs: 2, cards: 2 });
    for (const u of [u2, u3, u4]) expect(await stored(u)).toEqual({ attempts: 0, answers: 0, logs: 0, cards: 0 });
    expect(await db.attemptPlan.count({ where: { id: { in: [b2.attemptId, b3.attemptId] }, submittedAt: { not: null } } })).toBe(0);
  });

  it("a submission the database refuses fails alone: the others of its batch, and those queued behind it, are stored", async () => {
    const [u0, u1, u2, u3, u4] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser(), makeUser()]);
    const [b0, b1, b2, b3, b4] = await Promise.all([
      attemptBody(u0, "dns", 1),
      attemptBody(u1, "dns", 2),
      attemptBody(u2, "tls", 2),
      attemptBody(u3, "dns", 3),
      attemptBody(u4, "tls", 1),
    ]);
    // A real refusal by Postgres for u2's attempt alone (no check of ours can foresee it, so it reaches the write).
    await db.$executeRawUnsafe(`ALTER TABLE quiz_attempts ADD CONSTRAINT test_refuse_one CHECK (id <> '${b2.attemptId}')`);
    const other = await otherProcess();
    const observer = await otherProcess();
    try {
      // Holds the batch's write on u1's attempt until u4 has queued behind it.
      await other.query("BEGIN");
      await other.query("SELECT 1 FROM attempt_plans WHERE id = $1 FOR UPDATE", [b1.attemptId]);
      const batch = behindOne<unknown>(() => submitAttempt(u0, b0), [
        () => submitAttempt(u1, b1),
        () => submitAttempt(u2, b2).then(() => null, (e: unknown) => e as Error & { code?: string }),
        () => submitAttempt(u3, b3),
      ]);
      await someoneWaitsOnALock(observer);
      const queued = submitAttempt(u4, b4);
      await other.query("COMMIT");
      const [r1, r2, r3] = await batch;
      expect((r1 as SubmitOutcome).status).toBe(201);
      expect((r2 as { code?: string } | null)?.code).toBe("23514");
      expect((r3 as SubmitOutcome).status).toBe(201);
      expect((await queued).status).toBe(201);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE quiz_attempts DROP CONSTRAINT test_refuse_one`);
    }
    expect(await stored(u1)).toEqual({ attempts: 1, answers: 2, logs: 2, cards: 2 });
    expect(await stored(u3)).toEqual({ attempts: 1, answers: 3, logs: 3, cards: 3 });
    expect(await stored(u4)).toEqual({ attempts: 1, answers: 1, logs: 1, cards: 1 });
    expect(await stored(u2)).toEqual({ attempts: 0, answers: 0, logs: 0, cards: 0 });
    expect((await db.attemptPlan.findUnique({ where: { id: b2.attemptId } }))?.submittedAt).toBeNull();
  });

  it("a card another process moves during the batch's write makes the batch run again: every user's answer is stored once", async () => {
    const [u0, u1, u2] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    await submitAttempt(u2, await attemptBody(u2, "dns", 1));
    const [card] = await db.reviewCard.findMany({ where: { userId: u2 } });
    const [b0, b1, b2] = await Promise.all([attemptBody(u0, "tls", 1), attemptBody(u1, "dns", 2), attemptBody(u2, "dns", 1)]);
    const other = await otherProcess();
    await other.query("BEGIN");
    await other.query("SELECT 1 FROM review_cards WHERE user_id = $1 AND question_id = $2 FOR UPDATE", [u2, card!.questionId]);
    const observer = await otherProcess();
    const waiting = someoneWaitsOnALock(observer);
    const submitting = behindOne(() => submitAttempt(u0, b0), [() => submitAttempt(u1, b1), () => submitAttempt(u2, b2)]);
    await waiting;
    await other.query("UPDATE review_cards SET reps = reps + 1 WHERE user_id = $1 AND question_id = $2", [u2, card!.questionId]);
    await other.query("COMMIT");
    const [r1, r2] = await submitting;
    expect([r1?.status, r2?.status]).toEqual([201, 201]);
    expect((await db.reviewCard.findUnique({ where: { userId_questionId: { userId: u2, questionId: card!.questionId } } }))?.reps).toBe(3);
    expect(await stored(u1)).toEqual({ attempts: 1, answers: 2, logs: 2, cards: 2 });
    expect(await stored(u2)).toEqual({ attempts: 2, answers: 2, logs: 2, cards: 1 });
  });

  it("retried keys in a batch of several users replay the stored result and store nothing twice", async () => {
    const [u0, u1, u2] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const [b0, b1, b2] = await Promise.all([attemptBody(u0, "dns", 1), attemptBody(u1, "dns", 2), attemptBody(u2, "tls", 2)]);
    // The same key sent by two users is two submissions (keys are per user): u2 reuses u1's key for its own attempt.
    const b2SameKey = { ...b2, idempotencyKey: b1.idempotencyKey };
    const out = await behindOne(() => submitAttempt(u0, b0), [
      () => submitAttempt(u1, b1),
      () => submitAttempt(u2, b2SameKey),
      () => submitAttempt(u1, b1),
      () => submitAttempt(u2, b2SameKey),
      () => submitAttempt(u1, b1),
    ]);
    expect(out.map((o) => o.status)).toEqual([201, 201, 200, 200, 200]);
    expect(out[2]?.body).toEqual(out[0]?.body);
    expect(out[4]?.body).toEqual(out[0]?.body);
    expect(out[3]?.body).toEqual(out[1]?.body);
    expect(await stored(u1)).toEqual({ attempts: 1, answers: 2, logs: 2, cards: 2 });
    expect(await stored(u2)).toEqual({ attempts: 1, answers: 2, logs: 2, cards: 2 });
  });

  it("one user's burst does not push another user's submission out of the next batch", async () => {
    const [u0, burst, other] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const lead = await attemptBody(u0, "dns", 1);
    // More than a batch holds (64), all queued before the other user's one submission.
    const many = await Promise.all(Array.from({ length: 70 }, () => attemptBody(burst, "dns", 1)));
    const one = await attemptBody(other, "tls", 1);
    const out = await behindOne(() => submitAttempt(u0, lead), [...many.map((b) => () => submitAttempt(burst, b)), () => submitAttempt(other, one)]);
    expect(out.every((o) => o.status === 201)).toBe(true);
    // Stored by the same transaction as the burst's first submission: the first batch behind the lead.
    expect((await writers([many[0]!.attemptId, one.attemptId])).size).toBe(1);
    expect(await stored(burst)).toEqual({ attempts: 70, answers: 70, logs: 70, cards: 1 });
  });
});
