"use server";

import { followUpInput } from "@/lib/schemas/interview";
import { ActionError, defineAction } from "@/lib/server/action";
import { designCall } from "@/lib/server/designs/action-errors";
import { submitFollowUp } from "@/lib/server/designs/interview";
import { hit, RATE_LIMITS } from "@/lib/server/rate-limit";

/** Interview stage 4: one follow-up round, applied to the candidate's saved design and evaluated. */
export const submitFollowUpRound = defineAction({ grant: "candidate", schema: followUpInput }, async ({ designId, round }, user) => {
  const verdict = await hit(RATE_LIMITS.evaluatePerUser, user.id);
  if (!verdict.ok) throw new ActionError(429, `Too many evaluations; try again in ${verdict.retryAfterSeconds} s.`);
  return designCall(() => submitFollowUp(user.id, designId, round));
});
