"use server";

import { revalidatePath } from "next/cache";
import { deleteQuestionSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { deleteQuestion as remove } from "@/lib/server/instructor/questions";

/** Deletes a draft nobody has answered; anything else must be retired. */
export const deleteQuestion = defineAction({ grant: "instructor", schema: deleteQuestionSchema }, async ({ id }, user) => {
  const result = await remove(user, id);
  revalidatePath("/instructor/questions");
  return result;
});
