"use server";

import { revalidatePath } from "next/cache";
import { cohortIdSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { deleteCohort as remove } from "@/lib/server/instructor/cohorts";

/** Removes the cohort and its memberships; the members' own attempts are untouched. */
export const deleteCohort = defineAction({ grant: "instructor", schema: cohortIdSchema }, async ({ cohortId }, user) => {
  const result = await remove(user, cohortId);
  revalidatePath("/instructor/cohorts");
  return result;
});
