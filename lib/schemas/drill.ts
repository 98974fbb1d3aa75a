import { z } from "zod";
import type { Stage } from "@/lib/core/canvas/interview";
import { ratingNames, type RatingName } from "@/lib/core/quiz";
import { cardSnapshot } from "@/lib/schemas/card-snapshot";
import { problemSlugSchema } from "@/lib/schemas/problem-parts";

/** Opens the redesign drill scheduled for one practice problem. */
export const startDrillInput = z.object({ problemId: problemSlugSchema });

/** Changes the rating of the last finished attempt on a problem (never above what its score earned). */
export const rateDrillInput = z.strictObject({ problemId: problemSlugSchema, rating: z.enum(ratingNames) });
export type RateDrillInput = z.infer<typeof rateDrillInput>;

/** Takes back the candidate's last change of a drill's rating. */
export const undoDrillRatingInput = z.strictObject({ problemId: problemSlugSchema });

/** A drill card as it was before a rating (drill_logs.previous), parsed back for undo and re-rating. */
export const drillCardSnapshot = cardSnapshot.extend({ lastRating: z.number().int().min(1).max(4) });
export type DrillCardSnapshot = z.infer<typeof drillCardSnapshot>;

/** Each stage's score (0–1) in one finished attempt, as drill_logs.scores stores it. */
export const drillStageScores = z.object({
  requirements: z.number(),
  estimates: z.number(),
  design: z.number(),
  followup: z.number(),
});

/** One finished attempt in a drill's history, with the rating it ended up with. */
export type DrillHistoryEntry = {
  finishedAt: string;
  /** finishedAt as a date and time in the candidate's time zone. */
  finishedText: string;
  stageLabel: string;
  scorePercent: number;
  /** What the score earned, and what applies now (lower when the candidate changed it). */
  scoreRating: RatingName;
  rating: RatingName;
};

/** One drill as /review lists it (server-built, never parsed back). */
export type DrillEntry = {
  problemId: string;
  title: string;
  stage: Stage;
  stageLabel: string;
  due: string;
  dueWords: string;
  /** The due date and time in the candidate's time zone ("Tuesday, 8 December 2026 at 09:12"). */
  dueDate: string;
  dueToday: boolean;
  /** A re-attempt was started and not finished: opening the drill continues it. */
  inProgress: boolean;
  /** The last rated stage's score, 0–100 %, and the stage it came from. */
  lastScorePercent: number;
  lastStageLabel: string;
  /** Every stage's score in the last finished attempt, 0–100 % (why the drill starts where it does). */
  stageScores: { stage: Stage; label: string; percent: number }[];
  /** The rating the last attempt has now, and the most its score allows the candidate to give. */
  rating: RatingName;
  maxRating: RatingName;
  /** The candidate changed the last attempt's rating: that change can be taken back. */
  canUndo: boolean;
  /** Finished attempts, newest first. */
  history: DrillHistoryEntry[];
};

/** What rating (or undoing a rating) did: the rating that applies now and when the drill comes back. */
export type DrillRated = { problemId: string; rating: RatingName; nextDue: string; dueWords: string; dueDate: string };
