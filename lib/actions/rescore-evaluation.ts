"use server";

import { evaluationRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { rescoreEvaluation as rescore } from "@/lib/server/designs/service";
import { limitPerUser, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";

/** Scores a stored evaluation's exact document with the current model, for comparison; nothing is stored. */
export const rescoreEvaluation = defineAction({ grant: "candidate", schema: evaluationRefInput }, async ({ evaluationId }, user) => {
  await limitPerUser(RATE_LIMITS.evaluatePerUser, user.id);
  return rescore(user.id, evaluationId);
});
