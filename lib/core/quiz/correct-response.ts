import { matchingOptions, orderingPublicIds } from "./public-ids";
import type { Question } from "../../schemas/question";
import { evaluateFormula } from "./estimate";
import { estimateValues, type QuestionLayout } from "./layout";

/**
 * The fully right response to a question, in the shape a browser sends (public ids): for tests, benchmarks and
 * previews. An estimate's answer depends on the attempt's drawn values: pass the attempt's layout (or seed).
 */
export function correctResponse(q: Question, layoutOrSeed: QuestionLayout | number | string = "preview"): unknown {
  switch (q.type) {
    case "single":
      return { choiceId: q.choices.find((c) => c.correct)?.id };
    case "multiple":
      return { choiceIds: q.choices.filter((c) => c.correct).map((c) => c.id) };
    case "true_false":
      return { value: q.answer };
    case "numeric":
      return { value: q.answer };
    case "estimate":
      return { value: evaluateFormula(q.formula, estimateValues(q, layoutOrSeed)) };
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
