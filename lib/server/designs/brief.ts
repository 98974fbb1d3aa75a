import "server-only";
import type { ProblemBrief } from "@/lib/schemas/problem";
import type { Problem } from "@/lib/schemas/problem";
import { renderMarkdown } from "@/lib/server/quiz/markdown";

/**
 * The part of a problem the browser receives: no reference design, no interview answers. While the candidate
 * has not answered the requirements stage, the brief's own requirement lists stay on the server too.
 */
export function toProblemBrief(problem: Problem, options: { hideRequirements?: boolean } = {}): ProblemBrief {
  const hide = options.hideRequirements === true;
  return {
    slug: problem.slug,
    title: problem.title,
    difficulty: problem.difficulty,
    functional: hide ? [] : problem.functional,
    nonFunctional: hide ? [] : problem.nonFunctional,
    requirementsHidden: hide,
    scenario: problem.scenario,
    clients: problem.clients,
    hints: problem.hints,
    rubric: problem.rubric,
    briefHtml: renderMarkdown(problem.brief),
  };
}
