"use server";

import { importQuestionsSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { commitImport } from "@/lib/server/instructor/import";

/** Imports every question of the file in one transaction, or none of them. */
export const importQuestions = defineAction(
  {
    grant: "instructor",
    schema: importQuestionsSchema,
    revalidate: (_input: unknown, result: { ok: boolean }) => (result.ok ? ["/instructor/questions"] : []),
  },
  async (input, user) => commitImport(user, input),
);
