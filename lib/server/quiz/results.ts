import "server-only";
import { toPublicQuestion } from "@/lib/core/quiz";
import type { Feedback, PublicQuestion } from "@/lib/schemas/question";
import { chapterTitle, sectionHref, sectionTitle } from "@/lib/server/quiz/chapter-titles";
import { readNextFor, type ReadNext } from "@/lib/server/quiz/read-next";
import { renderMarkdown } from "@/lib/server/quiz/markdown";
import { loadAttempt, type AttemptResult } from "@/lib/server/quiz/submit";

export type ReviewedAnswer = {
  question: PublicQuestion;
  promptHtml: string;
  response: unknown;
  score: number;
  correct: boolean;
  hintCost?: number;
  feedback: Feedback;
  explanationHtml: string;
  sectionHref: string;
  sectionTitle: string;
};

export type AttemptView = {
  attempt: AttemptResult["attempt"];
  chapterTitle: string | null;
  answers: ReviewedAnswer[];
  readNext: ReadNext[];
};

/** The results page model for the owner of the attempt; null for anyone else (the page answers 404). */
export async function attemptView(userId: string, attemptId: string): Promise<AttemptView | null> {
  const loaded = await loadAttempt(userId, attemptId);
  if (!loaded) return null;
  const { body, responses, questions, layouts } = loaded;
  const answers = body.answers.map((a, i) => {
    const q = questions[i];
    if (!q) throw new Error("answer without question");
    const publicQ = toPublicQuestion(q, layouts[i] ?? body.attempt.id);
    return {
      // The attempt is over, so showing the question again is safe, laid out (and with the values) as it was.
      question: publicQ,
      promptHtml: renderMarkdown(publicQ.prompt),
      response: responses[i],
      score: a.score,
      correct: a.correct,
      ...(a.hintCost ? { hintCost: a.hintCost } : {}),
      feedback: a.feedback,
      explanationHtml: renderMarkdown(q.explanation),
      sectionHref: sectionHref(q.chapter, q.section),
      sectionTitle: sectionTitle(q.chapter, q.section),
    };
  });
  return {
    attempt: body.attempt,
    chapterTitle: body.attempt.chapter ? chapterTitle(body.attempt.chapter) : null,
    answers,
    readNext: readNextFor(body.answers),
  };
}
