"use server";

import { deleteQuestionSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { deleteQuestion as remove } from "@/lib/server/instructor/questions";

/** Deletes a draft nobody has answered; anything else must be retired. */
export const deleteQuestion = defineAction(
  { grant: "instructor", schema: deleteQuestionSchema, revalidate: ["/instructor/questions"] },
  async ({ id }, user) => remove(user, id),
);
