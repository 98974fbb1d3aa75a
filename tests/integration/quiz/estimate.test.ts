import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/quiz/attempts/route";
import { db } from "@/lib/server/kernel/db";
import { correctResponse, evaluateFormula, formatNumber, renderPrompt, type QuestionLayout } from "@/lib/core/quiz";
import type { EstimateQuestion, Question } from "@/lib/schemas/question";
import { attemptPlanItemsSchema } from "@/lib/schemas/quiz-attempt";
import { checkAnswer } from "@/lib/server/quiz/check";
import { openAttempt, type QuizView } from "@/lib/server/quiz/plans";
import { getPinnedQuestions, pinnedKey } from "@/lib/server/quiz/questions";
import { attemptView } from "@/lib/server/quiz/results";
import { makeUser } from "./helpers";

/** tls has three generated questions: TLS 1.3 setup, TLS 1.2 setup and the 1.2 → 1.3 saving (two variables). */
const CHAPTER = "tls";

async function fullQuestion(questionId: string, version: number): Promise<Question> {
  const p = (await getPinnedQuestions([{ questionId, version }])).get(pinnedKey(questionId, version));
  if (!p) throw new Error("missing question");
  return p.question;
}

async function storedLayout(attemptId: string, questionId: string): Promise<QuestionLayout> {
  const plan = await db.attemptPlan.findUniqueOrThrow({ where: { id: attemptId } });
  const item = attemptPlanItemsSchema.parse(plan.items).find((i) => i.questionId === questionId);
  if (!item) throw new Error("question not in the plan");
  return item.layout;
}

async function estimateItem(view: QuizView, id = "tls/gen-tls-upgrade-saving") {
  const item = view.items.find((i) => i.question.id === id);
  if (!item || item.question.type !== "estimate") throw new Error(`${id} is not in the attempt`);
  const q = await fullQuestion(item.question.id, item.version);
  if (q.type !== "estimate") throw new Error("not an estimate");
  return { item, q: q as EstimateQuestion };
}

/** Every way the answer or the solution could appear in page data. */
function secrets(q: EstimateQuestion, values: Record<string, number>): string[] {
  return [q.formula, q.solution.slice(0, 20), "solution", "formula", "variables", JSON.stringify(values)];
}

/**
 * Whether the page data carries the answer as a number of its own. A plain substring test failed on a draw whose
 * answer was 20: any year ("2026-…"), time or id in the page data holds "20". A number standing alone (no letter,
 * digit or decimal point either side) is what a leak looks like.
 */
function carriesNumber(page: string, answer: number): boolean {
  return [String(answer), formatNumber(answer)].some((text) => {
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(?<![\\w.])${escaped}(?![\\w.])`).test(page);
  });
}

describe("generated estimation questions on the server", () => {
  it("draws values once per attempt, stores them, and shows the same prompt on every reload", async () => {
    const userId = await makeUser("estimate");
    const view = await openAttempt(userId, { kind: "chapter", chapter: CHAPTER, mode: "one" });
    const { item, q } = await estimateItem(view);
    const layout = await storedLayout(view.attemptId, q.id);
    const values = layout.values ?? {};
    expect(Object.keys(values).sort()).toEqual(q.variables.map((v) => v.name).sort());
    for (const v of q.variables) {
      expect(values[v.name]).toBeGreaterThanOrEqual(v.min);
      expect(values[v.name]).toBeLessThanOrEqual(v.max);
    }
    // The prompt shown is the authored one with exactly the stored values, and no placeholder survives.
    expect(item.question.prompt).toBe(renderPrompt(q, values));
    expect(item.promptHtml).not.toContain("{{");

    const reload = await openAttempt(userId, { kind: "chapter", chapter: CHAPTER, mode: "one" });
    expect(reload.attemptId).toBe(view.attemptId);
    expect((await estimateItem(reload)).item).toEqual(item);
    expect(await storedLayout(view.attemptId, q.id)).toEqual(layout);
  });

  it("gives different candidates their own values", async () => {
    const prompts = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const view = await openAttempt(await makeUser("estimate"), { kind: "chapter", chapter: CHAPTER, mode: "one" });
      prompts.add((await estimateItem(view)).item.question.prompt);
    }
    expect(prompts.size).toBeGreaterThan(1);
  });

  it("keeps the answer and the solution out of the page data until the answer is committed, then checks it on the server", async () => {
    const userId = await makeUser("estimate");
    const view = await openAttempt(userId, { kind: "chapter", chapter: CHAPTER, mode: "one" });
    const { item, q } = await estimateItem(view);
    const layout = await storedLayout(view.attemptId, q.id);
    const values = layout.values ?? {};
    const page = JSON.stringify(view);
    for (const s of secrets(q, values)) expect(page).not.toContain(s);
    // A draw's answer can equal a number the page rightly shows: 3,600,000 connections at 150 ms save 150 hours,
    // and 150 ms is in the prompt; 200 hours is in another question's "200 OK" (4 of 150 draws in a probe; a full
    // run failed here on one). A leak would carry the answer in every draw, so the check fails only when all of
    // five candidates' pages carry their own answer (chance of that by coincidence: about 1 in 10^8).
    const carried = [carriesNumber(page, evaluateFormula(q.formula, values))];
    for (let i = 0; i < 4; i++) {
      const other = await openAttempt(await makeUser("estimate"), { kind: "chapter", chapter: CHAPTER, mode: "one" });
      const drawn = (await storedLayout(other.attemptId, q.id)).values ?? {};
      carried.push(carriesNumber(JSON.stringify(other), evaluateFormula(q.formula, drawn)));
    }
    expect(carried.includes(false), "the answer is in the page data of every draw").toBe(true);

    // The answer for another draw of the same question is judged against this attempt's values, so it fails
    // (the two draws' answers differ by more than the ±10 % tolerance here).
    const answer = evaluateFormula(q.formula, values);
    let other: number | undefined;
    for (let i = 0; other === undefined && i < 100; i++) {
      const v = (correctResponse(q, `other-${i}`) as { value: number }).value;
      if (Math.abs(v - answer) > answer * 0.2) other = v;
    }
    expect(other).toBeDefined();
    const wrong = await checkAnswer(userId, {
      attemptId: view.attemptId,
      questionId: q.id,
      response: { value: other },
    });
    expect(wrong.correct).toBe(false);
    if (wrong.feedback.type !== "estimate") throw new Error("feedback type");
    expect(wrong.feedback.correctAnswer.value).toBeCloseTo(answer, 6);
    // The worked solution names this attempt's values.
    const rttShown = `${formatNumber(values.rtt as number, 6)} ms`;
    expect(wrong.feedback.solution).toContain(rttShown);

    // After the commit the reloaded page carries the feedback with its solution, and the answer cannot change.
    const reload = await openAttempt(userId, { kind: "chapter", chapter: CHAPTER, mode: "one" });
    const committed = reload.committed[q.id];
    expect(committed?.feedback.type).toBe("estimate");
    expect(committed && committed.feedback.type === "estimate" ? committed.feedback.solution : "").toBe(
      wrong.feedback.solution,
    );
    const retry = await checkAnswer(userId, {
      attemptId: view.attemptId,
      questionId: q.id,
      response: { value: answer },
    });
    expect([retry.alreadyCommitted, retry.correct]).toEqual([true, false]);
    expect(item.question.type).toBe("estimate");
  });

  it("scores a submission against the stored values and shows them again on the results page", async () => {
    const userId = await makeUser("estimate");
    const actor = await db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, email: true, name: true, role: true },
    });
    const view = await openAttempt(userId, { kind: "chapter", chapter: CHAPTER, mode: "all" });
    const { item, q } = await estimateItem(view);
    const layout = await storedLayout(view.attemptId, q.id);
    const right = evaluateFormula(q.formula, layout.values ?? {});
    const body = {
      idempotencyKey: randomUUID(),
      attemptId: view.attemptId,
      // 5 % off: inside the ±10 % tolerance.
      answers: [{ questionId: q.id, version: item.version, response: { value: right * 1.05 } }],
    };
    const res = await POST.run(
      new NextRequest("http://localhost/api/quiz/attempts", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      actor,
    );
    expect(res.status).toBe(201);
    const json = (await res.json()) as {
      answers: { questionId: string; correct: boolean; feedback: { type: string; solution?: string } }[];
    };
    const answered = json.answers.find((a) => a.questionId === q.id);
    expect(answered?.correct).toBe(true);
    expect(answered?.feedback.solution).toContain(formatNumber(right));

    const results = await attemptView(userId, view.attemptId);
    const shown = results?.answers.find((a) => a.question.id === q.id);
    expect(shown?.question.prompt).toBe(item.question.prompt);
    expect(shown?.feedback.type === "estimate" ? shown.feedback.solution : "").toBe(answered?.feedback.solution);
  });
});
