"use server";

import { estimatesInput } from "@/lib/schemas/interview";
import { defineAction } from "@/lib/server/kernel/action";
import { submitEstimates } from "@/lib/server/designs/interview";

/** Interview stage 2: back-of-the-envelope estimates, checked against the problem's worked answers; scored once. */
export const submitEstimatesStage = defineAction({ grant: "candidate", schema: estimatesInput }, async (input, user) =>
  submitEstimates(user.id, input),
);
