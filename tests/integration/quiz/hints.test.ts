import { randomBytes, randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/quiz/attempts/route";
import { createQuestion as createQuestionAction } from "@/lib/actions/create-question";
import { revealQuizHint } from "@/lib/actions/reveal-quiz-hint";
import { db } from "@/lib/server/kernel/db";
import { questionSchema, type Question } from "@/lib/schemas/question";
import { runAction, type ActionResult } from "@/lib/server/kernel/action";
import type { Actor } from "@/lib/server/kernel/auth";
import { createQuestion, setQuestionStatus } from "@/lib/server/instructor/questions";
import { checkAnswer } from "@/lib/server/quiz/check";
import { dealAttempt, openAttempt } from "@/lib/server/quiz/plans";
import { clearQuestionCache, getPinnedQuestions, pinnedKey } from "@/lib/server/quiz/questions";
import { submitAttempt } from "@/lib/server/quiz/submit";
import { weightedChoices } from "../../support/weighted-choices";
import { browserHeaders } from "../kernel/helpers";

const HINT_ONE = `Think of the phone book of the internet ${randomBytes(4).toString("hex")}.`;
const HINT_TWO = `Three letters, D first ${randomBytes(4).toString("hex")}.`;

async function actor(role: "CANDIDATE" | "INSTRUCTOR"): Promise<Actor> {
  const email = `hints-${randomBytes(5).toString("hex")}@example.test`;
  const user = await db.user.create({ data: { email, name: "Hint Tester", passwordHash: "unused", role } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

function hinted(name: string): Question {
  return questionSchema.parse({
    id: `dns/${name}`,
    type: "short_answer",
    chapter: "dns",
    section: "what-dns-is",
    difficulty: "easy",
    tags: ["dns"],
    prompt: "Which protocol turns a host name into an address?",
    explanation: "DNS resolves names to addresses.",
    answers: [
      { match: "text", value: "DNS", weight: 1 },
      { match: "regex", value: "domain name (system|service)", weight: 1 },
    ],
    hints: [
      { text: HINT_ONE, cost: 0.25 },
      { text: HINT_TWO, cost: 0.5 },
    ],
  });
}

/** Publishes a hinted short-answer question and returns it pinned at version 1. */
async function publishHinted() {
  const owner = await actor("INSTRUCTOR");
  const q = hinted(`hinted-${randomBytes(4).toString("hex")}`);
  await createQuestion(owner, q);
  await setQuestionStatus(owner, q.id, "publish");
  clearQuestionCache();
  const pinned = (await getPinnedQuestions([{ questionId: q.id, version: 1 }])).get(pinnedKey(q.id, 1));
  if (!pinned) throw new Error("missing version");
  return pinned;
}

const reveal = (who: Actor | null, input: unknown) => runAction(revealQuizHint.definition, input, { headers: browserHeaders(), actor: who });

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`expected success, got ${r.status}: ${r.error}`);
  return r.data;
}
function refused<T>(r: ActionResult<T>): { status: number; error: string; fields: string } {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.data)}`);
  return { ...r, fields: (r.fieldErrors ?? []).map((f) => `${f.path}: ${f.message}`).join("\n") };
}

describe("hints", () => {
  it("stay off the page until asked for; asking is recorded with the attempt and the cost comes off the mark", async () => {
    const pinned = await publishHinted();
    const candidate = await actor("CANDIDATE");
    const view = await openAttempt(candidate.id, { kind: "chapter", chapter: "dns", mode: "one" });
    const item = view.items.find((i) => i.question.id === pinned.question.id);
    expect(item?.question).toMatchObject({ type: "short_answer", hintCosts: [0.25, 0.5] });
    // The page's data (what QuizRunner gets as props) carries the costs but neither hint's text.
    expect(JSON.stringify(view)).not.toContain(HINT_ONE);
    expect(JSON.stringify(view)).not.toContain(HINT_TWO);

    const first = ok(await reveal(candidate, { attemptId: view.attemptId, questionId: pinned.question.id }));
    expect(first).toEqual({ hints: [{ text: HINT_ONE, cost: 0.25 }], totalCost: 0.25 });
    const stored = await db.attemptPlan.findUniqueOrThrow({ where: { id: view.attemptId } });
    expect(stored.hints).toEqual({ [pinned.question.id]: 1 });

    // A reload shows the hint that was asked for, and still not the next one.
    const again = await openAttempt(candidate.id, { kind: "chapter", chapter: "dns", mode: "one" });
    expect(again.attemptId).toBe(view.attemptId);
    expect(again.hints[pinned.question.id]?.hints.map((h) => h.text)).toEqual([HINT_ONE]);
    expect(JSON.stringify(again)).not.toContain(HINT_TWO);

    const checked = await checkAnswer(candidate.id, {
      attemptId: view.attemptId,
      questionId: pinned.question.id,
      response: { text: "  domain NAME system " },
    });
    expect(checked).toMatchObject({ score: 0.75, correct: true, hintCost: 0.25 });

    // Once answered, no more hints: the next one could no longer cost anything.
    const late = refused(await reveal(candidate, { attemptId: view.attemptId, questionId: pinned.question.id }));
    expect(late.status).toBe(409);

    const out = await submitAttempt(candidate.id, { idempotencyKey: randomUUID(), attemptId: view.attemptId, answers: [] });
    expect(out.body.answers).toEqual([expect.objectContaining({ questionId: pinned.question.id, score: 0.75, hintCost: 0.25 })]);
    expect(out.body.attempt.score).toBe(0.75);
    const answer = await db.quizAnswer.findFirstOrThrow({ where: { attemptId: view.attemptId } });
    expect([answer.score, answer.hintCost]).toEqual([0.75, 0.25]);
  });

  it("all at once: costs add up and apply on submission through the route", async () => {
    const pinned = await publishHinted();
    const candidate = await actor("CANDIDATE");
    const plan = await dealAttempt(candidate.id, [pinned], { kind: "mixed", chapter: null, mode: "all" });
    const input = { attemptId: plan.id, questionId: pinned.question.id };
    expect(ok(await reveal(candidate, input)).totalCost).toBe(0.25);
    expect(ok(await reveal(candidate, input))).toEqual({
      hints: [
        { text: HINT_ONE, cost: 0.25 },
        { text: HINT_TWO, cost: 0.5 },
      ],
      totalCost: 0.75,
    });
    // Asking past the last hint reveals nothing new and costs nothing more.
    expect(ok(await reveal(candidate, input)).totalCost).toBe(0.75);

    const body = {
      idempotencyKey: randomUUID(),
      attemptId: plan.id,
      answers: [{ questionId: pinned.question.id, version: 1, response: { text: "dns" } }],
    };
    const res = await POST.run(
      new NextRequest("http://localhost/api/quiz/attempts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      candidate,
    );
    expect(res.status).toBe(201);
    const json = (await res.json()) as { attempt: { score: number }; answers: { score: number; hintCost?: number; correct: boolean }[] };
    expect(json.attempt.score).toBe(0.25);
    expect(json.answers[0]).toMatchObject({ score: 0.25, hintCost: 0.75, correct: true });
  });

  it("are refused outside an open attempt of the asker, for questions not in it, and when signed out", async () => {
    const pinned = await publishHinted();
    const candidate = await actor("CANDIDATE");
    const stranger = await actor("CANDIDATE");
    const plan = await dealAttempt(candidate.id, [pinned], { kind: "mixed", chapter: null, mode: "one" });
    const qid = pinned.question.id;

    const none = refused(await reveal(candidate, { attemptId: randomUUID(), questionId: qid }));
    expect([none.status, none.error]).toEqual([400, expect.stringMatching(/^attemptId:/)]);
    const foreign = refused(await reveal(stranger, { attemptId: plan.id, questionId: qid }));
    expect([foreign.status, foreign.error]).toEqual([400, expect.stringMatching(/^attemptId:/)]);
    expect(refused(await reveal(null, { attemptId: plan.id, questionId: qid })).status).toBe(401);
    const elsewhere = refused(await reveal(candidate, { attemptId: plan.id, questionId: "dns/not-in-this-attempt" }));
    expect([elsewhere.status, elsewhere.error]).toEqual([400, expect.stringMatching(/^questionId:/)]);
    const malformed = refused(await reveal(candidate, { attemptId: plan.id, questionId: "x\u0000" }));
    expect(malformed.status).toBe(400);
    // Nothing was recorded by any of them.
    expect((await db.attemptPlan.findUniqueOrThrow({ where: { id: plan.id } })).hints).toEqual({});

    await submitAttempt(candidate.id, {
      idempotencyKey: randomUUID(),
      attemptId: plan.id,
      answers: [{ questionId: qid, version: 1, response: { text: "DNS" } }],
    });
    const closed = refused(await reveal(candidate, { attemptId: plan.id, questionId: qid }));
    expect([closed.status, closed.error]).toEqual([409, expect.stringMatching(/^attemptId:/)]);
    expect((await db.attemptPlan.findUniqueOrThrow({ where: { id: plan.id } })).hints).toEqual({});
  });
});

describe("short answers through the submission route", () => {
  it("refuses an over-long answer or one with a NUL byte with a 400 naming the field, and stores nothing", async () => {
    const pinned = await publishHinted();
    const candidate = await actor("CANDIDATE");
    const plan = await dealAttempt(candidate.id, [pinned], { kind: "mixed", chapter: null, mode: "all" });
    for (const text of ["x".repeat(201), "dns\u0000"]) {
      const body = { idempotencyKey: randomUUID(), attemptId: plan.id, answers: [{ questionId: pinned.question.id, version: 1, response: { text } }] };
      const res = await POST.run(
        new NextRequest("http://localhost/api/quiz/attempts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
        candidate,
      );
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("answers[0].response.text");
    }
    expect(await db.quizAttempt.count({ where: { userId: candidate.id } })).toBe(0);
  });
});

describe("the editor's save refuses unanswerable short answers and weights", () => {
  it("names the field for a pattern that does not compile, a missing accepted answer and unreachable full marks", async () => {
    const owner = await actor("INSTRUCTOR");
    const base = hinted(`refused-${randomBytes(4).toString("hex")}`);
    const create = (question: unknown) => runAction(createQuestionAction.definition, { question }, { headers: browserHeaders(), actor: owner });

    const badRegex = refused(await create({ ...base, answers: [...(base.type === "short_answer" ? base.answers : []), { match: "regex", value: "(dns", weight: 1 }] }));
    expect([badRegex.status, badRegex.fields]).toEqual([400, expect.stringMatching(/question\.answers\[2\]\.value: regular expression does not compile/)]);
    const noAnswer = refused(await create({ ...base, answers: [] }));
    expect([noAnswer.status, noAnswer.fields]).toEqual([400, expect.stringMatching(/question\.answers: give at least one accepted answer/)]);
    const weights = refused(
      await create({
        id: base.id,
        type: "multiple",
        chapter: "dns",
        section: "what-dns-is",
        difficulty: "easy",
        tags: ["dns"],
        prompt: "Pick the first two.",
        explanation: "The first two are right.",
        choices: weightedChoices([
          [true, 0.4],
          [true, 0.4],
          [false, -0.5],
        ]),
      }),
    );
    expect([weights.status, weights.fields]).toEqual([400, expect.stringMatching(/question\.choices: the positive weights add up to 80 %/)]);
    expect(await db.question.findUnique({ where: { id: base.id } })).toBeNull();
  });
});
