import "server-only";
import type { Question } from "@/lib/schemas/question";
import type { CheckedAnswer } from "@/lib/schemas/quiz-attempt";
import { sectionHref, sectionTitle } from "@/lib/server/quiz/chapter-titles";
import { renderMarkdown } from "@/lib/server/quiz/markdown";

/** Feedback on one committed answer, as the quiz and review pages show it. */
export type { CheckedAnswer };

/** The explanation and the section to re-read: shown only once an answer is committed. */
export function feedbackExtras(q: Question): { explanationHtml: string; sectionHref: string; sectionTitle: string } {
  return { explanationHtml: renderMarkdown(q.explanation), sectionHref: sectionHref(q.chapter, q.section), sectionTitle: sectionTitle(q.chapter, q.section) };
}
