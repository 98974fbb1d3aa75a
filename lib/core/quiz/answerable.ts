import type { Question } from "../../schemas/question";
import { correctResponse } from "./correct-response";
import { estimateIssues } from "./estimate";
import { toPublicQuestion } from "./public-question";
import { scoreResponse } from "./score";
import { validateResponse } from "./validate";

/**
 * Why a candidate taking this question (as the preview shows it) could not earn full marks, or null when the
 * right answer can be given and scores 1. Checked before publishing: the schema catches most mistakes, this
 * catches the rest (a right choice the public view lacks, a number that does not survive being typed).
 */
export function unanswerableReason(q: Question): string | null {
  if (q.type === "estimate") {
    // Over the ranges, not one preview draw: the same checks the schema runs, named for the editor.
    const issue = estimateIssues(q)[0];
    if (issue) return issue.message;
    const response = correctResponse(q, "preview");
    return scoreResponse(q, response, "preview").score === 1 ? null : "even the computed answer does not score 1";
  }
  const pub = toPublicQuestion(q, "preview");
  const response = correctResponse(q);
  if (q.type === "single" || q.type === "multiple") {
    const shown = new Set(pub.type === q.type ? pub.choices.map((c) => c.id) : []);
    if (q.choices.some((c) => c.correct && !shown.has(c.id))) return "a right choice is not shown in the preview";
  }
  const typed = q.type === "numeric" ? { value: Number(String(q.answer)) } : response;
  const valid = validateResponse(q, typed);
  if (!valid.ok) return `the right answer cannot be entered (${valid.error.field}: ${valid.error.message})`;
  const { score } = scoreResponse(q, typed);
  return score === 1 ? null : `even the right answer scores ${score} of 1`;
}
