import "server-only";
import { scoreResponse, validateResponse } from "@/lib/quiz";
import type { ScoreResult } from "@/lib/schemas/question";
import type { CheckAnswerInput } from "@/lib/schemas/quiz-attempt";
import { sectionHref, sectionTitle } from "@/lib/server/quiz/chapter-titles";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { renderMarkdown } from "@/lib/server/quiz/markdown";
import { getPinnedQuestions, pinnedKey } from "@/lib/server/quiz/questions";

export type CheckedAnswer = ScoreResult & { explanationHtml: string; sectionHref: string; sectionTitle: string };

/** Scores one answer for immediate feedback without storing anything; the attempt is stored on submission. */
export async function checkAnswer(input: CheckAnswerInput): Promise<CheckedAnswer> {
  const pinned = (await getPinnedQuestions([input])).get(pinnedKey(input.questionId, input.version));
  if (!pinned || !pinned.usable) {
    throw new QuizRequestError(400, `questionId: there is no question "${input.questionId}" with version ${input.version}`, "questionId");
  }
  const checked = validateResponse(pinned.question, input.response);
  if (!checked.ok) {
    const field = checked.error.field === "response" ? "response" : `response.${checked.error.field}`;
    throw new QuizRequestError(400, `${field}: ${checked.error.message}`, field);
  }
  const q = pinned.question;
  return {
    ...scoreResponse(q, input.response),
    explanationHtml: renderMarkdown(q.explanation),
    sectionHref: sectionHref(q.chapter, q.section),
    sectionTitle: sectionTitle(q.chapter, q.section),
  };
}
