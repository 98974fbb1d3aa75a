"use server";

import { revalidatePath } from "next/cache";
import { cohortIdSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { renewCohortInvite as renew } from "@/lib/server/instructor/cohorts";

/** Replaces the invite link; the old one stops working. */
export const renewCohortInvite = defineAction({ grant: "instructor", schema: cohortIdSchema }, async ({ cohortId }, user) => {
  const result = await renew(user, cohortId);
  revalidatePath("/instructor/cohorts");
  return result;
});
