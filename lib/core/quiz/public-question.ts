import type { PublicQuestion, Question } from "../../schemas/question";
import { renderPrompt } from "./estimate";
import { arrange, dealLayout, estimateValues, type QuestionLayout } from "./layout";
import { matchingOptions, orderingPublicIds } from "./public-ids";

/**
 * The answerless view of a question for the browser. Only whitelisted fields are copied (never spread), so
 * a field added to the full schema later cannot leak by accident. The layout (stored with the attempt) fixes
 * the order of choices, ordering items and matching sides; a seed draws a fresh one. Scoring needs neither.
 */
export function toPublicQuestion(q: Question, layoutOrSeed: QuestionLayout | number | string): PublicQuestion {
  const layout = typeof layoutOrSeed === "object" ? layoutOrSeed : dealLayout(q, layoutOrSeed);
  const base = {
    id: q.id,
    chapter: q.chapter,
    section: q.section,
    difficulty: q.difficulty,
    tags: [...q.tags],
    prompt: q.prompt,
    // Costs only: hint texts leave the server one at a time, when a candidate asks inside an open attempt.
    ...(q.hints === undefined ? {} : { hintCosts: q.hints.map((h) => h.cost) }),
  };
  switch (q.type) {
    case "single":
    case "multiple":
      return {
        ...base,
        type: q.type,
        choices: arrange(q.choices, (c) => c.id, layout.choices).map((c) => ({ id: c.id, text: c.text })),
      };
    case "true_false":
      return { ...base, type: "true_false" };
    case "numeric":
      return { ...base, type: "numeric", unit: q.unit, tolerance: { ...q.tolerance } };
    case "ordering": {
      const ids = orderingPublicIds(q);
      const items = q.items.map((item, i) => ({ id: ids[i] as string, text: item.text }));
      return { ...base, type: "ordering", items: arrange(items, (i) => i.id, layout.items) };
    }
    case "estimate":
      // Only the prompt with this attempt's values: the formula would give the answer away.
      return { ...base, prompt: renderPrompt(q, estimateValues(q, layoutOrSeed)), type: "estimate", unit: q.unit, tolerance: { ...q.tolerance } };
    case "matching": {
      const options = matchingOptions(q).map(({ id, text }) => ({ id, text }));
      return {
        ...base,
        type: "matching",
        left: arrange(q.pairs, (p) => p.id, layout.left).map((p) => ({ id: p.id, text: p.left })),
        options: arrange(options, (o) => o.id, layout.options),
      };
    }
    case "short_answer":
      return { ...base, type: "short_answer", caseSensitive: q.caseSensitive ?? false };
  }
}
