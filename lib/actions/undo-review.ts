"use server";

import { z } from "zod";
import { ActionError, defineAction } from "@/lib/server/action";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { undoLastReview } from "@/lib/server/quiz/review";

/** Undoes the last rating given on /review. */
export const undoReview = defineAction({ grant: "candidate", schema: z.strictObject({}) }, async (_input, user) => {
  try {
    return await undoLastReview(user.id);
  } catch (error) {
    if (error instanceof QuizRequestError) throw new ActionError(409, error.message);
    throw error;
  }
});
