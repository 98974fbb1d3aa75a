"use server";

import { setQuestionStatusSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { setQuestionStatus as setStatus } from "@/lib/server/instructor/questions";

/** Publish, unpublish or retire a question. */
export const setQuestionStatus = defineAction(
  {
    grant: "instructor",
    schema: setQuestionStatusSchema,
    revalidate: ({ id }) => ["/instructor/questions", `/instructor/questions/${id}`],
  },
  async ({ id, transition }, user) => setStatus(user, id, transition),
);
