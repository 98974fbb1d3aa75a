"use server";

import { evaluateDesignInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { evaluateAndStore } from "@/lib/server/designs/service";
import { limitPerUser, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";

/** Scores a saved design on the server (saving the given document first) and stores the evaluation. */
export const evaluateSavedDesign = defineAction(
  { grant: "candidate", schema: evaluateDesignInput },
  async ({ designId, document }, user) => {
    await limitPerUser(RATE_LIMITS.evaluatePerUser, user.id);
    return evaluateAndStore(user.id, designId, document);
  },
);
