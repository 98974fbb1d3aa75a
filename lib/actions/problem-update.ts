"use server";

import { updateProblemSchema } from "@/lib/schemas/problem-authoring";
import { defineAction } from "@/lib/server/kernel/action";
import { updateProblem as update } from "@/lib/server/problems/authoring";

/** Saves an edit as a new draft version; the published version stays what candidates get until it is published. */
export const updateProblem = defineAction(
  {
    grant: "instructor",
    schema: updateProblemSchema,
    revalidate: ({ slug }) => ["/instructor/problems", `/instructor/problems/${slug}`],
  },
  async ({ slug, baseVersion, problem }, user) => update(user, slug, baseVersion, problem),
);
