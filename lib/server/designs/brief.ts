import "server-only";
import type { ProblemBrief } from "@/components/practice/pages/types";
import type { Problem } from "@/lib/schemas/problem";
import { renderMarkdown } from "@/lib/server/quiz/markdown";

/** The part of a problem the browser receives: no reference design. */
export function toProblemBrief(problem: Problem): ProblemBrief {
  return {
    slug: problem.slug,
    title: problem.title,
    difficulty: problem.difficulty,
    functional: problem.functional,
    nonFunctional: problem.nonFunctional,
    scenario: problem.scenario,
    clients: problem.clients,
    hints: problem.hints,
    briefHtml: renderMarkdown(problem.brief),
  };
}
