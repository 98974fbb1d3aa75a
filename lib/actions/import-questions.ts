"use server";

import { revalidatePath } from "next/cache";
import { importQuestionsSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { commitImport } from "@/lib/server/instructor/import";

/** Imports every question of the file in one transaction, or none of them. */
export const importQuestions = defineAction({ grant: "instructor", schema: importQuestionsSchema }, async (input, user) => {
  const result = await commitImport(user, input);
  if (result.ok) revalidatePath("/instructor/questions");
  return result;
});
