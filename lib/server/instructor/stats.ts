import "server-only";
import { db } from "@/lib/server/kernel/db";
import { questionSchema, type Question } from "@/lib/schemas/question";
import { itemStatsSnapshotSchema, type ItemStatsSnapshot, type StatsRow } from "@/lib/schemas/item-stats";
import { AppError } from "@/lib/server/kernel/errors";
import { assertInstructor, type Actor } from "./gate";
import { computeItemStats } from "@/lib/core/quiz/item-stats";

export type { StatsRow };

export type StatsReport = {
  cohort: { id: string; name: string; members: number } | null;
  attempts: number;
  rows: StatsRow[];
  /** Why nothing per question is shown (a cohort under MIN_GROUP members), or null. */
  suppressed: string | null;
  /** Questions (and versions) answered by fewer people than MIN_GROUP are left out of `rows`. */
  hiddenQuestions: number;
  /** When the figures were computed (by the statistics job), and how many attempts were submitted since. */
  computedAt: Date | null;
  attemptsSince: number;
};

/**
 * The fewest people a statistic may describe: below it, one person's answers could be read off the figures
 * (a cohort of two shows the other member's answers to each of them). Small cohorts show nothing per question;
 * any question or version answered by fewer people is left out.
 */
export const MIN_GROUP = 5;

/** "all", or one cohort: the unit a statistics job recomputes and stores. */
export type StatsScope = "all" | `cohort:${string}`;

export const scopeOf = (cohortId?: string): StatsScope => (cohortId ? `cohort:${cohortId}` : "all");

/** Whose attempts a scope counts: a cohort's members', only while they were members; everyone's for "all". */
async function attemptFilter(scope: StatsScope) {
  if (scope === "all") return {};
  const members = await db.cohortMember.findMany({ where: { cohortId: scope.slice("cohort:".length) }, select: { userId: true, joinedAt: true } });
  return { OR: members.map((m) => ({ userId: m.userId, submittedAt: { gte: m.joinedAt } })) };
}

/**
 * Computes one scope's item statistics over every answer in it and stores them (the statistics job's work; it
 * reads every answer, which is why no page request does it). Only aggregates over at least MIN_GROUP people are
 * stored: no user id, name or single response.
 */
export async function recomputeItemStats(scope: StatsScope): Promise<{ computedAt: Date; attempts: number; report: ItemStatsSnapshot }> {
  const computedAt = new Date();
  const attemptWhere = await attemptFilter(scope);
  const [attempts, answers] = await Promise.all([
    db.quizAttempt.count({ where: attemptWhere }),
    db.quizAnswer.findMany({
      where: { attempt: attemptWhere },
      select: {
        attemptId: true,
        questionId: true,
        score: true,
        response: true,
        timeMs: true,
        questionVersion: { select: { version: true } },
        attempt: { select: { userId: true } },
      },
    }),
  ]);
  // Only (question, version) groups answered by MIN_GROUP people or more are described.
  const people = new Map<string, Set<string>>();
  for (const a of answers) {
    const key = `${a.questionId}@${a.questionVersion.version}`;
    const set = people.get(key) ?? new Set<string>();
    set.add(a.attempt.userId);
    people.set(key, set);
  }
  const shown = answers.filter((a) => (people.get(`${a.questionId}@${a.questionVersion.version}`)?.size ?? 0) >= MIN_GROUP);
  const statAnswers = shown.map((a) => ({
    attemptId: a.attemptId,
    questionId: a.questionId,
    version: a.questionVersion.version,
    score: a.score,
    response: a.response,
    timeMs: a.timeMs,
  }));
  const pairs = [...new Map(statAnswers.map((a) => [`${a.questionId}@${a.version}`, { questionId: a.questionId, version: a.version }])).values()];
  const [versions, questions] = await Promise.all([
    pairs.length === 0 ? [] : db.questionVersion.findMany({ where: { OR: pairs }, select: { questionId: true, version: true, data: true } }),
    db.question.findMany({
      where: { id: { in: [...new Set(answers.map((a) => a.questionId))] } },
      select: { id: true, chapter: true, type: true, status: true },
    }),
  ]);
  const content = new Map<string, Question>();
  for (const v of versions) {
    const parsed = questionSchema.safeParse(v.data);
    if (parsed.success) content.set(`${v.questionId}@${v.version}`, parsed.data);
  }
  const meta = new Map(questions.map((q) => [q.id, q]));
  const rows = computeItemStats(statAnswers, (id, version) => content.get(`${id}@${version}`)).flatMap((s) => {
    const m = meta.get(s.questionId);
    if (!m) return [];
    const latest = s.versions[s.versions.length - 1];
    const prompt = latest ? (content.get(`${s.questionId}@${latest.version}`)?.prompt ?? "") : "";
    return [{ ...s, chapter: m.chapter, type: m.type, status: m.status, prompt }];
  });
  const shownIds = new Set(shown.map((a) => a.questionId));
  const hiddenByChapter: Record<string, number> = {};
  for (const q of questions) if (!shownIds.has(q.id)) hiddenByChapter[q.chapter] = (hiddenByChapter[q.chapter] ?? 0) + 1;
  const report = itemStatsSnapshotSchema.parse({ rows, hiddenByChapter } satisfies ItemStatsSnapshot);
  await db.itemStatsSnapshot.upsert({
    where: { scope },
    create: { scope, computedAt, attempts, report },
    update: { computedAt, attempts, report },
  });
  return { computedAt, attempts, report };
}

/** A cohort the actor owns (admins: any); another instructor's is reported as missing, so ids cannot be probed. */
export async function visibleCohort(actor: Actor, cohortId: string): Promise<{ id: string; name: string; members: number }> {
  assertInstructor(actor);
  const found = await db.cohort.findUnique({ where: { id: cohortId }, select: { id: true, name: true, ownerId: true, _count: { select: { members: true } } } });
  if (!found || (found.ownerId !== actor.id && actor.role !== "ADMIN")) throw new AppError(404, "No such cohort.");
  return { id: found.id, name: found.name, members: found._count.members };
}

/**
 * The statistics page's report: the stored snapshot of the scope (every answer is read by the statistics job,
 * lib/server/jobs/stats.ts, not here), filtered by chapter, with how many attempts were submitted since it was
 * computed. A scope never computed (a fresh install, a new cohort) is computed once, here, so the page is never
 * empty for want of a worker.
 */
export async function loadItemStats(actor: Actor, filter: { cohort?: string; chapter?: string }): Promise<StatsReport> {
  assertInstructor(actor);
  let cohort: StatsReport["cohort"] = null;
  if (filter.cohort) {
    cohort = await visibleCohort(actor, filter.cohort);
    if (cohort.members < MIN_GROUP) {
      return {
        cohort,
        attempts: 0,
        rows: [],
        suppressed: `Statistics appear once the cohort has at least ${MIN_GROUP} members, so no one's answers can be singled out.`,
        hiddenQuestions: 0,
        computedAt: null,
        attemptsSince: 0,
      };
    }
  }
  const scope = scopeOf(filter.cohort);
  const stored = await db.itemStatsSnapshot.findUnique({ where: { scope } });
  const parsed = stored ? itemStatsSnapshotSchema.safeParse(stored.report) : null;
  // A snapshot written by an older shape of this code is recomputed rather than trusted.
  const current = stored && parsed?.success ? { computedAt: stored.computedAt, attempts: stored.attempts, report: parsed.data } : await recomputeItemStats(scope);
  const attemptsSince = await db.quizAttempt.count({ where: { AND: [await attemptFilter(scope), { submittedAt: { gt: current.computedAt } }] } });
  const inChapter = (chapter: string) => !filter.chapter || chapter === filter.chapter;
  return {
    cohort,
    attempts: current.attempts,
    rows: current.report.rows.filter((r) => inChapter(r.chapter)),
    suppressed: null,
    hiddenQuestions: Object.entries(current.report.hiddenByChapter).reduce((n, [chapter, count]) => n + (inChapter(chapter) ? count : 0), 0),
    computedAt: current.computedAt,
    attemptsSince,
  };
}
