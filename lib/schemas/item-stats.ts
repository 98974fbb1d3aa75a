import { z } from "zod";
import type { QuestionStats } from "@/lib/core/quiz/item-stats";

const itemStatsShape = {
  attempts: z.number().int().nonnegative(),
  facility: z.number().nullable(),
  discrimination: z.number().nullable(),
  medianTimeMs: z.number().nullable(),
  options: z.array(z.object({ id: z.string(), label: z.string(), count: z.number().int().nonnegative(), correct: z.boolean() })).nullable(),
  flags: z.array(z.enum(["too-easy", "too-hard", "negative-discrimination"])),
};

const questionStatsSchema = z.object({
  ...itemStatsShape,
  questionId: z.string(),
  versions: z.array(z.object({ ...itemStatsShape, version: z.number().int() })),
}) satisfies z.ZodType<QuestionStats>;

/** One question's row on the statistics page: its figures and what the page shows beside them. */
export const statsRowSchema = questionStatsSchema.extend({ chapter: z.string(), type: z.string(), status: z.string(), prompt: z.string() });
export type StatsRow = z.infer<typeof statsRowSchema>;

/**
 * What a statistics recompute stores for one scope (item_stats_snapshots.report): every chapter's rows, so the
 * page filters by chapter without recomputing. Parsed on read; a snapshot that no longer parses is recomputed.
 */
export const itemStatsSnapshotSchema = z.object({
  rows: z.array(statsRowSchema),
  /** Questions left out because fewer than MIN_GROUP people answered them (any chapter). */
  hiddenByChapter: z.record(z.string(), z.number().int().nonnegative()),
});
export type ItemStatsSnapshot = z.infer<typeof itemStatsSnapshotSchema>;
