"use server";

import { previewProblemSchema } from "@/lib/schemas/problem-authoring";
import { defineAction } from "@/lib/server/kernel/action";
import { checkReference } from "@/lib/server/problems/authoring";

/** Scores the reference design of a problem being edited (nothing is saved): the preview shows the score. */
export const previewProblem = defineAction({ grant: "instructor", schema: previewProblemSchema }, async ({ problem }, user) =>
  checkReference(user, problem),
);
