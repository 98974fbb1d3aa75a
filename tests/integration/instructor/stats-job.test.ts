import { afterAll, describe, expect, it } from "vitest";
import { recomputeItemStats as recomputeAction } from "@/lib/actions/recompute-item-stats";
import { db } from "@/lib/server/kernel/db";
import { appBoss, createBoss } from "@/lib/server/jobs/boss";
import { queueStatsRun, workStatsRecomputes } from "@/lib/server/jobs/stats";
import { createCohort, joinCohort } from "@/lib/server/instructor/cohorts";
import { createQuestion, setQuestionStatus } from "@/lib/server/instructor/questions";
import { loadItemStats, scopeOf } from "@/lib/server/instructor/stats";
import { runAction, type ActionResult } from "@/lib/server/kernel/action";
import { browserHeaders } from "../kernel/helpers";
import { makeUser, recordAttempt, singleQuestion } from "./helpers";

// Item statistics are computed by a job (pg-boss, the real queue on this worker's database) and stored; the page
// reads what the job stored. These tests drive the real job and the real action wrapper.

async function cohortWithAnswers(members: number) {
  const owner = await makeUser("INSTRUCTOR");
  const q = singleQuestion();
  await createQuestion(owner, q);
  await setQuestionStatus(owner, q.id, "publish");
  const cohort = await createCohort(owner, "Job cohort");
  const people = await Promise.all(Array.from({ length: members }, () => makeUser("CANDIDATE")));
  for (const p of people) await joinCohort(p, cohort.inviteToken);
  const answer = (userId: string, right: boolean) =>
    recordAttempt(userId, [{ questionId: q.id, version: 1, score: right ? 1 : 0, response: { choiceId: right ? "b" : "a" }, timeMs: 3000 }]);
  for (const [i, p] of people.entries()) await answer(p.id, i % 2 === 0);
  return { owner, q, cohort, people, answer };
}

const stopAfter: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const stop of stopAfter) await stop();
});

describe("item statistics as a job", () => {
  it("the page shows the stored figures and how many attempts came since; the queued job brings them up to date", async () => {
    const { owner, q, cohort, people, answer } = await cohortWithAnswers(5);
    const first = await loadItemStats(owner, { cohort: cohort.id });
    expect(first.attempts).toBe(5);
    expect(first.attemptsSince).toBe(0);
    expect(first.computedAt).toBeInstanceOf(Date);
    expect(first.rows.find((r) => r.questionId === q.id)?.facility).toBeCloseTo(60, 6);

    // A new attempt does not change what the page reads (it reads no answers), only the count since.
    await answer(people[1]!.id, true);
    const stale = await loadItemStats(owner, { cohort: cohort.id });
    expect([stale.attempts, stale.attemptsSince]).toEqual([5, 1]);
    expect(stale.rows.find((r) => r.questionId === q.id)?.attempts).toBe(5);

    const boss = createBoss(process.env.DATABASE_URL!);
    stopAfter.push(() => boss.stop({ graceful: false, wait: true }));
    await boss.start();
    await workStatsRecomputes(boss);
    const run = await queueStatsRun(boss, { scopes: [scopeOf(cohort.id)] });
    expect(run).toMatchObject({ queued: 1, existing: false });
    await expect.poll(async () => (await loadItemStats(owner, { cohort: cohort.id })).attemptsSince, { timeout: 60_000 }).toBe(0);
    const fresh = await loadItemStats(owner, { cohort: cohort.id });
    expect(fresh.attempts).toBe(6);
    expect(fresh.rows.find((r) => r.questionId === q.id)?.facility).toBeCloseTo((4 / 6) * 100, 6);
  });

  it("a stored snapshot of another shape is recomputed rather than trusted", async () => {
    const { owner, q, cohort } = await cohortWithAnswers(5);
    await db.itemStatsSnapshot.create({ data: { scope: scopeOf(cohort.id), computedAt: new Date(), attempts: 99, report: { rows: "not a list" } } });
    const report = await loadItemStats(owner, { cohort: cohort.id });
    expect(report.attempts).toBe(5);
    expect(report.rows.find((r) => r.questionId === q.id)?.attempts).toBe(5);
  });

  it("the recompute action: instructors only, their own cohorts only, the field named on bad input", async () => {
    const { owner, cohort } = await cohortWithAnswers(5);
    const other = await makeUser("INSTRUCTOR");
    const candidate = await makeUser("CANDIDATE");
    const call = (input: unknown, actor: typeof owner) =>
      runAction(recomputeAction.definition, input, { headers: browserHeaders(), actor: { ...actor, name: "Stats tester" } }) as Promise<ActionResult<{ existing: boolean }>>;
    const status = (r: ActionResult<unknown>) => (r.ok ? 200 : r.status);
    expect(status(await call({}, candidate))).toBe(403);
    expect(status(await call({ cohort: cohort.id }, other))).toBe(404);
    const bad = await call({ cohort: "" }, owner);
    expect(bad.ok ? null : [bad.status, bad.field]).toEqual([400, "cohort"]);
    stopAfter.push(async () => (await appBoss()).stop({ graceful: false, wait: true }));
    const queued = await call({ cohort: cohort.id }, owner);
    expect(queued.ok).toBe(true);
    const jobs = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'recompute-item-stats' AND data->>'scope' = ${scopeOf(cohort.id)}`;
    expect(jobs[0]?.n).toBeGreaterThanOrEqual(1);
  });
});
