"use server";

import { revalidatePath } from "next/cache";
import { importProblemsSchema } from "@/lib/schemas/problem-authoring";
import { defineAction } from "@/lib/server/kernel/action";
import { importProblems as commit, parseProblemFile } from "@/lib/server/problems/authoring";

/** Imports a JSON file of problems (docs/problem-json.md) all or nothing, as drafts. */
export const importProblems = defineAction({ grant: "instructor", schema: importProblemsSchema }, async ({ text }, user) => {
  const result = await commit(user, parseProblemFile(text));
  revalidatePath("/instructor/problems");
  return result;
});
