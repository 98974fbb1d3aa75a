import "server-only";
import { db } from "@/lib/server/kernel/db";
import { STAGE_LABELS, STAGES, type Stage } from "@/lib/core/canvas/interview";
import { ratingNames, type RatingName } from "@/lib/core/quiz";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  drillCardSnapshot,
  drillStageScores,
  type DrillCardSnapshot,
  type DrillEntry,
  type DrillHistoryEntry,
  type DrillRated,
  type RateDrillInput,
} from "@/lib/schemas/drill";
import type { Problem } from "@/lib/schemas/problem";
import { carriedStages, drillRating, dueInWords, stageScores, worstStage } from "@/lib/server/designs/drills-core";
import { getProblem } from "@/lib/server/designs/problems";
import { DesignError } from "@/lib/server/designs/service";
import { AppError } from "@/lib/server/kernel/errors";
import { fromDbRow, newCardRow, scheduleReview, type CardDbRow, type CardRow, type Steps } from "@/lib/core/quiz/fsrs";
import { endOfDay, userTimeZone } from "@/lib/server/quiz/review";

// Redesign drills: every finished interview on a practice problem schedules (or reschedules) one FSRS card per
// candidate and problem, with the same scheduler as the quiz reviews. The card remembers the stage the candidate
// did worst; opening the drill starts a re-attempt there, and finishing that re-attempt rates the card from the
// re-attempted stage's score.

type Tx = Prisma.TransactionClient;

// A redesign is not a flashcard: no minute-long learning steps, so the first re-attempt comes a day or more later.
const DRILL_STEPS: Steps = { learningSteps: [], relearningSteps: [] };

const json = (v: unknown) => v as Prisma.InputJsonValue;

/** Ratings are stored 1–4 (ts-fsrs's Again … Easy). */
const ratingNumber = (r: RatingName) => ratingNames.indexOf(r) + 1;
const ratingName = (n: number): RatingName => ratingNames[Math.min(4, Math.max(1, n)) - 1]!;

type CardFields = CardRow & { lastRating: number };

function snapshot(card: CardFields): DrillCardSnapshot {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsedDays,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.lastReview?.toISOString() ?? null,
    lastRating: card.lastRating,
  };
}

function fromSnapshot(s: DrillCardSnapshot): CardFields {
  return { ...s, due: new Date(s.due), lastReview: s.lastReview === null ? null : new Date(s.lastReview) };
}

/** A stored snapshot, parsed (never cast); a malformed one means the history cannot be trusted for this card. */
function parseSnapshot(v: Prisma.JsonValue | null): DrillCardSnapshot | null {
  if (v === null) return null;
  const parsed = drillCardSnapshot.safeParse(v);
  if (!parsed.success) throw new Error("drill_logs.previous does not parse");
  return parsed.data;
}

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
  const fields = { ...next, stage: worst, lastRating: ratingNumber(rating), lastScore: scores[rated].ratio };
  await tx.drillLog.create({
    data: {
      userId,
      problemId: design.problemId,
      designId: design.id,
      stage: rated,
      score: scores[rated].ratio,
      scores: json(Object.fromEntries(STAGES.map((s) => [s, scores[s].ratio]))),
      scoreRating: ratingNumber(rating),
      rating: ratingNumber(rating),
      source: "score",
      due: next.due,
      reviewedAt: now,
      previous: card ? json(snapshot(card)) : Prisma.DbNull,
    },
  });
  await tx.drillCard.upsert({
    where: { userId_problemId: { userId, problemId: design.problemId } },
    create: { userId, problemId: design.problemId, ...fields },
    // The re-attempt this card opened is over once it is the one that finished.
    update: { ...fields, ...(card?.attemptId === design.id ? { attemptId: null } : {}) },
  });
}


type LogRow = {
  problemId: string;
  stage: string;
  score: number;
  scores: Prisma.JsonValue;
  scoreRating: number;
  rating: number;
  source: string;
  reviewedAt: Date;
};

/** A date and time as the candidate reads it, in their own time zone (rendered on the server: no hydration drift). */
function dateText(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone }).format(d);
}

/** Finished attempts newest first, each with the rating it has now (a "self" entry overrides the one before). */
function historyOf(logs: LogRow[], timeZone: string): DrillHistoryEntry[] {
  const out: DrillHistoryEntry[] = [];
  for (const l of logs) {
    if (l.source === "score") {
      out.push({
        finishedAt: l.reviewedAt.toISOString(),
        finishedText: dateText(l.reviewedAt, timeZone),
        stageLabel: STAGE_LABELS[l.stage as Stage] ?? "Requirements",
        scorePercent: Math.round(l.score * 100),
        scoreRating: ratingName(l.scoreRating),
        rating: ratingName(l.rating),
      });
    } else if (out.length > 0) out[out.length - 1]!.rating = ratingName(l.rating);
  }
  return out.reverse();
}

/** The caller's drills, soonest first, each with its due date in words in the caller's time zone, why it starts
 * where it does (every stage's score last time), its rating and its history. */
export async function listDrills(userId: string, now = new Date()): Promise<DrillEntry[]> {
  const [cards, logs, timeZone] = await Promise.all([
    db.drillCard.findMany({ where: { userId }, orderBy: { due: "asc" }, include: { problem: { select: { title: true } } } }),
    db.drillLog.findMany({ where: { userId }, orderBy: [{ reviewedAt: "asc" }, { id: "asc" }] }),
    userTimeZone(userId),
  ]);
  const endToday = endOfDay(now, timeZone);
  return cards.map((c) => {
    const stage = c.stage as Stage;
    const own = logs.filter((l) => l.problemId === c.problemId);
    const lastScore = own.filter((l) => l.source === "score").at(-1);
    const parsed = lastScore ? drillStageScores.safeParse(lastScore.scores) : null;
    return {
      problemId: c.problemId,
      title: c.problem.title,
      stage,
      stageLabel: STAGE_LABELS[stage] ?? "Requirements",
      due: c.due.toISOString(),
      dueWords: dueInWords(c.due, now, timeZone),
      dueDate: dateText(c.due, timeZone),
      dueToday: c.due.getTime() <= endToday.getTime(),
      inProgress: c.attemptId !== null,
      lastScorePercent: Math.round(c.lastScore * 100),
      lastStageLabel: STAGE_LABELS[(lastScore?.stage ?? stage) as Stage] ?? "Requirements",
      stageScores: parsed?.success ? STAGES.map((s) => ({ stage: s, label: STAGE_LABELS[s], percent: Math.round(parsed.data[s] * 100) })) : [],
      rating: ratingName(c.lastRating),
      maxRating: ratingName(lastScore?.scoreRating ?? c.lastRating),
      canUndo: own.at(-1)?.source === "self",
      history: historyOf(own, timeZone),
    };
  });
}

async function lockCard(tx: Tx, userId: string, problemId: string): Promise<CardFields> {
  const rows = await tx.$queryRaw<(CardDbRow & { last_rating: number })[]>`
    SELECT due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, last_rating
    FROM drill_cards WHERE user_id = ${userId} AND problem_id = ${problemId} FOR UPDATE`;
  const r = rows[0];
  if (!r) throw new DesignError(400, "problemId: no redesign drill is scheduled for this problem");
  return { ...fromDbRow(r), lastRating: r.last_rating };
}

const cardData = (c: CardFields) => ({
  due: c.due,
  stability: c.stability,
  difficulty: c.difficulty,
  elapsedDays: c.elapsedDays,
  scheduledDays: c.scheduledDays,
  learningSteps: c.learningSteps,
  reps: c.reps,
  lapses: c.lapses,
  state: c.state,
  lastReview: c.lastReview,
  lastRating: c.lastRating,
});

async function rated(problemId: string, userId: string, rating: number, due: Date, now: Date): Promise<DrillRated> {
  const timeZone = await userTimeZone(userId);
  return { problemId, rating: ratingName(rating), nextDue: due.toISOString(), dueWords: dueInWords(due, now, timeZone), dueDate: dateText(due, timeZone) };
}

/**
 * The candidate rates their last finished attempt on a problem themselves, as on the question reviews: at most
 * what its score earned (a 55 % re-attempt cannot be called Good), lower if it felt harder than the score says.
 * The card is scheduled again from where it stood before that attempt, as if rated so when it finished; the
 * change is logged with the card as it was, so it can be undone exactly.
 */
export async function rateDrill(userId: string, input: RateDrillInput, now = new Date()): Promise<DrillRated> {
  const { problemId, rating } = input;
  const result = await db.$transaction(async (tx) => {
    const card = await lockCard(tx, userId, problemId);
    const base = await tx.drillLog.findFirst({ where: { userId, problemId, source: "score" }, orderBy: [{ reviewedAt: "desc" }, { id: "desc" }] });
    if (!base) throw new DesignError(400, "problemId: no finished attempt on this problem to rate");
    if (ratingNumber(rating) > base.scoreRating) {
      const most = ratingName(base.scoreRating);
      throw new AppError(
        400,
        `rating: ${Math.round(base.score * 100)} % on ${STAGE_LABELS[base.stage as Stage]?.toLowerCase() ?? "that stage"} can be rated ${most} at most`,
        "rating",
      );
    }
    if (ratingNumber(rating) === card.lastRating) return { rating: card.lastRating, due: card.due };
    const before = parseSnapshot(base.previous);
    const start = before ? fromSnapshot(before) : newCardRow(base.reviewedAt);
    const { card: next } = scheduleReview(start, rating, base.reviewedAt, DRILL_STEPS);
    const fields: CardFields = { ...next, lastRating: ratingNumber(rating) };
    await tx.drillCard.update({ where: { userId_problemId: { userId, problemId } }, data: cardData(fields) });
    await tx.drillLog.create({
      data: {
        userId,
        problemId,
        designId: base.designId,
        stage: base.stage,
        score: base.score,
        scores: json(base.scores),
        scoreRating: base.scoreRating,
        rating: fields.lastRating,
        source: "self",
        due: next.due,
        reviewedAt: now,
        previous: json(snapshot(card)),
      },
    });
    return { rating: fields.lastRating, due: next.due };
  });
  return rated(problemId, userId, result.rating, result.due, now);
}

/**
 * Takes back the candidate's last change of a drill's rating: the card goes back exactly as it was and the
 * entry goes. Only the candidate's own change can be undone (a finished attempt's score rating is what happened);
 * refused when the card has moved on since (another attempt finished).
 */
export async function undoDrillRating(userId: string, problemId: string, now = new Date()): Promise<DrillRated> {
  const result = await db.$transaction(async (tx) => {
    const card = await lockCard(tx, userId, problemId);
    const last = await tx.drillLog.findFirst({ where: { userId, problemId }, orderBy: [{ reviewedAt: "desc" }, { id: "desc" }] });
    if (!last || last.source !== "self") throw new DesignError(409, "There is no rating to undo on this drill.");
    const prev = parseSnapshot(last.previous);
    if (!prev || card.due.getTime() !== last.due.getTime() || card.lastRating !== last.rating) {
      throw new DesignError(409, "This drill has changed since; there is nothing to undo.");
    }
    const restored = fromSnapshot(prev);
    await tx.drillCard.update({ where: { userId_problemId: { userId, problemId } }, data: cardData(restored) });
    await tx.drillLog.delete({ where: { id: last.id } });
    return { rating: restored.lastRating, due: restored.due };
  });
  return rated(problemId, userId, result.rating, result.due, now);
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
