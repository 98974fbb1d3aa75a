"use server";

import { checkAnswerSchema } from "@/lib/schemas/quiz-attempt";
import { ActionError, defineAction } from "@/lib/server/action";
import { checkAnswer } from "@/lib/server/quiz/check";
import { QuizRequestError } from "@/lib/server/quiz/errors";

/** Immediate feedback for one answer in one-question-at-a-time mode; nothing is stored until the quiz is submitted. */
export const checkQuizAnswer = defineAction({ grant: "candidate", schema: checkAnswerSchema }, async (input) => {
  try {
    return await checkAnswer(input);
  } catch (error) {
    if (error instanceof QuizRequestError) throw new ActionError(400, error.message);
    throw error;
  }
});
