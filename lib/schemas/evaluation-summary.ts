import { z } from "zod";

// What the browser sees of one stored evaluation in a design's history (lib/server/designs/service.ts builds
// it from the row; the page lists it).

export const evaluationSummarySchema = z.object({
  id: z.string(),
  /** ISO 8601 timestamp. */
  createdAt: z.string(),
  /** 0..100 points. */
  score: z.number(),
  grade: z.string(),
  modelVersion: z.string(),
  seed: z.number().int(),
  /** Modelled 99th-percentile latency, milliseconds. */
  p99Ms: z.number(),
  /** Modelled availability as a fraction (0..1). */
  availability: z.number(),
});
export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>;
