"use server";

import { sectionRefSchema } from "@/lib/schemas/progress";
import { defineAction } from "@/lib/server/kernel/action";
import { unmarkSection } from "@/lib/server/progress/sections";

/** Takes a section off the signed-in reader's done list. */
export const unmarkSectionDone = defineAction({ grant: "candidate", schema: sectionRefSchema }, (input, user) => unmarkSection(user.id, input));
