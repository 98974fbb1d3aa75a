import { z } from "zod";

/** The kinds of background run an admin can watch, queue and retry. */
export const jobKindSchema = z.enum(["rescore", "fsrs", "stats"], { message: "kind must be rescore, fsrs or stats" });
export type JobKind = z.infer<typeof jobKindSchema>;

/** Retry one failed job, or all failed jobs of a run, of one kind. */
export const retryJobsSchema = z.union([
  z.strictObject({ kind: jobKindSchema, jobId: z.uuid({ message: "jobId must be a job's UUID" }) }),
  z.strictObject({ kind: jobKindSchema, runId: z.uuid({ message: "runId must be a run's UUID" }) }),
]);

export const queueJobsSchema = z.strictObject({ kind: jobKindSchema });

/** Progress of one run, as the admin page shows it. */
export type RunProgress = {
  kind: JobKind;
  runId: string;
  /** What the run brings everything to: a model version, or a scheduler settings fingerprint. */
  target: string;
  total: number;
  done: number;
  waiting: number;
  active: number;
  retrying: number;
  failed: number;
  failures: { jobId: string; subject: string; message: string; tries: number }[];
};
