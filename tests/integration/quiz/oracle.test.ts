import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/quiz/attempts/route";
import { db } from "@/lib/server/kernel/db";
import { scoreResponse } from "@/lib/core/quiz";
import { hit, limitFor, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";
import { checkAnswer } from "@/lib/server/quiz/check";
import { openAttempt } from "@/lib/server/quiz/plans";
import { getPinnedQuestions, pinnedKey } from "@/lib/server/quiz/questions";
import { submitAttempt } from "@/lib/server/quiz/submit";
import { chapterQuestions, correctResponse, makeUser, refusal, wrongResponse } from "./helpers";

/**
 * Items whose right answer correctResponse can give without the attempt's layout: an estimate's depends on the
 * values drawn for the attempt (tests/integration/quiz/estimate.test.ts covers those).
 */
const answerable = <T extends { question: { type: string } }>(items: readonly T[]): T[] => items.filter((i) => i.question.type !== "estimate");


/** The full question behind an item of an attempt the page was dealt. */
async function fullQuestion(questionId: string, version: number) {
  const p = (await getPinnedQuestions([{ questionId, version }])).get(pinnedKey(questionId, version));
  if (!p) throw new Error("missing question");
  return p.question;
}

async function post(userId: string | null, body: unknown): Promise<{ status: number; json: { error?: string; errors?: { path: string }[]; attempt?: { score: number } } }> {
  const headers = new Headers({ "content-type": "application/json" });
  const actor = userId ? await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, role: true } }) : null;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  // The route's own wrapper and handler, with the session's user given (outside Next there is no request scope).
  const res = await POST.run(new NextRequest("http://localhost/api/quiz/attempts", { method: "POST", headers, body: text }), actor);
  return { status: res.status, json: (await res.json()) as never };
}

afterEach(() => {
  delete process.env.RATE_LIMIT_QUIZ_CHECK_PER_USER;
});

describe("no answers before commitment: the check action", () => {
  it("works only inside an open attempt of this user, for a question of that attempt", async () => {
    const owner = await makeUser("oracle");
    const stranger = await makeUser("oracle");
    const view = await openAttempt(owner, { kind: "chapter", chapter: "dns", mode: "one" });
    const item = answerable(view.items)[0]!;
    const q = await fullQuestion(item.question.id, item.version);
    const [outside] = await chapterQuestions("tls");

    // No attempt at all, someone else's attempt, a question outside the attempt: refused, nothing scored.
    const none = await refusal(checkAnswer(owner, { attemptId: randomUUID(), questionId: q.id, response: correctResponse(q) }));
    expect([none.status, none.field]).toEqual([400, "attemptId"]);
    const foreign = await refusal(checkAnswer(stranger, { attemptId: view.attemptId, questionId: q.id, response: correctResponse(q) }));
    expect([foreign.status, foreign.field]).toEqual([400, "attemptId"]);
    expect(foreign.message).toBe(none.message.replace(/"[^"]+"/, `"${view.attemptId}"`));
    const elsewhere = await refusal(
      checkAnswer(owner, { attemptId: view.attemptId, questionId: outside!.question.id, response: correctResponse(outside!.question) }),
    );
    expect([elsewhere.status, elsewhere.field]).toEqual([400, "questionId"]);
    const plan = await db.attemptPlan.findUniqueOrThrow({ where: { id: view.attemptId } });
    expect(plan.committed).toEqual({});
  });

  it("commits the first answer before returning feedback; checking again cannot try another answer", async () => {
    const userId = await makeUser("oracle");
    const view = await openAttempt(userId, { kind: "chapter", chapter: "caching", mode: "one" });
    const item = view.items.find((i) => i.question.type === "single")!;
    const q = await fullQuestion(item.question.id, item.version);

    const first = await checkAnswer(userId, { attemptId: view.attemptId, questionId: q.id, response: wrongResponse(q) });
    expect(first.correct).toBe(false);
    expect(first.alreadyCommitted).toBe(false);
    const stored = await db.attemptPlan.findUniqueOrThrow({ where: { id: view.attemptId } });
    expect((stored.committed as Record<string, { response: unknown }>)[q.id]?.response).toEqual(wrongResponse(q));

    // The right answer sent second is not scored: the first one stands and its feedback comes back.
    const second = await checkAnswer(userId, { attemptId: view.attemptId, questionId: q.id, response: correctResponse(q) });
    expect(second.alreadyCommitted).toBe(true);
    expect(second.correct).toBe(false);
    expect(second.response).toEqual(wrongResponse(q));
    expect((await db.attemptPlan.findUniqueOrThrow({ where: { id: view.attemptId } })).committed).toEqual(stored.committed);

    // Submitting cannot change it either, and leaving it out uses the committed answer.
    const changed = await refusal(
      submitAttempt(userId, {
        idempotencyKey: randomUUID(),
        attemptId: view.attemptId,
        answers: [{ questionId: q.id, version: item.version, response: correctResponse(q) }],
      }),
    );
    expect([changed.status, changed.field]).toEqual([400, "answers[0].response"]);
    const out = await submitAttempt(userId, { idempotencyKey: randomUUID(), attemptId: view.attemptId, answers: [] });
    expect(out.status).toBe(201);
    expect(out.body.answers.map((a) => [a.questionId, a.correct])).toEqual([[q.id, false]]);
    expect(out.body.attempt.questionCount).toBe(view.items.length);

    // A submitted attempt takes no more checks.
    const other = view.items.find((i) => i.question.id !== q.id)!;
    const late = await refusal(checkAnswer(userId, { attemptId: view.attemptId, questionId: other.question.id, response: {} }));
    expect([late.status, late.field]).toEqual([409, "attemptId"]);
  });

  it("a committed answer sent again unchanged carries its self-rating into the review schedule", async () => {
    const userId = await makeUser("oracle");
    const view = await openAttempt(userId, { kind: "chapter", chapter: "tls", mode: "one" });
    const item = answerable(view.items)[0]!;
    const q = await fullQuestion(item.question.id, item.version);
    const checked = await checkAnswer(userId, { attemptId: view.attemptId, questionId: q.id, response: correctResponse(q) });
    expect(checked.correct).toBe(true);
    const out = await submitAttempt(userId, {
      idempotencyKey: randomUUID(),
      attemptId: view.attemptId,
      answers: [{ questionId: q.id, version: item.version, response: checked.response, selfRating: "Again", timeMs: 1234 }],
    });
    expect(out.body.attempt.correctCount).toBe(1);
    const log = await db.reviewLog.findFirstOrThrow({ where: { userId, questionId: q.id } });
    expect(log.rating).toBe(1);
    expect((await db.quizAnswer.findFirstOrThrow({ where: { attemptId: view.attemptId } })).timeMs).toBe(1234);
  });

  it("is rate-limited per user", async () => {
    const userId = await makeUser("oracle");
    // Fill the user's window to three short of the limit, through the same Postgres-backed counter.
    for (let i = 0; i < limitFor(RATE_LIMITS.quizCheckPerUser) - 3; i++) await hit(RATE_LIMITS.quizCheckPerUser, userId);
    const view = await openAttempt(userId, { kind: "chapter", chapter: "tls", mode: "one" });
    const ask = async (i: number) => {
      const item = answerable(view.items)[i]!;
      const q = await fullQuestion(item.question.id, item.version);
      return checkAnswer(userId, { attemptId: view.attemptId, questionId: q.id, response: correctResponse(q) });
    };
    for (let i = 0; i < 3; i++) expect((await ask(i)).correct).toBe(true);
    const limited = await refusal(ask(3));
    expect(limited.status).toBe(429);
  });

  it("refuses malformed answers naming the field and commits nothing", async () => {
    const userId = await makeUser("oracle");
    const view = await openAttempt(userId, { kind: "chapter", chapter: "dns", mode: "one" });
    const item = answerable(view.items)[0]!;
    const err = await refusal(checkAnswer(userId, { attemptId: view.attemptId, questionId: item.question.id, response: { nope: 1 } }));
    expect(err.status).toBe(400);
    expect(err.field).toMatch(/^response/);
    expect((await db.attemptPlan.findUniqueOrThrow({ where: { id: view.attemptId } })).committed).toEqual({});
  });
});

describe("no answers before commitment: the page data", () => {
  it("deals public questions only, the same layout on reload, and feedback only for committed answers", async () => {
    const userId = await makeUser("oracle");
    const first = await openAttempt(userId, { kind: "chapter", chapter: "http-semantics", mode: "one" });
    const text = JSON.stringify(first);
    for (const key of ['"correct"', '"feedback"', '"explanation"', '"answer"', '"pairs"', '"explanationHtml"']) expect(text, key).not.toContain(key);
    // No answer key hides in the text either: no explanation, no choice feedback.
    for (const item of first.items.slice(0, 5)) {
      const q = await fullQuestion(item.question.id, item.version);
      expect(text).not.toContain(JSON.stringify(q.explanation).slice(1, 30));
    }

    const reload = await openAttempt(userId, { kind: "chapter", chapter: "http-semantics", mode: "one" });
    expect(reload.attemptId).toBe(first.attemptId);
    expect(reload.items).toEqual(first.items);

    const item = answerable(first.items)[0]!;
    const q = await fullQuestion(item.question.id, item.version);
    await checkAnswer(userId, { attemptId: first.attemptId, questionId: q.id, response: correctResponse(q) });
    const after = await openAttempt(userId, { kind: "chapter", chapter: "http-semantics", mode: "one" });
    expect(Object.keys(after.committed)).toEqual([q.id]);
    expect(after.committed[q.id]?.correct).toBe(true);
    expect(after.committed[q.id]?.score).toBe(scoreResponse(q, correctResponse(q)).score);
    // Only the committed question's explanation is there.
    const rest = JSON.stringify({ ...after, committed: {} });
    for (const key of ['"correct"', '"feedback"', '"explanationHtml"']) expect(rest, key).not.toContain(key);

    // Ordering questions never start in the right order.
    for (const it of first.items.filter((i) => i.question.type === "ordering")) {
      const full = await fullQuestion(it.question.id, it.version);
      const right = (correctResponse(full) as { order: string[] }).order;
      if (it.question.type === "ordering") expect(it.question.items.map((x) => x.id)).not.toEqual(right);
    }
  });
});

describe("no answers before commitment: the API", () => {
  it("refuses submissions outside an attempt of this user, naming the field, and stores nothing", async () => {
    const owner = await makeUser("oracle");
    const stranger = await makeUser("oracle");
    const view = await openAttempt(owner, { kind: "chapter", chapter: "latency", mode: "all" });
    const item = answerable(view.items)[0]!;
    const q = await fullQuestion(item.question.id, item.version);
    const answer = { questionId: q.id, version: item.version, response: correctResponse(q) };

    expect((await post(null, { idempotencyKey: randomUUID(), attemptId: view.attemptId, answers: [answer] })).status).toBe(401);
    const noAttempt = await post(owner, { idempotencyKey: randomUUID(), kind: "chapter", chapter: "latency", startedAt: new Date().toISOString(), answers: [answer] });
    expect(noAttempt.status).toBe(400);
    expect(noAttempt.json.errors?.map((e) => e.path)).toContain("attemptId");
    const theirs = await post(stranger, { idempotencyKey: randomUUID(), attemptId: view.attemptId, answers: [answer] });
    expect(theirs.status).toBe(400);
    expect(theirs.json.errors?.map((e) => e.path)).toEqual(["attemptId"]);
    const [outside] = await chapterQuestions("dns");
    const foreignQuestion = await post(owner, {
      idempotencyKey: randomUUID(),
      attemptId: view.attemptId,
      answers: [{ questionId: outside!.question.id, version: outside!.version, response: correctResponse(outside!.question) }],
    });
    expect(foreignQuestion.status).toBe(400);
    expect(foreignQuestion.json.errors?.map((e) => e.path)).toEqual(["answers[0].questionId"]);
    const hugeVersion = await post(owner, { idempotencyKey: randomUUID(), attemptId: view.attemptId, answers: [{ ...answer, version: 2 ** 31 }] });
    expect(hugeVersion.status).toBe(400);
    expect(hugeVersion.json.errors?.map((e) => e.path)).toEqual(["answers[0].version"]);
    const nul = await post(owner, { idempotencyKey: randomUUID(), attemptId: view.attemptId, answers: [{ ...answer, response: { choiceId: "a\u0000" } }] });
    expect(nul.status).toBe(400);
    const deep = `${"[".repeat(5000)}1${"]".repeat(5000)}`;
    const nested = await post(
      owner,
      `{"idempotencyKey":"${randomUUID()}","attemptId":"${view.attemptId}","answers":[{"questionId":"${q.id}","version":${item.version},"response":${deep}}]}`,
    );
    expect(nested.status).toBe(400);
    expect(nested.json.errors?.[0]?.path).toMatch(/^answers\[0\]\.response/);
    const huge = await post(owner, `{"idempotencyKey":"${randomUUID()}","attemptId":"${view.attemptId}","answers":[],"pad":"${"x".repeat(1_100_000)}"}`);
    expect(huge.status).toBe(413);
    expect(await db.quizAttempt.count({ where: { userId: { in: [owner, stranger] } } })).toBe(0);
    expect((await db.attemptPlan.findUniqueOrThrow({ where: { id: view.attemptId } })).submittedAt).toBeNull();

    // The attempt's own answer goes through once; a second attempt id in the same key is a conflict.
    const ok = await post(owner, { idempotencyKey: randomUUID(), attemptId: view.attemptId, answers: [answer] });
    expect(ok.status).toBe(201);
    const again = await post(owner, { idempotencyKey: randomUUID(), attemptId: view.attemptId, answers: [answer] });
    expect(again.status).toBe(409);
    expect(again.json.errors?.map((e) => e.path)).toEqual(["attemptId"]);
  });
});
