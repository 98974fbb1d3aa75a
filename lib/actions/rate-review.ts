"use server";

import { revalidatePath } from "next/cache";
import { rateReviewSchema } from "@/lib/schemas/quiz-attempt";
import { defineAction } from "@/lib/server/kernel/action";
import { rateReview } from "@/lib/server/quiz/review";

/** Rates the review card just answered: capped by the committed score, scheduled with ts-fsrs, logged. */
export const rateReviewCard = defineAction({ grant: "candidate", schema: rateReviewSchema }, async (input, user) => {
  const outcome = await rateReview(user.id, input);
  revalidatePath("/dashboard");
  return outcome;
});
