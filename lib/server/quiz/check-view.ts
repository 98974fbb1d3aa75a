import "server-only";
import type { Question, ScoreResult } from "@/lib/schemas/question";
import { sectionHref, sectionTitle } from "@/lib/server/quiz/chapter-titles";
import { renderMarkdown } from "@/lib/server/quiz/markdown";

/** Feedback on one committed answer, as the quiz and review pages show it. */
export type CheckedAnswer = ScoreResult & { explanationHtml: string; sectionHref: string; sectionTitle: string };

/** The explanation and the section to re-read: shown only once an answer is committed. */
export function feedbackExtras(q: Question): { explanationHtml: string; sectionHref: string; sectionTitle: string } {
  return { explanationHtml: renderMarkdown(q.explanation), sectionHref: sectionHref(q.chapter, q.section), sectionTitle: sectionTitle(q.chapter, q.section) };
}
