import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { answerReview, rateReview, reviewQueue, setUserTimeZone, undoLastReview } from "@/lib/server/quiz/review";
import { submitAttempt } from "@/lib/server/quiz/submit";
import { morningZone } from "../../support/morning-zone";
import { chapterQuestions, correctResponse, makeUser, mixedBody, wrongResponse } from "./helpers";

afterEach(() => {
  delete process.env.REVIEW_NEW_CARDS_PER_DAY;
  delete process.env.REVIEW_LEARNING_STEPS;
});

/** A user with `n` cards from one quiz, all answered wrong so every card is due within minutes. */
async function userWithCards(n: number, chapter = "http-versions") {
  const userId = await makeUser("review");
  await setUserTimeZone(userId, morningZone());
  const qs = (await chapterQuestions(chapter)).slice(0, n);
  await submitAttempt(userId, await mixedBody(userId, qs, wrongResponse));
  return { userId, qs };
}

describe("reviews that behave like Anki", () => {
  it("'due today' ends at the user's own midnight", async () => {
    const { userId, qs } = await userWithCards(1);
    const q = qs[0]!;
    // Due at 06:00 UTC on 6 Dec. At 20:00 UTC on 5 Dec that is tomorrow in London but today (22:00) in Los Angeles.
    await db.reviewCard.update({ where: { userId_questionId: { userId, questionId: q.question.id } }, data: { due: new Date("2026-12-06T06:00:00Z") } });
    const now = new Date("2026-12-05T20:00:00Z");
    await setUserTimeZone(userId, "Europe/London");
    expect((await reviewQueue(userId, now)).cards).toHaveLength(0);
    await setUserTimeZone(userId, "America/Los_Angeles");
    const la = await reviewQueue(userId, now);
    expect(la.cards.map((c) => c.questionId)).toEqual([q.question.id]);
    expect(la.endOfDay.toISOString()).toBe("2026-12-06T07:59:59.999Z");
    await expect(setUserTimeZone(userId, "Mars/Olympus")).rejects.toMatchObject({ status: 400, field: "timeZone" });
  });

  it("introduces at most the daily number of new cards, and the counts match the queue", async () => {
    process.env.REVIEW_NEW_CARDS_PER_DAY = "3";
    const { userId } = await userWithCards(5);
    const queue = await reviewQueue(userId);
    expect(queue.cards).toHaveLength(3);
    expect(queue.newHeldBack).toBe(2);
    expect(queue.counts).toEqual({ new: 3, learning: 0, review: 0 });

    // Studying one new card uses up one of the three: the queue keeps two new plus the one now learning.
    const first = queue.cards[0]!;
    const q = (await chapterQuestions("http-versions")).find((p) => p.question.id === first.questionId)!;
    await answerReview(userId, { questionId: first.questionId, version: first.version, response: wrongResponse(q.question) });
    await rateReview(userId, { questionId: first.questionId, selfRating: "Again" });
    const after = await reviewQueue(userId);
    expect(after.counts).toEqual({ new: 2, learning: 1, review: 0 });
    expect(after.cards.length).toBe(after.counts.new + after.counts.learning + after.counts.review);
    expect(after.newHeldBack).toBe(2);
  });

  it("uses the configured learning steps", async () => {
    process.env.REVIEW_LEARNING_STEPS = "30m";
    const { userId, qs } = await userWithCards(1);
    const q = qs[0]!;
    const now = new Date();
    await answerReview(userId, { questionId: q.question.id, version: q.version, response: wrongResponse(q.question) }, now);
    const out = await rateReview(userId, { questionId: q.question.id, selfRating: "Again" }, now);
    expect(new Date(out.nextDue).getTime() - now.getTime()).toBe(30 * 60_000);
  });

  it("commits the answer before feedback, then undo restores the card exactly", async () => {
    const { userId, qs } = await userWithCards(2);
    const q = qs[0]!;
    const before = await db.reviewCard.findUniqueOrThrow({ where: { userId_questionId: { userId, questionId: q.question.id } } });
    const wrong = await answerReview(userId, { questionId: q.question.id, version: q.version, response: wrongResponse(q.question) });
    expect(wrong.correct).toBe(false);
    // A second answer cannot replace the first.
    const again = await answerReview(userId, { questionId: q.question.id, version: q.version, response: correctResponse(q.question) });
    expect(again.alreadyCommitted).toBe(true);
    expect(again.correct).toBe(false);
    // The committed score caps the rating: a wrong answer rated Easy is scheduled as Again.
    const rated = await rateReview(userId, { questionId: q.question.id, selfRating: "Easy" });
    expect(rated.rating).toBe("Again");
    const logs = await db.reviewLog.count({ where: { userId } });

    const undone = await undoLastReview(userId);
    expect(undone.questionId).toBe(q.question.id);
    const restored = await db.reviewCard.findUniqueOrThrow({ where: { userId_questionId: { userId, questionId: q.question.id } } });
    expect({ ...restored, pendingAt: null, pendingScore: null, pendingResponse: null }).toEqual({ ...before, pendingAt: null, pendingScore: null, pendingResponse: null });
    expect(restored.pendingScore).toBe(0);
    expect(await db.reviewLog.count({ where: { userId } })).toBe(logs - 1);
    // The answer stays committed, so the card comes back to be rated, not re-answered.
    const queue = await reviewQueue(userId);
    expect(queue.cards[0]?.questionId).toBe(q.question.id);
    expect(queue.cards[0]?.pending?.score).toBe(0);
    await expect(undoLastReview(userId)).rejects.toMatchObject({ status: 409 });
  });

  it("refuses cards that are not in today's queue, naming the field", async () => {
    const { userId, qs } = await userWithCards(1);
    const [, other] = await chapterQuestions("dns");
    await expect(
      answerReview(userId, { questionId: other!.question.id, version: other!.version, response: correctResponse(other!.question) }),
    ).rejects.toMatchObject({ status: 400, field: "questionId" });
    const q = qs[0]!;
    await expect(answerReview(userId, { questionId: q.question.id, version: q.version + 1, response: {} })).rejects.toMatchObject({
      status: 400,
      field: "version",
    });
    await expect(rateReview(userId, { questionId: q.question.id, selfRating: "Good" })).rejects.toMatchObject({ status: 400, field: "questionId" });
  });
});
