"use server";

import { requirementsInput } from "@/lib/schemas/interview";
import { defineAction } from "@/lib/server/action";
import { designCall } from "@/lib/server/designs/action-errors";
import { submitRequirements } from "@/lib/server/designs/interview";

/** Interview stage 1: the requirements the candidate picked, each with a justification; scored once. */
export const submitRequirementsStage = defineAction({ grant: "candidate", schema: requirementsInput }, async (input, user) =>
  designCall(() => submitRequirements(user.id, input)),
);
