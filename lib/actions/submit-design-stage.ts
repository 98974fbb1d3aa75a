"use server";

import { designRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { submitDesignStage } from "@/lib/server/designs/interview";
import { limitPerUser, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";

/** Interview stage 3: the saved design is evaluated and recorded as the candidate's design answer. */
export const submitDesignForInterview = defineAction({ grant: "candidate", schema: designRefInput }, async ({ designId }, user) => {
  await limitPerUser(RATE_LIMITS.evaluatePerUser, user.id);
  return submitDesignStage(user.id, designId);
});
