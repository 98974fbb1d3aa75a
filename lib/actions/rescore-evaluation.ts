"use server";

import { evaluationRefInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/action";
import { designCall } from "@/lib/server/designs/action-errors";
import { rescoreEvaluation as rescore } from "@/lib/server/designs/service";

/** Scores a stored evaluation's exact document with the current model, for comparison; nothing is stored. */
export const rescoreEvaluation = defineAction({ grant: "candidate", schema: evaluationRefInput }, async ({ evaluationId }, user) =>
  designCall(() => rescore(user.id, evaluationId)),
);
