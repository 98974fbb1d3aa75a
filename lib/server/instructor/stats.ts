import "server-only";
import { db } from "@/lib/db";
import { questionSchema, type Question } from "@/lib/schemas/question";
import { AppError } from "@/lib/server/kernel/errors";
import { assertInstructor, type Actor } from "./gate";
import { computeItemStats, type QuestionStats } from "@/lib/core/quiz/item-stats";

export type StatsRow = QuestionStats & { chapter: string; type: string; status: string; prompt: string };

export type StatsReport = {
  cohort: { id: string; name: string; members: number } | null;
  attempts: number;
  rows: StatsRow[];
  /** Why nothing per question is shown (a cohort under MIN_GROUP members), or null. */
  suppressed: string | null;
  /** Questions (and versions) answered by fewer people than MIN_GROUP are left out of `rows`. */
  hiddenQuestions: number;
};

/**
 * The fewest people a statistic may describe: below it, one person's answers could be read off the figures
 * (a cohort of two shows the other member's answers to each of them). Small cohorts show nothing per question;
 * any question or version answered by fewer people is left out.
 */
export const MIN_GROUP = 5;

/**
 * Item statistics over every submitted attempt, or over the attempts a cohort's members made while they were
 * members. Only aggregates over at least MIN_GROUP people leave this function: no user id, name or single
 * response is part of the report.
 */
export async function loadItemStats(actor: Actor, filter: { cohort?: string; chapter?: string }): Promise<StatsReport> {
  assertInstructor(actor);
  let cohort: StatsReport["cohort"] = null;
  let members: { userId: string; joinedAt: Date }[] | null = null;
  if (filter.cohort) {
    const found = await db.cohort.findUnique({
      where: { id: filter.cohort },
      select: { id: true, name: true, ownerId: true, members: { select: { userId: true, joinedAt: true } } },
    });
    // Another instructor's cohort is reported as missing, not as forbidden, so ids cannot be probed.
    if (!found || (found.ownerId !== actor.id && actor.role !== "ADMIN")) throw new AppError(404, "No such cohort.");
    members = found.members;
    cohort = { id: found.id, name: found.name, members: members.length };
    if (members.length < MIN_GROUP) {
      return {
        cohort,
        attempts: 0,
        rows: [],
        suppressed: `Statistics appear once the cohort has at least ${MIN_GROUP} members, so no one's answers can be singled out.`,
        hiddenQuestions: 0,
      };
    }
  }
  // A cohort's figures count only what its members did while they were members.
  const attemptWhere = members ? { OR: members.map((m) => ({ userId: m.userId, submittedAt: { gte: m.joinedAt } })) } : {};
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
  const hiddenQuestions = new Set(answers.map((a) => a.questionId)).size - new Set(shown.map((a) => a.questionId)).size;
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
      where: { id: { in: [...new Set(pairs.map((p) => p.questionId))] } },
      select: { id: true, chapter: true, type: true, status: true },
    }),
  ]);
  const content = new Map<string, Question>();
  for (const v of versions) {
    const parsed = questionSchema.safeParse(v.data);
    if (parsed.success) content.set(`${v.questionId}@${v.version}`, parsed.data);
  }
  const meta = new Map(questions.map((q) => [q.id, q]));
  const rows = computeItemStats(statAnswers, (id, version) => content.get(`${id}@${version}`))
    .flatMap((s) => {
      const m = meta.get(s.questionId);
      if (!m || (filter.chapter && m.chapter !== filter.chapter)) return [];
      const latest = s.versions[s.versions.length - 1];
      const prompt = latest ? (content.get(`${s.questionId}@${latest.version}`)?.prompt ?? "") : "";
      return [{ ...s, chapter: m.chapter, type: m.type, status: m.status, prompt }];
    });
  return { cohort, attempts, rows, suppressed: null, hiddenQuestions };
}
