"use server";

import { cohortIdSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { deleteCohort as remove } from "@/lib/server/instructor/cohorts";

/** Removes the cohort and its memberships; the members' own attempts are untouched. */
export const deleteCohort = defineAction(
  { grant: "instructor", schema: cohortIdSchema, revalidate: ["/instructor/cohorts"] },
  async ({ cohortId }, user) => remove(user, cohortId),
);
