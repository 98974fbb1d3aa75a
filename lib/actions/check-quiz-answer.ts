"use server";

import { checkAnswerSchema } from "@/lib/schemas/quiz-attempt";
import { defineAction } from "@/lib/server/kernel/action";
import { checkAnswer } from "@/lib/server/quiz/check";

/**
 * One-at-a-time mode: commits the answer to the user's open attempt, then returns its feedback. A second check
 * of the same question returns the first answer's feedback; nothing can be tried out.
 */
export const checkQuizAnswer = defineAction({ grant: "candidate", schema: checkAnswerSchema }, (input, user) => checkAnswer(user.id, input));
