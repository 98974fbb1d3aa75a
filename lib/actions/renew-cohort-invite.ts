"use server";

import { cohortIdSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { renewCohortInvite as renew } from "@/lib/server/instructor/cohorts";

/** Replaces the invite link; the old one stops working. */
export const renewCohortInvite = defineAction(
  { grant: "instructor", schema: cohortIdSchema, revalidate: ["/instructor/cohorts"] },
  async ({ cohortId }, user) => renew(user, cohortId),
);
