import { z } from "zod";

// One point of the dashboard's quiz-score history (lib/server/quiz/dashboard.ts builds it; the chart draws it).

export const scorePointSchema = z.object({
  /** ISO 8601 timestamp of the attempt. */
  at: z.string(),
  /** 0..100 percent. */
  percent: z.number(),
  label: z.string(),
  attemptId: z.string(),
});
export type ScorePoint = z.infer<typeof scorePointSchema>;
