import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import type { Question } from "@/lib/schemas/question";
import { getDashboard } from "@/lib/server/quiz/dashboard";
import { openAttempt } from "@/lib/server/quiz/plans";
import { clearQuestionCache, getPinnedQuestions, pinnedKey } from "@/lib/server/quiz/questions";
import { answerReview, rateReview, reviewQueue } from "@/lib/server/quiz/review";
import { loadAttemptResult, submitAttempt } from "@/lib/server/quiz/submit";
import { readQuestionBank, seedQuestions } from "../../../scripts/lib/seed-questions";
import { attemptBody, chapterQuestions, correctResponse, makeUser, mixedBody, wrongResponse } from "./helpers";

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
    const pinnedBefore = (await getPinnedQuestions([{ questionId: target.id, version: before.currentVersion }])).get(
      pinnedKey(target.id, before.currentVersion),
    )!;
    const original = await submitAttempt(userId, await mixedBody(userId, [pinnedBefore]));
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
      const plan = await openAttempt(userId, { kind: "chapter", chapter: "caching", mode: "all" });
      expect(plan.items.find((i) => i.question.id === target.id)?.version).toBe(after.currentVersion);
      const pinnedAfter = (await getPinnedQuestions([{ questionId: target.id, version: after.currentVersion }])).get(
        pinnedKey(target.id, after.currentVersion),
      )!;
      const now = await submitAttempt(userId, await mixedBody(userId, [pinnedAfter], () => correctResponse(target)));
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
  it("mixes chapters at a difficulty and respects the count", async () => {
    const userId = await makeUser();
    const plan = await openAttempt(userId, { kind: "mixed", spec: { chapters: ["dns", "tls"], count: 6, difficulty: "any", mode: "one" } });
    expect(plan.items).toHaveLength(6);
    expect(new Set(plan.items.map((i) => i.question.chapter))).toEqual(new Set(["dns", "tls"]));
    const easy = await openAttempt(userId, { kind: "mixed", spec: { chapters: ["latency"], count: 40, difficulty: "easy", mode: "all" } });
    expect(easy.items.length).toBeGreaterThan(0);
    expect(easy.items.every((i) => i.question.difficulty === "easy")).toBe(true);
  });
});

describe("spaced repetition", () => {
  it("schedules a wrong answer for today and a confident right one days out, with review logs", async () => {
    const userId = await makeUser();
    const qs = await chapterQuestions("addressing");
    const [wrong, right] = qs;
    if (!wrong || !right) throw new Error("need two questions");
    const now = new Date();
    const body = await mixedBody(userId, [wrong, right], correctResponse, { selfRating: "Easy" });
    body.answers[0]!.response = wrongResponse(wrong.question);
    await submitAttempt(userId, body);
    const cards = await db.reviewCard.findMany({ where: { userId }, orderBy: { due: "asc" } });
    expect(cards.map((c) => c.questionId)).toEqual([wrong.question.id, right.question.id]);
    const [w, r] = cards;
    // A wrong answer is "Again" whatever the self-rating: back within minutes.
    expect(w!.due.getTime() - now.getTime()).toBeLessThan(15 * 60_000);
    expect(r!.due.getTime() - now.getTime()).toBeGreaterThan(24 * 3600_000);
    const logs = await db.reviewLog.findMany({ where: { userId }, orderBy: { rating: "asc" } });
    expect(logs.map((l) => l.rating)).toEqual([1, 4]);

    const queue = await reviewQueue(userId);
    expect(queue.cards.map((c) => c.questionId)).toEqual([wrong.question.id]);

    // Reviewing it right with "Good" pushes it out and logs it; the card's reps go up.
    const answered = await answerReview(userId, { questionId: wrong.question.id, version: wrong.version, response: correctResponse(wrong.question) });
    expect(answered.correct).toBe(true);
    const outcome = await rateReview(userId, { questionId: wrong.question.id, selfRating: "Good" });
    expect(outcome.rating).toBe("Good");
    const card = await db.reviewCard.findUniqueOrThrow({ where: { userId_questionId: { userId, questionId: wrong.question.id } } });
    expect(card.reps).toBe(2);
    expect(card.pendingScore).toBeNull();
    expect(card.due.getTime()).toBeGreaterThan(w!.due.getTime());
    expect(await db.reviewLog.count({ where: { userId } })).toBe(3);
  });

  it("refuses a malformed review answer and stores nothing", async () => {
    const userId = await makeUser();
    const [p] = await chapterQuestions("dns");
    if (!p) throw new Error("no question");
    await submitAttempt(userId, await mixedBody(userId, [p], wrongResponse));
    await expect(answerReview(userId, { questionId: p.question.id, version: p.version, response: "x" })).rejects.toMatchObject({ status: 400 });
    expect((await db.reviewCard.findUniqueOrThrow({ where: { userId_questionId: { userId, questionId: p.question.id } } })).pendingScore).toBeNull();
    await expect(rateReview(userId, { questionId: p.question.id, selfRating: "Good" })).rejects.toMatchObject({ status: 400, field: "questionId" });
    expect(await db.reviewLog.count({ where: { userId } })).toBe(1);
  });
});

describe("dashboard", () => {
  it("shows best and latest chapter scores, mastery, reviews due and weak topics for the user only", async () => {
    const userId = await makeUser();
    const other = await makeUser();
    const all = await attemptBody(userId, "tcp-connections", 4);
    const allWrong = await attemptBody(userId, "tcp-connections", 4, wrongResponse);
    // The first attempt is dated a minute back (submitAttempt's clock), so which one is latest does not hang on the
    // two landing in different milliseconds.
    await submitAttempt(userId, all, new Date(Date.now() - 60_000));
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
