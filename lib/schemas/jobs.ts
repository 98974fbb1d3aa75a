import { z } from "zod";

/** Retry one failed re-score job, or all failed jobs of a run. */
export const retryRescoreSchema = z.union([
  z.strictObject({ jobId: z.uuid({ message: "jobId must be a job's UUID" }) }),
  z.strictObject({ runId: z.uuid({ message: "runId must be a run's UUID" }) }),
]);

export const queueRescoreSchema = z.strictObject({});

/** Progress of one re-score run, as the admin page shows it. */
export type RunProgress = {
  runId: string;
  modelVersion: string;
  total: number;
  done: number;
  waiting: number;
  active: number;
  retrying: number;
  failed: number;
  failures: { jobId: string; designId: string; designName: string; message: string; tries: number }[];
};
