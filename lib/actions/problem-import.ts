"use server";

import { revalidatePath } from "next/cache";
import { importProblemsSchema, problemFileSchema } from "@/lib/schemas/problem-authoring";
import { defineAction } from "@/lib/server/kernel/action";
import { AppError } from "@/lib/server/kernel/errors";
import { importProblems as commit } from "@/lib/server/problems/authoring";

/** Imports a JSON file of problems (docs/problem-json.md) all or nothing, as drafts. */
export const importProblems = defineAction({ grant: "instructor", schema: importProblemsSchema }, async ({ text }, user) => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError(400, `text: not valid JSON (${(error as Error).message})`, "text");
  }
  const parsed = problemFileSchema.safeParse(Array.isArray(raw) ? raw : [raw]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [index, ...rest] = issue?.path ?? [];
    const where = typeof index === "number" ? `problem ${index + 1}${rest.length ? `, ${rest.join(".")}` : ""}` : "file";
    throw new AppError(400, `${where}: ${issue?.message ?? "invalid"}`, "text");
  }
  const result = await commit(user, parsed.data);
  revalidatePath("/instructor/problems");
  return result;
});
