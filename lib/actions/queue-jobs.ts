"use server";

import { queueJobsSchema } from "@/lib/schemas/jobs";
import { defineAction } from "@/lib/server/kernel/action";
import { appBoss } from "@/lib/server/jobs/boss";
import { JOB_KINDS } from "@/lib/server/jobs/kinds";

/** Admins queue a run: a re-score of designs scored by an older model, or a rebuild of every review schedule. */
export const queueJobs = defineAction(
  { grant: "admin", schema: queueJobsSchema, revalidate: ["/admin/jobs"] },
  async ({ kind }) => JOB_KINDS[kind].queueFromAdmin(await appBoss()),
);
