"use server";

import { revalidatePath } from "next/cache";
import { retryRescoreSchema } from "@/lib/schemas/jobs";
import { defineAction } from "@/lib/server/kernel/action";
import { appBoss, failedJobIds, retryRescoreJobs } from "@/lib/server/jobs/rescore";

/** Admins put failed re-score jobs back in the queue: one design, or every failure of a run. */
export const retryRescore = defineAction({ grant: "admin", schema: retryRescoreSchema }, async (input) => {
  const ids = "jobId" in input ? [input.jobId] : await failedJobIds(input.runId);
  await retryRescoreJobs(await appBoss(), ids);
  revalidatePath("/admin/jobs");
  return { retried: ids.length };
});
