import "server-only";
import { db } from "@/lib/db";
import { questionSchema, type Question } from "@/lib/schemas/question";
import { AppError } from "@/lib/server/kernel/errors";
import { assertInstructor, type Actor } from "./gate";
import { computeItemStats, type QuestionStats } from "./stats-core";

export type StatsRow = QuestionStats & { chapter: string; type: string; status: string; prompt: string };

export type StatsReport = {
  cohort: { id: string; name: string; members: number } | null;
  attempts: number;
  rows: StatsRow[];
};

/**
 * Item statistics over every submitted attempt, or over the attempts of one cohort's members. Only
 * aggregates leave this function: no user id, name or single response is part of the report.
 */
export async function loadItemStats(actor: Actor, filter: { cohort?: string; chapter?: string }): Promise<StatsReport> {
  assertInstructor(actor);
  let cohort: StatsReport["cohort"] = null;
  let memberIds: string[] | null = null;
  if (filter.cohort) {
    const found = await db.cohort.findUnique({
      where: { id: filter.cohort },
      select: { id: true, name: true, ownerId: true, members: { select: { userId: true } } },
    });
    // Another instructor's cohort is reported as missing, not as forbidden, so ids cannot be probed.
    if (!found || (found.ownerId !== actor.id && actor.role !== "ADMIN")) throw new AppError(404, "No such cohort.");
    memberIds = found.members.map((m) => m.userId);
    cohort = { id: found.id, name: found.name, members: memberIds.length };
  }
  const attemptWhere = memberIds ? { userId: { in: memberIds } } : {};
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
      },
    }),
  ]);
  const statAnswers = answers.map((a) => ({
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
  return { cohort, attempts, rows };
}
