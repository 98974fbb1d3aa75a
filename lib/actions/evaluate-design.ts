"use server";

import { evaluateDesignInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { tooManyRequests } from "@/lib/server/kernel/errors";
import { evaluateAndStore } from "@/lib/server/designs/service";
import { hit, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";

/** Scores a saved design on the server (saving the given document first) and stores the evaluation. */
export const evaluateSavedDesign = defineAction(
  { grant: "candidate", schema: evaluateDesignInput },
  async ({ designId, document }, user) => {
    const verdict = await hit(RATE_LIMITS.evaluatePerUser, user.id);
    if (!verdict.ok) throw tooManyRequests("evaluations", verdict.retryAfterSeconds);
    return evaluateAndStore(user.id, designId, document);
  },
);
