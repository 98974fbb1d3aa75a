"use server";

import { markSectionSchema } from "@/lib/schemas/progress";
import { defineAction } from "@/lib/server/kernel/action";
import { markSection } from "@/lib/server/progress/sections";

/** Records a section as done for the signed-in reader, by the button or by scrolling through it. */
export const markSectionDone = defineAction({ grant: "candidate", schema: markSectionSchema }, (input, user) => markSection(user.id, input));
