import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { estimatesInput } from "@/lib/schemas/interview";
import { createCohort, joinCohort } from "@/lib/server/instructor/cohorts";
import { loadCohortPractice } from "@/lib/server/instructor/cohort-practice";
import { finishInterview, submitDesignStage, submitEstimates, submitFollowUp, submitRequirements } from "@/lib/server/designs/interview";
import { getProblem } from "@/lib/server/designs/problems";
import { createDesign } from "@/lib/server/designs/service";
import { AppError } from "@/lib/server/kernel/errors";
import { oneBox } from "../practice/helpers";
import { makeUser } from "./helpers";

// The cohort's practice results against real Postgres and real evaluations: per problem, aggregates only, and
// nothing at all per problem until enough members have finished an interview on it.

const SLUG = "url-shortener";

/** One finished interview: every stage up to the design, the first follow-up round, then give up. */
async function finished(userId: string, replicas: number, answerRound: boolean) {
  const p = (await getProblem(SLUG))!;
  const created = await createDesign(userId, { name: "Cohort interview", problemId: SLUG, document: await oneBox(SLUG, replicas) });
  if (!created.ok) throw new Error("setup failed");
  const id = created.id;
  await submitRequirements(userId, { designId: id, picks: p.requirements.filter((r) => r.relevant).map((r) => ({ key: r.key, justification: "the brief asks for it directly" })) });
  const values = Object.fromEntries(Object.entries(p.estimates.answers).map(([k, v]) => [k, String(v.value)]));
  await submitEstimates(userId, estimatesInput.parse({ designId: id, values }));
  await submitDesignStage(userId, id);
  if (answerRound) await submitFollowUp(userId, id, p.followUps[0]!.key);
  await finishInterview(userId, id, true);
  return id;
}

async function cohortOf(size: number) {
  const owner = await makeUser("INSTRUCTOR", "owner");
  const cohort = await createCohort(owner, `Practice ${size}`);
  const members = [];
  for (let i = 0; i < size; i++) {
    const m = await makeUser("CANDIDATE", "member");
    await joinCohort(m, cohort.inviteToken);
    members.push(m);
  }
  return { owner, cohort, members };
}

const status = (e: unknown) => (e instanceof AppError ? e.status : null);

describe("cohort practice results", () => {
  it("only the cohort's own instructor sees it; a small cohort gets cohort-wide counts only", async () => {
    const { owner, cohort, members } = await cohortOf(2);
    const other = await makeUser("INSTRUCTOR", "other");
    expect(status(await loadCohortPractice(other, cohort.id).catch((e: unknown) => e))).toBe(404);
    expect(status(await loadCohortPractice(members[0]!, cohort.id).catch((e: unknown) => e))).toBe(403);
    expect(status(await loadCohortPractice(owner, "no-such-cohort").catch((e: unknown) => e))).toBe(404);

    await finished(members[0]!.id, 1, false);
    const report = await loadCohortPractice(owner, cohort.id);
    expect(report.problems).toBeNull();
    expect(report.totals).toEqual({ finishedInterviews: 1, problemsPractised: 1 });
    expect(report.cohort.members).toBe(2);
  });

  it("breaks a problem down over five members, counts only what members did while members, and names no one", async () => {
    const { owner, cohort, members } = await cohortOf(6);
    // Before joining: a member's earlier interview does not count.
    const outsider = await makeUser("CANDIDATE", "late");
    await finished(outsider.id, 1, true);
    await joinCohort(outsider, cohort.inviteToken);

    // Four members finish: under the group size, the problem shows only its count.
    for (const [i, m] of members.slice(0, 4).entries()) await finished(m.id, i % 2 === 0 ? 1 : 200, i < 3);
    let report = await loadCohortPractice(owner, cohort.id);
    expect(report.problems).toEqual([{ slug: SLUG, title: (await getProblem(SLUG))!.title, candidates: 4, breakdown: null }]);

    // The fifth member opens the breakdown.
    await finished(members[4]!.id, 1, true);
    report = await loadCohortPractice(owner, cohort.id);
    const row = report.problems?.[0];
    expect(row?.candidates).toBe(5);
    const b = row!.breakdown!;
    expect(b.scored).toBe(5);
    expect(b.distribution.reduce((s, d) => s + d.count, 0)).toBe(5);
    const stored = await db.interviewStage.findMany({ where: { stage: "design", design: { userId: { in: members.slice(0, 5).map((m) => m.id) } } }, select: { score: true } });
    expect(b.meanScore).toBe(Math.round(stored.reduce((s, r) => s + r.score, 0) / stored.length));
    // Round 1 (traffic ×10) was answered by four of the five; one small server fails it.
    const first = b.followUps[0]!;
    expect(first.passedFirst.of).toBe(4);
    expect(first.passedFirst.count).toBeLessThan(4);
    expect(b.followUps.slice(1).every((f) => f.passedFirst.of === 0)).toBe(true);
    // One app server misses what the reference has; every scored design missed the same components.
    expect(b.missing.length).toBeGreaterThan(0);
    expect(b.missing[0]!.missed).toEqual({ count: 5, of: 5, percent: 100 });
    expect(b.checklist.every((c) => c.failed.of > 0 && c.title.length > 5 && !c.title.includes("-"))).toBe(true);

    // Nothing per person: no member id, email or name anywhere in the report.
    const text = JSON.stringify(report);
    for (const m of [...members, outsider]) {
      expect(text).not.toContain(m.id);
      expect(text).not.toContain(m.email);
    }
    expect(text).not.toContain("candidate member");
  });
});
