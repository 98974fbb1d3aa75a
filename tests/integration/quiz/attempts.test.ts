import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { submitAttemptSchema } from "@/lib/schemas/quiz-attempt";
import { loadAttemptResult, submitAttempt } from "@/lib/server/quiz/submit";
import { attemptBody, makeUser, refusal, storedCounts as counts, wrongResponse } from "./helpers";

describe("quiz attempts", () => {
  it("scores on the server and stores the attempt, its answers, cards and review logs together", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "dns", 4);
    const out = await submitAttempt(userId, body);
    expect(out.status).toBe(201);
    expect(out.body.attempt.questionCount).toBe(4);
    expect(out.body.attempt.correctCount).toBe(4);
    expect(out.body.attempt.score).toBe(4);
    expect(out.body.attempt.durationMs).toBeGreaterThanOrEqual(59_000);
    expect(out.body.answers.map((a) => a.questionId)).toEqual(body.answers.map((a) => a.questionId));
    expect(out.body.answers.every((a) => a.feedback.explanation.length > 0)).toBe(true);
    expect(await counts(userId)).toEqual({ attempts: 1, answers: 4, cards: 4, logs: 4 });
    const stored = await db.quizAnswer.findMany({ where: { attemptId: out.body.attempt.id }, orderBy: { position: "asc" } });
    expect(stored.map((a) => a.response)).toEqual(body.answers.map((a) => a.response));
    expect(stored.every((a) => a.timeMs === 5000)).toBe(true);
  });

  it("mixes right and wrong answers into the score", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "tls", 3);
    const first = body.answers[0];
    if (!first) throw new Error("no questions");
    const wrongBody = await attemptBody(userId, "tls", 3, wrongResponse);
    const mixed = { ...body, answers: [wrongBody.answers[0]!, ...body.answers.slice(1)] };
    const out = await submitAttempt(userId, mixed);
    expect(out.body.attempt.correctCount).toBe(2);
    expect(out.body.answers[0]?.correct).toBe(false);
    expect(out.body.attempt.score).toBe(2);
  });

  it("returns the first attempt for a retried submission and never double-counts", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "caching", 3);
    const first = await submitAttempt(userId, body);
    const again = await submitAttempt(userId, structuredClone(body));
    expect(again.status).toBe(200);
    expect(again.replayed).toBe(true);
    expect(again.body).toEqual(first.body);
    expect(await counts(userId)).toEqual({ attempts: 1, answers: 3, cards: 3, logs: 3 });
  });

  it("refuses a reused idempotency key with a different body (422) and stores nothing more", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "caching", 3);
    await submitAttempt(userId, body);
    const changed = { ...body, answers: body.answers.slice(0, 2) };
    const err = await refusal(submitAttempt(userId, changed));
    expect(err.status).toBe(422);
    expect(err.field).toBe("idempotencyKey");
    expect(await counts(userId)).toEqual({ attempts: 1, answers: 3, cards: 3, logs: 3 });
  });

  it("the same key from two users makes two attempts (keys are per user)", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const body = await attemptBody(a, "latency", 2);
    const other = { ...(await attemptBody(b, "latency", 2)), idempotencyKey: body.idempotencyKey };
    const ra = await submitAttempt(a, body);
    const rb = await submitAttempt(b, other);
    expect(ra.status).toBe(201);
    expect(rb.status).toBe(201);
    expect(ra.body.attempt.id).not.toBe(rb.body.attempt.id);
  });

  it("refuses unknown ids, wrong shapes and non-numeric numbers with 400 naming the field, storing nothing", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "latency", 18);
    const numericAt = body.answers.findIndex((a) => "value" in (a.response as object) && typeof (a.response as { value: unknown }).value === "number");
    const singleAt = body.answers.findIndex((a) => "choiceId" in (a.response as object));
    expect(numericAt).toBeGreaterThanOrEqual(0);
    expect(singleAt).toBeGreaterThanOrEqual(0);

    const cases: [typeof body, number, string][] = [
      [{ ...body, answers: body.answers.map((a, i) => (i === 1 ? { ...a, questionId: "latency/no-such-question" } : a)) }, 400, "answers[1].questionId"],
      [{ ...body, answers: body.answers.map((a, i) => (i === 0 ? { ...a, version: 99 } : a)) }, 400, "answers[0].version"],
      [{ ...body, answers: body.answers.map((a, i) => (i === numericAt ? { ...a, response: { value: "42" } } : a)) }, 400, `answers[${numericAt}].response.value`],
      [{ ...body, answers: body.answers.map((a, i) => (i === singleAt ? { ...a, response: { choiceIds: ["a"] } } : a)) }, 400, `answers[${singleAt}].response.choiceId`],
      [{ ...body, answers: body.answers.map((a, i) => (i === singleAt ? { ...a, response: { choiceId: "zz" } } : a)) }, 400, `answers[${singleAt}].response.choiceId`],
      [{ ...body, chapter: "dns" }, 400, "chapter"],
      [{ ...body, kind: "mixed" }, 400, "kind"],
    ];
    for (const [bad, status, field] of cases) {
      const err = await refusal(submitAttempt(userId, { ...bad, idempotencyKey: randomUUID() }));
      expect(err.status, field).toBe(status);
      expect(err.field).toBe(field);
    }
    expect(await counts(userId)).toEqual({ attempts: 0, answers: 0, cards: 0, logs: 0 });
  });

  it("rejects malformed bodies at the schema with the field named", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "dns", 2);
    const check = (raw: unknown) => {
      const r = submitAttemptSchema.safeParse(raw);
      return r.success ? null : r.error.issues.map((i) => i.path.join("."));
    };
    expect(check(body)).toBeNull();
    expect(check({ ...body, idempotencyKey: "not-a-uuid" })).toEqual(["idempotencyKey"]);
    expect(check({ ...body, startedAt: "yesterday" })).toEqual(["startedAt"]);
    expect(check({ ...body, attemptId: undefined })).toEqual(["attemptId"]);
    expect(check({ ...body, attemptId: "x\u0000y" })).toEqual(["attemptId"]);
    expect(check({ ...body, answers: [{ ...body.answers[0], questionId: "dns/a\u0000b" }] })).toEqual(["answers.0.questionId"]);
    expect(check({ ...body, answers: [{ ...body.answers[0], version: 2 ** 31 }] })).toEqual(["answers.0.version"]);
    expect(check({ ...body, answers: [body.answers[0], body.answers[0]] })).toEqual(["answers.1.questionId"]);
    expect(check({ ...body, answers: [{ ...body.answers[0], version: "1" }] })).toEqual(["answers.0.version"]);
  });

  it("hides another user's attempt", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const out = await submitAttempt(owner, await attemptBody(owner, "dns", 2));
    expect(await loadAttemptResult(owner, out.body.attempt.id)).toEqual(out.body);
    expect(await loadAttemptResult(other, out.body.attempt.id)).toBeNull();
  });

  it("200 concurrent submissions with 100 distinct keys make exactly 100 attempts", async () => {
    const userId = await makeUser();
    const bodies = await Promise.all(Array.from({ length: 100 }, () => attemptBody(userId, "http-versions", 3)));
    const results = await Promise.all([...bodies, ...bodies.map((b) => structuredClone(b))].map((b) => submitAttempt(userId, b)));
    expect(await db.quizAttempt.count({ where: { userId } })).toBe(100);
    expect(await db.quizAnswer.count({ where: { attempt: { userId } } })).toBe(300);
    expect(results.filter((r) => r.status === 201)).toHaveLength(100);
    for (let i = 0; i < 100; i++) expect(results[i + 100]?.body.attempt.id).toBe(results[i]?.body.attempt.id);
    // Replays write nothing: only the 100 stored attempts scheduled reviews, and no card update was lost.
    expect(await db.reviewLog.count({ where: { userId } })).toBe(300);
    const cards = await db.reviewCard.findMany({ where: { userId } });
    expect(cards.map((c) => c.reps)).toEqual([100, 100, 100]);
  });
});

describe("quiz attempts under contention", () => {
  it("stores, replays and refuses a changed body", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "tls", 3);
    const first = await submitAttempt(userId, body);
    expect(first.status).toBe(201);
    const again = await submitAttempt(userId, structuredClone(body));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const err = await refusal(submitAttempt(userId, { ...body, answers: body.answers.slice(1) }));
    expect(err.status).toBe(422);
    expect(await counts(userId)).toEqual({ attempts: 1, answers: 3, cards: 3, logs: 3 });
  });

  it("200 concurrent submissions with 100 distinct keys make exactly 100 attempts, cards updated once per attempt", async () => {
    const userId = await makeUser();
    const bodies = await Promise.all(Array.from({ length: 100 }, () => attemptBody(userId, "dns", 2)));
    const results = await Promise.all([...bodies, ...bodies.map((b) => structuredClone(b))].map((b) => submitAttempt(userId, b)));
    expect(await db.quizAttempt.count({ where: { userId } })).toBe(100);
    expect(results.filter((r) => r.status === 201)).toHaveLength(100);
    // Two cards, each reviewed once per stored attempt: no update was lost to a race.
    const cards = await db.reviewCard.findMany({ where: { userId } });
    expect(cards.map((c) => c.reps)).toEqual([100, 100]);
  });
});
