import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { AppError } from "@/lib/server/kernel/errors";
import { createCohort, deleteCohort, getInvite, joinCohort, leaveCohort, listOwnCohorts, myCohorts, renewCohortInvite } from "@/lib/server/instructor/cohorts";
import { createQuestion, setQuestionStatus, updateQuestion } from "@/lib/server/instructor/questions";
import { loadItemStats, recomputeItemStats } from "@/lib/server/instructor/stats";
import { dealAttempt } from "@/lib/server/quiz/plans";
import { clearQuestionCache, getPinnedQuestions, pinnedKey } from "@/lib/server/quiz/questions";
import { submitAttempt } from "@/lib/server/quiz/submit";
import { makeUser, numericQuestion, recordAttempt, singleQuestion } from "./helpers";

describe("cohorts", () => {
  it("an instructor creates a cohort; candidates join by the invite token, idempotently, and can leave", async () => {
    const owner = await makeUser("INSTRUCTOR");
    const candidate = await makeUser("CANDIDATE");
    const cohort = await createCohort(owner, "Spring cohort");
    expect(cohort.inviteToken.length).toBeGreaterThanOrEqual(20);

    expect(await getInvite(candidate, cohort.inviteToken)).toMatchObject({ name: "Spring cohort", isMember: false, members: 0 });
    await joinCohort(candidate, cohort.inviteToken);
    await joinCohort(candidate, cohort.inviteToken);
    expect((await listOwnCohorts(owner))[0]).toMatchObject({ id: cohort.id, members: 1 });
    expect((await myCohorts(candidate)).map((c) => c.name)).toEqual(["Spring cohort"]);

    await leaveCohort(candidate, cohort.id);
    expect(await myCohorts(candidate)).toEqual([]);

    const err = await joinCohort(owner, cohort.inviteToken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(409);
  });

  it("a renewed invite link replaces the old one; other instructors cannot touch the cohort", async () => {
    const owner = await makeUser("INSTRUCTOR");
    const other = await makeUser("INSTRUCTOR");
    const candidate = await makeUser("CANDIDATE");
    const cohort = await createCohort(owner, "Renewed");
    const { inviteToken } = await renewCohortInvite(owner, cohort.id);
    expect(inviteToken).not.toBe(cohort.inviteToken);
    await expect(joinCohort(candidate, cohort.inviteToken)).rejects.toMatchObject({ status: 404 });
    await joinCohort(candidate, inviteToken);
    await expect(deleteCohort(other, cohort.id)).rejects.toMatchObject({ status: 404 });
    await expect(loadItemStats(other, { cohort: cohort.id })).rejects.toMatchObject({ status: 404 });
    expect(await listOwnCohorts(other)).toEqual([]);
    await deleteCohort(owner, cohort.id);
    expect(await db.cohortMember.count({ where: { cohortId: cohort.id } })).toBe(0);
  });
});

describe("item statistics from the database", () => {
  it("counts only a cohort's members when filtered, per version, and aggregates only", async () => {
    const owner = await makeUser("INSTRUCTOR");
    const q1 = singleQuestion();
    const q2 = numericQuestion();
    for (const q of [q1, q2]) {
      await createQuestion(owner, q);
      await setQuestionStatus(owner, q.id, "publish");
    }
    const cohort = await createCohort(owner, "Stats cohort");
    const members = await Promise.all(Array.from({ length: 5 }, () => makeUser("CANDIDATE")));
    const outsider = await makeUser("CANDIDATE");
    const late = members[4] as typeof outsider;
    // The fifth member answers once before joining: that attempt must not count for the cohort.
    await recordAttempt(late.id, [
      { questionId: q1.id, version: 1, score: 1, response: { choiceId: "b" }, timeMs: 4000 },
      { questionId: q2.id, version: 1, score: 1, response: { value: 80 }, timeMs: 8000 },
    ]);
    // Four members are too few to show anything per question.
    for (const m of members.slice(0, 4)) await joinCohort(m, cohort.inviteToken);
    const small = await loadItemStats(owner, { cohort: cohort.id });
    expect(small.rows).toEqual([]);
    expect(small.suppressed).toMatch(/at least 5 members/);
    await joinCohort(late, cohort.inviteToken);

    // Member results (q1, q2): (1, 1), (1, 0), (0, 0), (1, 1), (0, 0); the outsider (0, 1) must not count.
    const grid: [typeof outsider, number, number][] = [
      [members[0] as typeof outsider, 1, 1],
      [members[1] as typeof outsider, 1, 0],
      [members[2] as typeof outsider, 0, 0],
      [members[3] as typeof outsider, 1, 1],
      [late, 0, 0],
      [outsider, 0, 1],
    ];
    for (const [user, s1, s2] of grid) {
      await recordAttempt(user.id, [
        { questionId: q1.id, version: 1, score: s1, response: { choiceId: s1 ? "b" : "a" }, timeMs: 4000 },
        { questionId: q2.id, version: 1, score: s2, response: { value: s2 ? 80 : 60 }, timeMs: 8000 },
      ]);
    }

    const report = await loadItemStats(owner, { cohort: cohort.id });
    expect(report.cohort).toEqual({ id: cohort.id, name: "Stats cohort", members: 5 });
    expect(report.suppressed).toBeNull();
    expect(report.attempts).toBe(5);
    const row1 = report.rows.find((r) => r.questionId === q1.id);
    // q1 over members: x = 1 1 0 1 0, rest = 1 0 0 1 0 → facility 60 %, r = 2/3 (Σdxdy = 0.8, Σdx² = Σdy² = 1.2).
    expect(row1?.attempts).toBe(5);
    expect(row1?.facility).toBeCloseTo(60, 6);
    expect(row1?.discrimination).toBeCloseTo(2 / 3, 9);
    expect(row1?.options?.map((o) => [o.id, o.count])).toEqual([
      ["a", 2],
      ["b", 3],
      ["c", 0],
    ]);
    expect(row1?.medianTimeMs).toBe(4000);
    // Nothing in the report identifies a person.
    const serialized = JSON.stringify(report);
    for (const u of [...members, outsider]) expect(serialized).not.toContain(u.id);

    // Other files in this worker answer questions too: the shared "all" figures are recomputed, as the job does.
    await recomputeItemStats("all");
    const all = await loadItemStats(owner, {});
    expect(all.rows.find((r) => r.questionId === q1.id)?.attempts).toBe(7);
    expect((await loadItemStats(owner, { chapter: "dns" })).rows.every((r) => r.chapter === "dns")).toBe(true);
  });

  it("a quiz submitted through the quiz service pins its version; stats split the versions", async () => {
    const owner = await makeUser("INSTRUCTOR");
    const candidates = await Promise.all(Array.from({ length: 5 }, () => makeUser("CANDIDATE")));
    const q = numericQuestion();
    await createQuestion(owner, q);
    await setQuestionStatus(owner, q.id, "publish");
    const submit = async (candidate: (typeof candidates)[number], version: number, value: number) => {
      clearQuestionCache();
      const pinned = (await getPinnedQuestions([{ questionId: q.id, version }])).get(pinnedKey(q.id, version));
      if (!pinned) throw new Error("missing version");
      const plan = await dealAttempt(candidate.id, [pinned], { kind: "mixed", chapter: null, mode: "all" });
      return submitAttempt(candidate.id, {
        idempotencyKey: randomUUID(),
        attemptId: plan.id,
        answers: [{ questionId: q.id, version, response: { value }, timeMs: 3000 }],
      });
    };
    for (const c of candidates) expect((await submit(c, 1, 80)).status).toBe(201);
    await updateQuestion(owner, q.id, 1, { ...q, answer: 90 });
    for (const c of candidates.slice(0, 4)) expect((await submit(c, 2, 80)).status).toBe(201);
    // Version 2 has four respondents: too few to show; a fifth makes it appear.
    await recomputeItemStats("all");
    const four = (await loadItemStats(owner, {})).rows.find((r) => r.questionId === q.id);
    expect(four?.versions.map((v) => [v.version, v.attempts])).toEqual([[1, 5]]);
    expect((await submit(candidates[4]!, 2, 80)).status).toBe(201);

    const answers = await db.quizAnswer.findMany({ where: { questionId: q.id }, include: { questionVersion: { select: { version: true } } }, orderBy: { score: "desc" } });
    expect(answers.map((a) => [a.questionVersion.version, a.score])).toEqual([...Array(5).fill([1, 1]), ...Array(5).fill([2, 0])]);
    await recomputeItemStats("all");
    const row = (await loadItemStats(owner, {})).rows.find((r) => r.questionId === q.id);
    expect(row?.versions.map((v) => [v.version, v.attempts, v.facility])).toEqual([
      [1, 5, 100],
      [2, 5, 0],
    ]);
  });
});
