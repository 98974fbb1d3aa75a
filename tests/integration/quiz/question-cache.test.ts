// The submit path scores against question versions cached in memory (lib/server/quiz/questions.ts). Versions are
// immutable, so the cache is keyed by question and version and never re-read: an edit is a new version, which is
// a new key. These prove that with the cache warm and never cleared.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import type { Question } from "@/lib/schemas/question";
import { getPinnedQuestions, pinnedKey } from "@/lib/server/quiz/questions";
import { submitAttempt } from "@/lib/server/quiz/submit";
import { readQuestionBank } from "../../../scripts/lib/seed-questions";
import { correctResponse, makeUser, mixedBody } from "./helpers";

type Single = Extract<Question, { type: "single" }>;

/** A published single-choice question of this test's own (no other test sees it), at version 1. */
async function ownQuestion(): Promise<Single> {
  const template = readQuestionBank().find((q): q is Single => q.type === "single" && q.chapter === "dns");
  if (!template) throw new Error("no single-choice dns question in the bank");
  const q: Single = { ...template, id: `dns/cache-test-${randomBytes(5).toString("hex")}` };
  await db.question.create({
    data: { id: q.id, chapter: q.chapter, section: q.section, type: q.type, difficulty: q.difficulty, tags: q.tags, status: "PUBLISHED", currentVersion: 1 },
  });
  await db.questionVersion.create({ data: { questionId: q.id, version: 1, data: q } });
  return q;
}

const pinned = async (id: string, version: number) => (await getPinnedQuestions([{ questionId: id, version }])).get(pinnedKey(id, version))!;

describe("the question version cache", () => {
  it("a new version is scored as itself on the next submission while the old version stays cached as it was", async () => {
    const userId = await makeUser();
    const v1 = await ownQuestion();
    const first = await submitAttempt(userId, await mixedBody(userId, [await pinned(v1.id, 1)]));
    expect(first.body.answers[0]).toMatchObject({ version: 1, correct: true });

    // An instructor edit: another choice becomes the right one, as version 2.
    const right = v1.choices.findIndex((c) => c.correct);
    const v2: Single = {
      ...v1,
      explanation: "Version two of the cache test.",
      choices: v1.choices.map((c, i) => ({ ...c, correct: i === (right + 1) % v1.choices.length })),
    };
    await db.questionVersion.create({ data: { questionId: v1.id, version: 2, data: v2 } });
    await db.question.update({ where: { id: v1.id }, data: { currentVersion: 2 } });

    // No cache clearing: version 2 is read and scored as version 2; version 1's answer is now wrong there.
    const second = await submitAttempt(userId, await mixedBody(userId, [await pinned(v1.id, 2)], () => correctResponse(v1)));
    expect(second.body.answers[0]).toMatchObject({ version: 2, correct: false });
    expect(second.body.answers[0]?.feedback.explanation).toBe("Version two of the cache test.");
    // An attempt dealt at version 1 still scores against version 1.
    const third = await submitAttempt(userId, await mixedBody(userId, [await pinned(v1.id, 1)]));
    expect(third.body.answers[0]).toMatchObject({ version: 1, correct: true });
    expect(third.body.answers[0]?.feedback.explanation).toBe(v1.explanation);
  });

  it("a cached version is served without a query, even after its question was unpublished", async () => {
    const q = await ownQuestion();
    const cached = await pinned(q.id, 1);
    await db.question.update({ where: { id: q.id }, data: { status: "RETIRED" } });
    // Deleting the row proves the next read comes from memory: the pinned content is immutable.
    await db.questionVersion.deleteMany({ where: { questionId: q.id } });
    expect(await pinned(q.id, 1)).toBe(cached);
    await db.question.delete({ where: { id: q.id } });
  });
});
