"use server";

import { evaluateDesignInput } from "@/lib/schemas/design-record";
import { ActionError, defineAction } from "@/lib/server/action";
import { designCall } from "@/lib/server/designs/action-errors";
import { evaluateAndStore } from "@/lib/server/designs/service";
import { hit, RATE_LIMITS } from "@/lib/server/rate-limit";

/** Scores a saved design on the server (saving the given document first) and stores the evaluation. */
export const evaluateSavedDesign = defineAction(
  { grant: "candidate", schema: evaluateDesignInput },
  async ({ designId, document }, user) => {
    const verdict = await hit(RATE_LIMITS.evaluatePerUser, user.id);
    if (!verdict.ok) throw new ActionError(429, `Too many evaluations; try again in ${verdict.retryAfterSeconds} s.`);
    return designCall(() => evaluateAndStore(user.id, designId, document));
  },
);
