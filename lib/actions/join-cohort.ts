"use server";

import { joinCohortSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { joinCohort as join } from "@/lib/server/instructor/cohorts";

export const joinCohort = defineAction(
  { grant: "candidate", schema: joinCohortSchema, revalidate: ({ token }) => [`/cohorts/join/${token}`] },
  async ({ token }, user) => join(user, token),
);
