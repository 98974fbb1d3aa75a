"use server";

import { evaluationRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { rescoreEvaluation as rescore } from "@/lib/server/designs/service";

/** Scores a stored evaluation's exact document with the current model, for comparison; nothing is stored. */
export const rescoreEvaluation = defineAction({ grant: "candidate", schema: evaluationRefInput }, async ({ evaluationId }, user) =>
  rescore(user.id, evaluationId),
);
