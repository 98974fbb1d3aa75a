"use server";

import { mergeProgressSchema } from "@/lib/schemas/progress";
import { defineAction } from "@/lib/server/kernel/action";
import { mergeProgress } from "@/lib/server/progress/sections";

/** Moves the progress an anonymous reader kept in the browser into their account after they sign in. */
export const mergeSectionProgress = defineAction({ grant: "candidate", schema: mergeProgressSchema }, (input, user) =>
  mergeProgress(user.id, input.sections),
);
