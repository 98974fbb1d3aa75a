"use server";

import { evaluationRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/action";
import { designCall } from "@/lib/server/designs/action-errors";
import { rescoreEvaluation as rescore } from "@/lib/server/designs/service";
import { limitPerUser, RATE_LIMITS } from "@/lib/server/rate-limit";

/** Scores a stored evaluation's exact document with the current model, for comparison; nothing is stored. */
export const rescoreEvaluation = defineAction({ grant: "candidate", schema: evaluationRefInput }, async ({ evaluationId }, user) => {
  await limitPerUser(RATE_LIMITS.evaluatePerUser, user.id);
  return designCall(() => rescore(user.id, evaluationId));
});
