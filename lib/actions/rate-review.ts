"use server";

import { revalidatePath } from "next/cache";
import { rateReviewSchema } from "@/lib/schemas/quiz-attempt";
import { ActionError, defineAction } from "@/lib/server/action";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { rateReview } from "@/lib/server/quiz/review";

/** Rates the review card just answered: capped by the committed score, scheduled with ts-fsrs, logged. */
export const rateReviewCard = defineAction({ grant: "candidate", schema: rateReviewSchema }, async (input, user) => {
  try {
    const outcome = await rateReview(user.id, input);
    revalidatePath("/dashboard");
    return outcome;
  } catch (error) {
    if (error instanceof QuizRequestError) throw new ActionError(error.status === 409 ? 409 : 400, error.message);
    throw error;
  }
});
