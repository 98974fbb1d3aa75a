"use server";

import { revalidatePath } from "next/cache";
import { queueJobsSchema } from "@/lib/schemas/jobs";
import { defineAction } from "@/lib/server/kernel/action";
import { appBoss } from "@/lib/server/jobs/boss";
import { JOB_KINDS } from "@/lib/server/jobs/kinds";

/** Admins queue a run: a re-score of designs scored by an older model, or a rebuild of every review schedule. */
export const queueJobs = defineAction({ grant: "admin", schema: queueJobsSchema }, async ({ kind }) => {
  const run = await JOB_KINDS[kind].queueFromAdmin(await appBoss());
  revalidatePath("/admin/jobs");
  return run;
});
