import "server-only";
import { db } from "@/lib/db";
import { STAGE_LABELS, type Stage } from "@/lib/core/canvas/interview";
import { ratingNames } from "@/lib/core/quiz";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DrillEntry } from "@/lib/schemas/drill";
import type { Problem } from "@/lib/schemas/problem";
import { carriedStages, drillRating, dueInWords, stageScores, worstStage } from "@/lib/server/designs/drills-core";
import { getProblem } from "@/lib/server/designs/problems";
import { DesignError } from "@/lib/server/designs/service";
import { newCardRow, scheduleReview, type Steps } from "@/lib/core/quiz/fsrs";
import { endOfDay, userTimeZone } from "@/lib/server/quiz/review";

// Redesign drills: every finished interview on a practice problem schedules (or reschedules) one FSRS card per
// candidate and problem, with the same scheduler as the quiz reviews. The card remembers the stage the candidate
// did worst; opening the drill starts a re-attempt there, and finishing that re-attempt rates the card from the
// re-attempted stage's score.

type Tx = Prisma.TransactionClient;

// A redesign is not a flashcard: no minute-long learning steps, so the first re-attempt comes a day or more later.
const DRILL_STEPS: Steps = { learningSteps: [], relearningSteps: [] };

const json = (v: unknown) => v as Prisma.InputJsonValue;

/**
 * Called inside finishInterview's transaction when an interview ends (finished or given up): rates the card from
 * the score of the stage that was due (the re-attempt's own stage, or the card's stage, or for a first card the
 * worst stage), schedules it, and points it at this attempt's worst stage.
 */
export async function recordDrill(
  tx: Tx,
  userId: string,
  design: { id: string; problemId: string; drillStage: string | null },
  problem: Problem,
  now: Date,
): Promise<void> {
  const rows = await tx.interviewStage.findMany({
    where: { designId: design.id },
    orderBy: { createdAt: "asc" },
    select: { stage: true, round: true, score: true, maxScore: true, passed: true },
  });
  const scores = stageScores(rows, problem.followUps.map((f) => f.key));
  const card = await tx.drillCard.findUnique({ where: { userId_problemId: { userId, problemId: design.problemId } } });
  const worst = worstStage(scores);
  const rated = (design.drillStage ?? card?.stage ?? worst) as Stage;
  const rating = drillRating(scores[rated]);
  const { card: next } = scheduleReview(card ?? newCardRow(now), rating, now, DRILL_STEPS);
  const fields = { ...next, stage: worst, lastRating: ratingNames.indexOf(rating) + 1, lastScore: scores[rated].ratio };
  await tx.drillCard.upsert({
    where: { userId_problemId: { userId, problemId: design.problemId } },
    create: { userId, problemId: design.problemId, ...fields },
    // The re-attempt this card opened is over once it is the one that finished.
    update: { ...fields, ...(card?.attemptId === design.id ? { attemptId: null } : {}) },
  });
}


/** The caller's drills, soonest first, each with its due date in words in the caller's time zone. */
export async function listDrills(userId: string, now = new Date()): Promise<DrillEntry[]> {
  const [cards, timeZone] = await Promise.all([
    db.drillCard.findMany({ where: { userId }, orderBy: { due: "asc" }, include: { problem: { select: { title: true } } } }),
    userTimeZone(userId),
  ]);
  const endToday = endOfDay(now, timeZone);
  return cards.map((c) => {
    const stage = c.stage as Stage;
    return {
      problemId: c.problemId,
      title: c.problem.title,
      stage,
      stageLabel: STAGE_LABELS[stage] ?? "Requirements",
      due: c.due.toISOString(),
      dueWords: dueInWords(c.due, now, timeZone),
      dueToday: c.due.getTime() <= endToday.getTime(),
      inProgress: c.attemptId !== null,
      lastScorePercent: Math.round(c.lastScore * 100),
    };
  });
}

/**
 * Opens the drill on a problem: continues the re-attempt already started, or starts one at the card's stage, with
 * the stages before it carried over from the last finished interview (its answers, feedback and scores, and for a
 * follow-up drill the design and its evaluation). A design-stage drill starts from the problem's starter: the
 * redesign is the exercise.
 */
export async function startDrill(userId: string, problemId: string): Promise<{ designId: string; href: string }> {
  const problem = await getProblem(problemId);
  if (!problem) throw new DesignError(400, "problemId: no such problem");
  const designId = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ stage: string; attempt_id: string | null }[]>`
      SELECT stage, attempt_id FROM drill_cards WHERE user_id = ${userId} AND problem_id = ${problemId} FOR UPDATE`;
    const card = locked[0];
    if (!card) throw new DesignError(400, "problemId: no redesign drill is scheduled for this problem");
    if (card.attempt_id) {
      const open = await tx.design.findFirst({ where: { id: card.attempt_id, userId, closedAt: null }, select: { id: true } });
      if (open) return open.id;
    }
    const stage = card.stage as Stage;
    const source = await tx.design.findFirst({
      where: { userId, problemId, whatIf: false, closedAt: { not: null } },
      orderBy: { closedAt: "desc" },
      include: { stages: { orderBy: { createdAt: "asc" } }, evaluations: { orderBy: { createdAt: "desc" }, take: 1 } },
    });
    if (!source) throw new DesignError(409, "The interview this drill came from no longer exists; start a new design instead.");
    const design = await tx.design.create({
      data: {
        userId,
        problemId,
        name: `${problem.title} · re-attempt from ${STAGE_LABELS[stage].toLowerCase()}`,
        data: stage === "followup" ? json(source.data) : json(problem.starter),
        drillStage: stage,
      },
      select: { id: true },
    });
    const evaluation = source.evaluations[0];
    const copied =
      stage === "followup" && evaluation
        ? await tx.evaluation.create({
            data: {
              designId: design.id,
              document: json(evaluation.document),
              result: json(evaluation.result),
              score: evaluation.score,
              grade: evaluation.grade,
              modelVersion: evaluation.modelVersion,
              seed: evaluation.seed,
              createdAt: evaluation.createdAt,
            },
            select: { id: true },
          })
        : null;
    for (const carried of carriedStages(stage)) {
      const row = source.stages.filter((s) => s.stage === carried).at(-1);
      if (!row) throw new DesignError(409, "The interview this drill came from is missing a stage; start a new design instead.");
      // The carried design stage points at the copied evaluation, so its result opens from the new design.
      const repoint = (v: Prisma.JsonValue) => (carried === "design" && copied ? { ...(v as object), evaluationId: copied.id } : v);
      await tx.interviewStage.create({
        data: {
          designId: design.id,
          stage: row.stage,
          round: row.round,
          answer: json(repoint(row.answer)),
          feedback: json(repoint(row.feedback)),
          score: row.score,
          maxScore: row.maxScore,
          passed: row.passed,
        },
      });
    }
    await tx.drillCard.update({ where: { userId_problemId: { userId, problemId } }, data: { attemptId: design.id } });
    return design.id;
  });
  return { designId, href: `/practice/${problemId}?design=${designId}` };
}
