"use server";

import { cohortIdSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { leaveCohort as leave } from "@/lib/server/instructor/cohorts";

/** A member leaves; their past attempts stay theirs but no longer count in that cohort's statistics. */
export const leaveCohort = defineAction(
  { grant: "candidate", schema: cohortIdSchema, revalidate: [{ layout: "/cohorts" }] },
  async ({ cohortId }, user) => leave(user, cohortId),
);
