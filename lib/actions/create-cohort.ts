"use server";

import { revalidatePath } from "next/cache";
import { createCohortSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { createCohort as create } from "@/lib/server/instructor/cohorts";

export const createCohort = defineAction({ grant: "instructor", schema: createCohortSchema }, async ({ name }, user) => {
  const result = await create(user, name);
  revalidatePath("/instructor/cohorts");
  return result;
});
