"use server";

import { rateReviewSchema } from "@/lib/schemas/quiz-attempt";
import { defineAction } from "@/lib/server/kernel/action";
import { rateReview } from "@/lib/server/quiz/review";

/** Rates the review card just answered: capped by the committed score, scheduled with ts-fsrs, logged. */
export const rateReviewCard = defineAction(
  { grant: "candidate", schema: rateReviewSchema, revalidate: ["/dashboard"] },
  async (input, user) => rateReview(user.id, input),
);
