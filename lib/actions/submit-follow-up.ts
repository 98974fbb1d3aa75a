"use server";

import { followUpInput } from "@/lib/schemas/interview";
import { defineAction } from "@/lib/server/kernel/action";
import { submitFollowUp } from "@/lib/server/designs/interview";
import { limitPerUser, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";

/** Interview stage 4: one follow-up round, applied to the candidate's saved design and evaluated. */
export const submitFollowUpRound = defineAction({ grant: "candidate", schema: followUpInput }, async ({ designId, round }, user) => {
  await limitPerUser(RATE_LIMITS.evaluatePerUser, user.id);
  return submitFollowUp(user.id, designId, round);
});
