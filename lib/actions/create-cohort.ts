"use server";

import { createCohortSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { createCohort as create } from "@/lib/server/instructor/cohorts";

export const createCohort = defineAction(
  { grant: "instructor", schema: createCohortSchema, revalidate: ["/instructor/cohorts"] },
  async ({ name }, user) => create(user, name),
);
