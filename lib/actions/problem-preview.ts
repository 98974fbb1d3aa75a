"use server";

import { previewProblemSchema } from "@/lib/schemas/problem-authoring";
import { toProblemBrief } from "@/lib/server/designs/brief";
import { defineAction } from "@/lib/server/kernel/action";
import { AppError } from "@/lib/server/kernel/errors";
import { checkReference } from "@/lib/server/problems/authoring";

/**
 * The brief exactly as a candidate gets it (the same projection the workspace uses) and the reference design's
 * score, for a problem being edited. Nothing is saved.
 */
export const previewProblem = defineAction({ grant: "instructor", schema: previewProblemSchema }, async ({ problem }, user) => {
  const brief = toProblemBrief(problem);
  try {
    return { brief, reference: await checkReference(user, problem), referenceError: null };
  } catch (error) {
    if (error instanceof AppError && error.status === 400) return { brief, reference: null, referenceError: error.message };
    throw error;
  }
});
