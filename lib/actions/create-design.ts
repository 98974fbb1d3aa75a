"use server";

import { createDesignInput } from "@/lib/schemas/design-record";
import { defineAction } from "@/lib/server/kernel/action";
import { createDesign as create } from "@/lib/server/designs/service";

/** Saves a new design for the signed-in user; an invalid document returns the evaluator's problem list. */
export const createDesign = defineAction({ grant: "candidate", schema: createDesignInput }, async (input, user) => {
  return create(user.id, input);
});
