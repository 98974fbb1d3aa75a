"use server";

import { revalidatePath } from "next/cache";
import { setQuestionStatusSchema } from "@/lib/schemas/instructor";
import { defineAction } from "@/lib/server/kernel/action";
import { setQuestionStatus as setStatus } from "@/lib/server/instructor/questions";

/** Publish, unpublish or retire a question. */
export const setQuestionStatus = defineAction(
  { grant: "instructor", schema: setQuestionStatusSchema },
  async ({ id, transition }, user) => {
    const result = await setStatus(user, id, transition);
    revalidatePath("/instructor/questions");
    revalidatePath(`/instructor/questions/${id}`);
    return result;
  },
);
