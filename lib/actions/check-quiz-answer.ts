"use server";

import { checkAnswerSchema } from "@/lib/schemas/quiz-attempt";
import { ActionError, defineAction } from "@/lib/server/action";
import { checkAnswer } from "@/lib/server/quiz/check";
import { QuizRequestError } from "@/lib/server/quiz/errors";

/**
 * One-at-a-time mode: commits the answer to the user's open attempt, then returns its feedback. A second check
 * of the same question returns the first answer's feedback; nothing can be tried out.
 */
export const checkQuizAnswer = defineAction({ grant: "candidate", schema: checkAnswerSchema }, async (input, user) => {
  try {
    return await checkAnswer(user.id, input);
  } catch (error) {
    if (error instanceof QuizRequestError) throw new ActionError(actionStatus(error.status), error.message);
    throw error;
  }
});

function actionStatus(status: QuizRequestError["status"]): 400 | 404 | 409 | 429 {
  return status === 404 || status === 409 || status === 429 ? status : 400;
}
