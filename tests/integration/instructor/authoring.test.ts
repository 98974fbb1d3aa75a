import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import {
  createQuestion,
  deleteQuestion,
  getQuestionDetail,
  listQuestions,
  setQuestionStatus,
  updateQuestion,
} from "@/lib/server/instructor/questions";
import { makeUser, numericQuestion, recordAttempt, refused, singleQuestion, uid } from "./helpers";

describe("authoring with versions", () => {
  it("creates a draft, publishes it, and every later save appends a version while answers stay pinned", async () => {
    const author = await makeUser("INSTRUCTOR");
    const candidate = await makeUser("CANDIDATE");
    const q = numericQuestion();
    await createQuestion(author, q);
    await setQuestionStatus(author, q.id, "publish");

    await recordAttempt(candidate.id, [{ questionId: q.id, version: 1, score: 1, response: { value: 80 } }]);

    const edited = { ...q, answer: 81, prompt: "Two sequential round trips of 40.5 ms each: how long?" };
    const saved = await updateQuestion(author, q.id, 1, edited);
    expect(saved).toEqual({ id: q.id, version: 2, changed: ["answer", "prompt"] });

    const row = await db.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(row.currentVersion).toBe(2);
    expect(row.status).toBe("PUBLISHED");

    // The earlier answer still points at version 1, whose content did not change.
    const answer = await db.quizAnswer.findFirstOrThrow({ where: { questionId: q.id }, include: { questionVersion: true } });
    expect(answer.questionVersion.version).toBe(1);
    expect((answer.questionVersion.data as { answer: number }).answer).toBe(80);
    const v2 = await db.questionVersion.findUniqueOrThrow({ where: { questionId_version: { questionId: q.id, version: 2 } } });
    expect((v2.data as { answer: number }).answer).toBe(81);

    const detail = await getQuestionDetail(author, q.id);
    expect(detail?.question).toMatchObject({ type: "numeric", answer: 81 });
    expect(detail?.versions.map((v) => [v.version, v.answers])).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(detail?.audit.map((a) => a.action)).toEqual(["edit", "publish", "create"]);
    expect(detail?.audit[0]?.detail).toMatchObject({ version: 2, fields: ["answer", "prompt"] });
  });

  it("saving without a change adds no version; a stale base version is refused with 409", async () => {
    const author = await makeUser("INSTRUCTOR");
    const q = singleQuestion();
    await createQuestion(author, q);
    expect(await updateQuestion(author, q.id, 1, q)).toEqual({ id: q.id, version: 1, changed: [] });
    await updateQuestion(author, q.id, 1, { ...q, difficulty: "hard" });
    const stale = await refused(updateQuestion(author, q.id, 1, { ...q, difficulty: "medium" }));
    expect(stale.status).toBe(409);
    expect(await db.questionVersion.count({ where: { questionId: q.id } })).toBe(2);
  });

  it("refuses to change a saved question's type or reuse an existing id", async () => {
    const author = await makeUser("INSTRUCTOR");
    const q = singleQuestion();
    await createQuestion(author, q);
    const duplicate = await refused(createQuestion(author, q));
    expect(duplicate.status).toBe(409);
    expect(duplicate.message).toContain(q.id);
    const other = numericQuestion();
    const typeChange = await refused(updateQuestion(author, q.id, 1, { ...other, id: q.id, chapter: "dns", section: "record-types" }));
    expect(typeChange.status).toBe(400);
    expect(typeChange.message).toMatch(/^question\.type/);
  });

  it("deletes only never-answered drafts; answered questions can only be retired", async () => {
    const author = await makeUser("INSTRUCTOR");
    const candidate = await makeUser("CANDIDATE");
    const draft = singleQuestion();
    await createQuestion(author, draft);
    await deleteQuestion(author, draft.id);
    expect(await db.question.findUnique({ where: { id: draft.id } })).toBeNull();
    expect(await db.auditLog.count({ where: { entityId: draft.id, action: "delete" } })).toBe(1);

    const answered = singleQuestion();
    await createQuestion(author, answered);
    await setQuestionStatus(author, answered.id, "publish");
    expect((await refused(deleteQuestion(author, answered.id))).status).toBe(409);
    await recordAttempt(candidate.id, [{ questionId: answered.id, version: 1, score: 0, response: { choiceId: "a" } }]);
    await setQuestionStatus(author, answered.id, "unpublish");
    const refusal = await refused(deleteQuestion(author, answered.id));
    expect(refusal.message).toContain("retire it instead");
    await setQuestionStatus(author, answered.id, "retire");
    expect((await db.question.findUniqueOrThrow({ where: { id: answered.id } })).status).toBe("RETIRED");
    // Retired → published is allowed, retired → unpublished is not.
    expect((await refused(setQuestionStatus(author, answered.id, "unpublish"))).status).toBe(409);
  });

  it("filters and searches the list", async () => {
    const author = await makeUser("INSTRUCTOR");
    const tag = `t${uid()}`;
    const q = numericQuestion(`findme-${uid()}`, { tags: [tag] });
    await createQuestion(author, q);
    expect((await listQuestions(author, { tag })).map((r) => r.id)).toEqual([q.id]);
    expect((await listQuestions(author, { tag, status: "PUBLISHED" })).length).toBe(0);
    expect((await listQuestions(author, { q: "two sequential round trips", chapter: "latency", type: "numeric" })).some((r) => r.id === q.id)).toBe(true);
    expect((await listQuestions(author, { q: q.id.toUpperCase(), difficulty: "easy" })).length).toBe(0);
  });
});
