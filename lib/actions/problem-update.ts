"use server";

import { revalidatePath } from "next/cache";
import { updateProblemSchema } from "@/lib/schemas/problem-authoring";
import { defineAction } from "@/lib/server/kernel/action";
import { updateProblem as update } from "@/lib/server/problems/authoring";

/** Saves an edit as a new draft version; the published version stays what candidates get until it is published. */
export const updateProblem = defineAction({ grant: "instructor", schema: updateProblemSchema }, async ({ slug, baseVersion, problem }, user) => {
  const result = await update(user, slug, baseVersion, problem);
  revalidatePath("/instructor/problems");
  revalidatePath(`/instructor/problems/${slug}`);
  return result;
});
