import { z } from "zod";

/** Retry one failed re-score job, or all failed jobs of a run. */
export const retryRescoreSchema = z.union([
  z.strictObject({ jobId: z.uuid({ message: "jobId must be a job's UUID" }) }),
  z.strictObject({ runId: z.uuid({ message: "runId must be a run's UUID" }) }),
]);
export type RetryRescoreInput = z.infer<typeof retryRescoreSchema>;

export const queueRescoreSchema = z.strictObject({});
