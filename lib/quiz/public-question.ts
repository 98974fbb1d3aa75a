import type { PublicQuestion, Question } from "../schemas/question";
import { matchingOptions, orderingPublicIds } from "./public-ids";
import { seededShuffle } from "./random";

/**
 * Shuffle, but never hand back the authored order: for ordering that order *is* the answer, and for
 * matching it would line every option up with its left item. Rotating by one keeps it deterministic.
 */
function shuffleAwayFromIdentity<T>(values: readonly T[], seed: number | string): T[] {
  const out = seededShuffle(values, seed);
  if (values.length > 1 && out.every((v, i) => v === values[i])) out.push(out.shift() as T);
  return out;
}

/**
 * The answerless view of a question for the browser. Only whitelisted fields are copied (never spread), so
 * a field added to the full schema later cannot leak by accident. `seed` (a number or e.g. an attempt id)
 * fixes the shuffle of ordering items and matching options; scoring does not need it.
 */
export function toPublicQuestion(q: Question, seed: number | string): PublicQuestion {
  const base = {
    id: q.id,
    chapter: q.chapter,
    section: q.section,
    difficulty: q.difficulty,
    tags: [...q.tags],
    prompt: q.prompt,
  };
  switch (q.type) {
    case "single":
    case "multiple":
      return { ...base, type: q.type, choices: q.choices.map((c) => ({ id: c.id, text: c.text })) };
    case "true_false":
      return { ...base, type: "true_false" };
    case "numeric":
      return { ...base, type: "numeric", unit: q.unit, tolerance: { ...q.tolerance } };
    case "ordering": {
      const ids = orderingPublicIds(q);
      const items = q.items.map((item, i) => ({ id: ids[i] as string, text: item.text }));
      return { ...base, type: "ordering", items: shuffleAwayFromIdentity(items, `${seed}|${q.id}|items`) };
    }
    case "matching": {
      const options = matchingOptions(q).map(({ id, text }) => ({ id, text }));
      return {
        ...base,
        type: "matching",
        left: q.pairs.map((p) => ({ id: p.id, text: p.left })),
        options: shuffleAwayFromIdentity(options, `${seed}|${q.id}|options`),
      };
    }
  }
}
