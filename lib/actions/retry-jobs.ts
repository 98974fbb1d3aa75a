"use server";

import { retryJobsSchema } from "@/lib/schemas/jobs";
import { defineAction } from "@/lib/server/kernel/action";
import { appBoss } from "@/lib/server/jobs/boss";
import { JOB_KINDS } from "@/lib/server/jobs/kinds";
import { failedJobIds, retryJobs } from "@/lib/server/jobs/runs";

/** Admins put failed jobs back in their queue: one item, or every failure of a run. */
export const retryFailedJobs = defineAction({ grant: "admin", schema: retryJobsSchema, revalidate: ["/admin/jobs"] }, async (input) => {
  const { queue } = JOB_KINDS[input.kind].runs;
  const ids = "jobId" in input ? [input.jobId] : await failedJobIds(queue, input.runId);
  await retryJobs(await appBoss(), queue, ids);
  return { retried: ids.length };
});
