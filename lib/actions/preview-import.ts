"use server";

import { importQuestionsSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { previewImport as preview } from "@/lib/server/instructor/import";

/** Checks a JSON or GIFT file and lists what it would create, or every problem with its line. Writes nothing. */
export const previewImport = defineAction({ grant: "instructor", schema: importQuestionsSchema }, (input, user) =>
  preview(user, input),
);
