import { z } from "zod";
import type { Stage } from "@/lib/core/canvas/interview";
import { problemSlugSchema } from "@/lib/schemas/problem-parts";

/** Opens the redesign drill scheduled for one practice problem. */
export const startDrillInput = z.object({ problemId: problemSlugSchema });

/** One drill as /review lists it (server-built, never parsed back). */
export type DrillEntry = {
  problemId: string;
  title: string;
  stage: Stage;
  stageLabel: string;
  due: string;
  dueWords: string;
  dueToday: boolean;
  /** A re-attempt was started and not finished: opening the drill continues it. */
  inProgress: boolean;
  /** The last rated stage's score, 0–100 %. */
  lastScorePercent: number;
};
