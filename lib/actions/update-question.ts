"use server";

import { revalidatePath } from "next/cache";
import { updateQuestionSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { updateQuestion as update } from "@/lib/server/instructor/questions";

/** Saves an edit as a new version; attempts already made stay pinned to the version they answered. */
export const updateQuestion = defineAction(
  { grant: "instructor", schema: updateQuestionSchema },
  async ({ id, baseVersion, question }, user) => {
    const result = await update(user, id, baseVersion, question);
    revalidatePath("/instructor/questions");
    revalidatePath(`/instructor/questions/${id}`);
    return result;
  },
);
