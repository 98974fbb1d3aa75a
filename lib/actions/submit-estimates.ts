"use server";

import { estimatesInput } from "@/lib/schemas/interview";
import { defineAction } from "@/lib/server/action";
import { designCall } from "@/lib/server/designs/action-errors";
import { submitEstimates } from "@/lib/server/designs/interview";

/** Interview stage 2: back-of-the-envelope estimates, checked against the problem's worked answers; scored once. */
export const submitEstimatesStage = defineAction({ grant: "candidate", schema: estimatesInput }, async (input, user) =>
  designCall(() => submitEstimates(user.id, input)),
);
