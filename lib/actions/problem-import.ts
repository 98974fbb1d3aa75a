"use server";

import { importProblemsSchema } from "@/lib/schemas/problem-authoring";
import { defineAction } from "@/lib/server/kernel/action";
import { importProblems as commit, parseProblemFile } from "@/lib/server/problems/authoring";

/** Imports a JSON file of problems (docs/problem-json.md) all or nothing, as drafts. */
export const importProblems = defineAction(
  { grant: "instructor", schema: importProblemsSchema, revalidate: ["/instructor/problems"] },
  async ({ text }, user) => commit(user, parseProblemFile(text)),
);
