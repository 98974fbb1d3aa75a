import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { createQuestion, setQuestionStatus } from "@/lib/server/instructor/questions";
import { makeUser, numericQuestion, refused } from "./helpers";

describe("publishing needs an answerable question (issue 13, item 7)", () => {
  it("refuses to publish a numeric draft stored without an explicit answer or tolerance, and publishes it once fixed", async () => {
    const author = await makeUser("INSTRUCTOR");
    const q = numericQuestion();
    await createQuestion(author, q);
    // A draft saved before answers were required: its stored version lacks the answer and the tolerance.
    const { answer: _answer, tolerance: _tolerance, ...withoutAnswer } = q;
    await db.questionVersion.update({ where: { questionId_version: { questionId: q.id, version: 1 } }, data: { data: withoutAnswer } });
    const err = await refused(setQuestionStatus(author, q.id, "publish"));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^question\.answer: give the right answer as a number/);
    expect((await db.question.findUniqueOrThrow({ where: { id: q.id } })).status).toBe("DRAFT");

    await db.questionVersion.update({ where: { questionId_version: { questionId: q.id, version: 1 } }, data: { data: q } });
    expect((await setQuestionStatus(author, q.id, "publish")).status).toBe("PUBLISHED");
  });
});
