import "server-only";
import type PgBoss from "pg-boss";
import type { JobKind } from "@/lib/schemas/jobs";
import { FSRS_RUNS, queueFsrsRun } from "./fsrs";
import { queueRescoreRun, RESCORE_RUNS } from "./rescore";
import { queueStatsRun, STATS_RUNS } from "./stats";
import type { RunQueue } from "./runs";

/** Each kind of run an admin can watch, queue again and retry, with what queueing it from the admin page does. */
export const JOB_KINDS: Record<JobKind, { runs: RunQueue; queueFromAdmin: (boss: PgBoss) => Promise<{ runId: string; queued: number; existing: boolean }> }> = {
  rescore: { runs: RESCORE_RUNS, queueFromAdmin: (boss) => queueRescoreRun(boss, { onlyIfNew: false }) },
  fsrs: { runs: FSRS_RUNS, queueFromAdmin: (boss) => queueFsrsRun(boss, { onlyIfChanged: false }) },
  stats: { runs: STATS_RUNS, queueFromAdmin: (boss) => queueStatsRun(boss) },
};
