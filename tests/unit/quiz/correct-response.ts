import { matchingOptions, orderingPublicIds } from "@/lib/quiz";
import type { Question } from "@/lib/schemas/question";

/** The fully right response for any question, built the way a perfect candidate's browser would send it. */
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
  }
}
