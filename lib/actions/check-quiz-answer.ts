"use server";

import { checkAnswerSchema } from "@/lib/schemas/quiz-attempt";
import { defineAction } from "@/lib/server/kernel/action";
import { checkAnswer } from "@/lib/server/quiz/check";

/** Immediate feedback for one answer in one-question-at-a-time mode; nothing is stored until the quiz is submitted. */
export const checkQuizAnswer = defineAction({ grant: "candidate", schema: checkAnswerSchema }, (input) => checkAnswer(input));
