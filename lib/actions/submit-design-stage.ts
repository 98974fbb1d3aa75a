"use server";

import { designRefInput } from "@/lib/schemas/design-record";
import { ActionError, defineAction } from "@/lib/server/action";
import { designCall } from "@/lib/server/designs/action-errors";
import { submitDesignStage } from "@/lib/server/designs/interview";
import { hit, RATE_LIMITS } from "@/lib/server/rate-limit";

/** Interview stage 3: the saved design is evaluated and recorded as the candidate's design answer. */
export const submitDesignForInterview = defineAction({ grant: "candidate", schema: designRefInput }, async ({ designId }, user) => {
  const verdict = await hit(RATE_LIMITS.evaluatePerUser, user.id);
  if (!verdict.ok) throw new ActionError(429, `Too many evaluations; try again in ${verdict.retryAfterSeconds} s.`);
  return designCall(() => submitDesignStage(user.id, designId));
});
