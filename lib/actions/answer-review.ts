"use server";

import { answerReviewSchema } from "@/lib/schemas/quiz-attempt";
import { ActionError, defineAction } from "@/lib/server/action";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { answerReview } from "@/lib/server/quiz/review";

/** Commits the answer to a due review card, then returns its feedback (a repeat returns the first answer's). */
export const answerReviewCard = defineAction({ grant: "candidate", schema: answerReviewSchema }, async (input, user) => {
  try {
    return await answerReview(user.id, input);
  } catch (error) {
    if (error instanceof QuizRequestError) {
      throw new ActionError(error.status === 429 || error.status === 409 ? error.status : 400, error.message);
    }
    throw error;
  }
});
