"use server";

import { previewProblemSchema } from "@/lib/schemas/problem-authoring";
import { defineAction } from "@/lib/server/kernel/action";
import { previewProblem as preview } from "@/lib/server/problems/authoring";

/** The brief as a candidate gets it and the reference design's score, for a problem being edited; nothing is saved. */
export const previewProblem = defineAction({ grant: "instructor", schema: previewProblemSchema }, async ({ problem }, user) => preview(user, problem));
