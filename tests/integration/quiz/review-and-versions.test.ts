import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Question } from "@/lib/schemas/question";
import { buildChapterQuiz, buildMixedQuiz } from "@/lib/server/quiz/build";
import { checkAnswer } from "@/lib/server/quiz/check";
import { getDashboard } from "@/lib/server/quiz/dashboard";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { clearQuestionCache } from "@/lib/server/quiz/questions";
import { dueQuestions, rateReview } from "@/lib/server/quiz/review";
import { loadAttemptResult, submitAttempt } from "@/lib/server/quiz/submit";
import { readQuestionBank, seedQuestions } from "../../../scripts/lib/seed-questions";
import { attemptBody, chapterQuestions, correctResponse, makeUser, wrongResponse } from "./helpers";

const quiet = () => {};

describe("question bank seeding and versions", () => {
  it("is idempotent: a second run over unchanged files changes nothing", async () => {
    const bank = readQuestionBank();
    expect(bank.length).toBeGreaterThanOrEqual(140);
    expect(await seedQuestions(db, quiet, bank)).toEqual({ created: 0, updated: 0, retired: 0 });
    // Other test files publish questions of their own in the same database; count the bank's.
    expect(await db.question.count({ where: { status: "PUBLISHED", id: { in: bank.map((q) => q.id) } } })).toBe(bank.length);
  });

  it("an edited question gets a new version and past attempts keep their score and feedback", async () => {
    const userId = await makeUser();
    const bank = readQuestionBank();
    const target = bank.find((q): q is Extract<Question, { type: "single" }> => q.type === "single" && q.chapter === "caching");
    if (!target) throw new Error("no single-choice caching question");
    const before = await db.question.findUniqueOrThrow({ where: { id: target.id } });
    const original = await submitAttempt(userId, {
      idempotencyKey: randomUUID(),
      kind: "chapter",
      chapter: "caching",
      startedAt: new Date().toISOString(),
      answers: [{ questionId: target.id, version: before.currentVersion, response: correctResponse(target) }],
    });
    expect(original.body.answers[0]?.correct).toBe(true);

    // Make another choice the right one and rewrite the explanation.
    const rightIndex = target.choices.findIndex((c) => c.correct);
    const edited: Question = {
      ...target,
      explanation: "Rewritten explanation for the version test.",
      choices: target.choices.map((c, i) => ({ ...c, correct: i === (rightIndex + 1) % target.choices.length })),
    };
    const editedBank = bank.map((q) => (q.id === target.id ? edited : q));
    try {
      expect(await seedQuestions(db, quiet, editedBank)).toEqual({ created: 0, updated: 1, retired: 0 });
      const after = await db.question.findUniqueOrThrow({ where: { id: target.id } });
      expect(after.currentVersion).toBe(before.currentVersion + 1);
      clearQuestionCache();

      // The old attempt is unchanged, feedback included.
      expect(await loadAttemptResult(userId, original.body.attempt.id)).toEqual(original.body);

      // New quizzes pin the new version, and the same response now scores 0 against it.
      const plan = await buildChapterQuiz("caching", "seed");
      expect(plan.items.find((i) => i.question.id === target.id)?.version).toBe(after.currentVersion);
      const now = await submitAttempt(userId, {
        idempotencyKey: randomUUID(),
        kind: "chapter",
        chapter: "caching",
        startedAt: new Date().toISOString(),
        answers: [{ questionId: target.id, version: after.currentVersion, response: correctResponse(target) }],
      });
      expect(now.body.answers[0]?.correct).toBe(false);
      expect(now.body.answers[0]?.feedback.explanation).toBe("Rewritten explanation for the version test.");
    } finally {
      await seedQuestions(db, quiet, bank);
      clearQuestionCache();
    }
    expect((await db.questionVersion.count({ where: { questionId: target.id } })) >= 3).toBe(true);
  });

  it("retires questions that left the files instead of deleting them", async () => {
    const bank = readQuestionBank();
    const dropped = bank[0] as Question;
    try {
      expect(await seedQuestions(db, quiet, bank.slice(1))).toEqual({ created: 0, updated: 0, retired: 1 });
      expect((await db.question.findUniqueOrThrow({ where: { id: dropped.id } })).status).toBe("RETIRED");
    } finally {
      await seedQuestions(db, quiet, bank);
    }
    expect((await db.question.findUniqueOrThrow({ where: { id: dropped.id } })).status).toBe("PUBLISHED");
  });
});

describe("building quizzes", () => {
  it("sends only public questions", async () => {
    const plan = await buildChapterQuiz("tls", "abc");
    expect(plan.items.length).toBeGreaterThanOrEqual(8);
    const text = JSON.stringify(plan);
    for (const leak of ['"correct"', '"feedback"', '"explanation"', '"answer"', '"pairs"']) expect(text).not.toContain(leak);
  });

  it("mixes chapters at a difficulty and respects the count", async () => {
    const plan = await buildMixedQuiz({ chapters: ["dns", "tls"], count: 6, difficulty: "any", mode: "one" }, "s");
    expect(plan.items).toHaveLength(6);
    expect(new Set(plan.items.map((i) => i.question.chapter))).toEqual(new Set(["dns", "tls"]));
    const easy = await buildMixedQuiz({ chapters: ["latency"], count: 40, difficulty: "easy", mode: "all" }, "s");
    expect(easy.items.length).toBeGreaterThan(0);
    expect(easy.items.every((i) => i.question.difficulty === "easy")).toBe(true);
  });

  it("checks one answer without storing anything, and names a bad field", async () => {
    const [p] = await chapterQuestions("dns");
    if (!p) throw new Error("no dns question");
    const before = await db.quizAnswer.count();
    const r = await checkAnswer({ questionId: p.question.id, version: p.version, response: correctResponse(p.question) });
    expect(r.correct).toBe(true);
    expect(r.sectionHref).toBe(`/learn/dns#${p.question.section}`);
    expect(r.explanationHtml).toContain("<p>");
    expect(await db.quizAnswer.count()).toBe(before);
    await expect(checkAnswer({ questionId: p.question.id, version: p.version, response: { nope: 1 } })).rejects.toBeInstanceOf(QuizRequestError);
  });
});

describe("spaced repetition", () => {
  it("schedules a wrong answer for today and a confident right one days out, with review logs", async () => {
    const userId = await makeUser();
    const qs = await chapterQuestions("addressing");
    const [wrong, right] = qs;
    if (!wrong || !right) throw new Error("need two questions");
    const now = new Date();
    await submitAttempt(userId, {
      idempotencyKey: randomUUID(),
      kind: "mixed",
      startedAt: now.toISOString(),
      answers: [
        { questionId: wrong.question.id, version: wrong.version, response: wrongResponse(wrong.question), selfRating: "Easy" },
        { questionId: right.question.id, version: right.version, response: correctResponse(right.question), selfRating: "Easy" },
      ],
    });
    const cards = await db.reviewCard.findMany({ where: { userId }, orderBy: { due: "asc" } });
    expect(cards.map((c) => c.questionId)).toEqual([wrong.question.id, right.question.id]);
    const [w, r] = cards;
    // A wrong answer is "Again" whatever the self-rating: back within minutes.
    expect(w!.due.getTime() - now.getTime()).toBeLessThan(15 * 60_000);
    expect(r!.due.getTime() - now.getTime()).toBeGreaterThan(24 * 3600_000);
    const logs = await db.reviewLog.findMany({ where: { userId }, orderBy: { rating: "asc" } });
    expect(logs.map((l) => l.rating)).toEqual([1, 4]);

    const due = await dueQuestions(userId);
    expect(due.map((d) => d.card.questionId)).toEqual([wrong.question.id]);

    // Reviewing it right with "Good" pushes it out and logs it; the card's reps go up.
    const outcome = await rateReview(userId, {
      questionId: wrong.question.id,
      version: wrong.version,
      response: correctResponse(wrong.question),
      selfRating: "Good",
    });
    expect(outcome.rating).toBe("Good");
    expect(outcome.result.correct).toBe(true);
    const card = await db.reviewCard.findUniqueOrThrow({ where: { userId_questionId: { userId, questionId: wrong.question.id } } });
    expect(card.reps).toBe(2);
    expect(card.due.getTime()).toBeGreaterThan(w!.due.getTime());
    expect(await db.reviewLog.count({ where: { userId } })).toBe(3);

    // A wrong review cannot be rated up.
    const capped = await rateReview(userId, {
      questionId: right.question.id,
      version: right.version,
      response: wrongResponse(right.question),
      selfRating: "Easy",
    });
    expect(capped.rating).toBe("Again");
  });

  it("refuses a malformed review answer and stores nothing", async () => {
    const userId = await makeUser();
    const [p] = await chapterQuestions("dns");
    if (!p) throw new Error("no question");
    await expect(rateReview(userId, { questionId: p.question.id, version: p.version, response: "x", selfRating: "Good" })).rejects.toMatchObject({
      status: 400,
    });
    expect(await db.reviewLog.count({ where: { userId } })).toBe(0);
    expect(await db.reviewCard.count({ where: { userId } })).toBe(0);
  });
});

describe("dashboard", () => {
  it("shows best and latest chapter scores, mastery, reviews due and weak topics for the user only", async () => {
    const userId = await makeUser();
    const other = await makeUser();
    const all = await attemptBody("tcp-connections", 4);
    const allWrong = await attemptBody("tcp-connections", 4, wrongResponse);
    await submitAttempt(userId, all);
    await new Promise((r) => setTimeout(r, 5));
    const latest = await submitAttempt(userId, allWrong);
    const d = await getDashboard(userId);
    const tcp = d.chapters.find((c) => c.chapter === "tcp-connections");
    expect(tcp?.bestScore).toBe(1);
    expect(tcp?.latestScore).toBeLessThan(1);
    expect(tcp?.attempts).toBe(2);
    expect(tcp?.questionsAnswered).toBe(4);
    // Mastery uses the latest answer per question over all published questions of the chapter.
    const latestSum = latest.body.answers.reduce((sum, a) => sum + a.score, 0);
    expect(tcp?.mastery).toBeCloseTo(latestSum / (tcp?.questionCount ?? 1), 6);
    expect(tcp?.reviewsDue).toBe(4);
    expect(d.weakest.length).toBeGreaterThan(0);
    expect(d.weakest[0]?.href).toMatch(/^\/learn\/tcp-connections#/);
    expect(d.history.map((h) => h.percent)).toEqual([100, Math.round((tcp!.latestScore ?? 0) * 100)]);
    expect(d.reviewCards).toBe(4);
    expect(d.nextReview).not.toBeNull();

    const empty = await getDashboard(other);
    expect(empty.history).toEqual([]);
    expect(empty.chapters.every((c) => c.bestScore === null && c.reviewsDue === 0)).toBe(true);
  });
});
