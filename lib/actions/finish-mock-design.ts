"use server";

import { designRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { finishMock } from "@/lib/server/designs/service";

/** Hands in a mock interview (early, or when the timer reaches zero): scores the last save and locks it. */
export const finishMockDesign = defineAction({ grant: "candidate", schema: designRefInput }, async ({ designId }, user) => {
  return finishMock(user.id, designId);
});
