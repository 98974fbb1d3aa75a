"use server";

import { updateQuestionSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { updateQuestion as update } from "@/lib/server/instructor/questions";

/** Saves an edit as a new version; attempts already made stay pinned to the version they answered. */
export const updateQuestion = defineAction(
  {
    grant: "instructor",
    schema: updateQuestionSchema,
    revalidate: ({ id }) => ["/instructor/questions", `/instructor/questions/${id}`],
  },
  async ({ id, baseVersion, question }, user) => update(user, id, baseVersion, question),
);
