"use server";

import { requirementsInput } from "@/lib/schemas/interview";
import { defineAction } from "@/lib/server/kernel/action";
import { submitRequirements } from "@/lib/server/designs/interview";

/** Interview stage 1: the requirements the candidate picked, each with a justification; scored once. */
export const submitRequirementsStage = defineAction({ grant: "candidate", schema: requirementsInput }, async (input, user) =>
  submitRequirements(user.id, input),
);
