import { matchingOptions, orderingPublicIds } from "./public-ids";
import type { Question } from "../schemas/question";

/** The fully right response to a question, in the shape a browser sends (public ids): for tests, benchmarks and previews. */
export function correctResponse(q: Question): unknown {
  switch (q.type) {
    case "single":
      return { choiceId: q.choices.find((c) => c.correct)?.id };
    case "multiple":
      return { choiceIds: q.choices.filter((c) => c.correct).map((c) => c.id) };
    case "true_false":
      return { value: q.answer };
    case "numeric":
      return { value: q.answer };
    case "ordering":
      return { order: orderingPublicIds(q) };
    case "matching": {
      const options = matchingOptions(q);
      return {
        matches: Object.fromEntries(q.pairs.map((p) => [p.id, options.find((o) => o.pairId === p.id)?.id])),
      };
    }
    case "short_answer":
      return { text: q.answers.find((a) => a.weight === 1 && a.match === "text")?.value };
  }
}
