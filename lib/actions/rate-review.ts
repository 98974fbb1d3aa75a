"use server";

import { revalidatePath } from "next/cache";
import { rateReviewSchema } from "@/lib/schemas/quiz-attempt";
import { defineAction } from "@/lib/server/kernel/action";
import { sectionHref, sectionTitle } from "@/lib/server/quiz/chapter-titles";
import { renderMarkdown } from "@/lib/server/quiz/markdown";
import { getPinnedQuestions, pinnedKey } from "@/lib/server/quiz/questions";
import { rateReview } from "@/lib/server/quiz/review";

/** Answers one due review card: scored on the server, scheduled with ts-fsrs, logged. */
export const rateReviewCard = defineAction({ grant: "candidate", schema: rateReviewSchema }, async (input, user) => {
  const outcome = await rateReview(user.id, input);
  const q = (await getPinnedQuestions([input])).get(pinnedKey(input.questionId, input.version))?.question;
  revalidatePath("/dashboard");
  return {
    ...outcome,
    explanationHtml: q ? renderMarkdown(q.explanation) : "",
    sectionHref: sectionHref(outcome.chapter, outcome.section),
    sectionTitle: sectionTitle(outcome.chapter, outcome.section),
  };
});
