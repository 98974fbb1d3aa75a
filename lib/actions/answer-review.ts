"use server";

import { answerReviewSchema } from "@/lib/schemas/quiz-attempt";
import { defineAction } from "@/lib/server/kernel/action";
import { answerReview } from "@/lib/server/quiz/review";

/** Commits the answer to a due review card, then returns its feedback (a repeat returns the first answer's). */
export const answerReviewCard = defineAction({ grant: "candidate", schema: answerReviewSchema }, (input, user) => answerReview(user.id, input));
