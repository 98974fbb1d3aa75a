"use server";

import { revalidatePath } from "next/cache";
import { joinCohortSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { joinCohort as join } from "@/lib/server/instructor/cohorts";

export const joinCohort = defineAction({ grant: "candidate", schema: joinCohortSchema }, async ({ token }, user) => {
  const result = await join(user, token);
  revalidatePath(`/cohorts/join/${token}`);
  return result;
});
