"use server";

import { recomputeStatsSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { appBoss } from "@/lib/server/jobs/boss";
import { queueStatsRun } from "@/lib/server/jobs/stats";
import { scopeOf, visibleCohort } from "@/lib/server/instructor/stats";

/** An instructor queues a recompute of the statistics they are looking at (everyone, or one of their cohorts). */
export const recomputeItemStats = defineAction({ grant: "instructor", schema: recomputeStatsSchema }, async ({ cohort }, actor) => {
  if (cohort) await visibleCohort(actor, cohort);
  const run = await queueStatsRun(await appBoss(), { scopes: [scopeOf(cohort)] });
  return { existing: run.existing };
});
