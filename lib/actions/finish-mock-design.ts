"use server";

import { designRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/action";
import { designCall } from "@/lib/server/designs/action-errors";
import { finishMock } from "@/lib/server/designs/service";
import { limitPerUser, RATE_LIMITS } from "@/lib/server/rate-limit";

/** Hands in a mock interview (early, or when the timer reaches zero): scores the last save and locks it. */
export const finishMockDesign = defineAction({ grant: "candidate", schema: designRefInput }, async ({ designId }, user) => {
  await limitPerUser(RATE_LIMITS.evaluatePerUser, user.id);
  return designCall(() => finishMock(user.id, designId));
});
