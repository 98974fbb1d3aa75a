import type { EstimateQuestion, Question } from "../../schemas/question";
import { matchingOptions, orderingPublicIds } from "./public-ids";
import { drawValues, valuesFit } from "./estimate";
import { seededShuffle } from "./random";

/**
 * How one question is laid out for one attempt: ids in the order shown. Choice ids are the authored ones,
 * ordering items and matching options use their opaque public ids, `left` lists matching pair ids. A layout is
 * drawn once per attempt and stored with it (attempt_plans.items), so a reload shows exactly the same page.
 */
export type QuestionLayout = {
  choices?: string[];
  items?: string[];
  left?: string[];
  options?: string[];
  /** An estimate question's drawn values (variable name → value). */
  values?: Record<string, number>;
};

const sameOrder = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A uniform Fisher–Yates shuffle (mulberry32, see random.ts) that re-draws while `refuse` holds: rejection keeps
 * the draw uniform over the allowed orders. Each re-draw takes a new seed, so it stays deterministic.
 */
function shuffleRefusing(ids: readonly string[], seed: string, refuse: (order: string[]) => boolean): string[] {
  for (let k = 0; k < 64; k++) {
    const order = seededShuffle(ids, `${seed}|${k}`);
    if (!refuse(order)) return order;
  }
  // Only reachable for lists with no allowed order (fewer than two items); the schema forbids those.
  return [...ids];
}

/**
 * Draws the layout of `q` for an attempt. Choices may land anywhere, including where the author put them.
 * Ordering items never start in the right order (that order *is* the answer). Matching options are never in
 * the authored order and never all lined up with their left items.
 */
export function dealLayout(q: Question, seed: string | number): QuestionLayout {
  const base = `${seed}|${q.id}`;
  switch (q.type) {
    case "single":
    case "multiple":
      return { choices: seededShuffle(q.choices.map((c) => c.id), `${base}|choices`) };
    case "true_false":
    case "numeric":
    case "short_answer":
      return {};
    case "estimate":
      return { values: drawValues(q.variables, `${base}|values`) };
    case "ordering": {
      const right = orderingPublicIds(q);
      return { items: shuffleRefusing(right, `${base}|items`, (order) => sameOrder(order, right)) };
    }
    case "matching": {
      const options = matchingOptions(q);
      const authored = options.map((o) => o.id);
      const pairOf = new Map(options.map((o) => [o.id, o.pairId]));
      const left = seededShuffle(q.pairs.map((p) => p.id), `${base}|left`);
      const lined = (order: string[]) => left.every((pairId, i) => pairOf.get(order[i] as string) === pairId);
      return { left, options: shuffleRefusing(authored, `${base}|options`, (o) => sameOrder(o, authored) || lined(o)) };
    }
  }
}

/** `values` in the order `ids` names them; a stale or foreign layout falls back to the authored order. */
export function arrange<T>(values: readonly T[], idOf: (v: T) => string, ids: readonly string[] | undefined): T[] {
  if (!ids || ids.length !== values.length) return [...values];
  const byId = new Map(values.map((v) => [idOf(v), v]));
  const out = ids.map((id) => byId.get(id));
  return out.every((v) => v !== undefined) && new Set(ids).size === ids.length ? (out as T[]) : [...values];
}

/**
 * The values an estimate question is shown and scored with: the layout's when they fit the question, else a
 * draw from the seed. A layout object without fitting values is a bug (layouts are dealt with their values), so
 * it throws rather than quietly scoring against numbers the candidate never saw.
 */
export function estimateValues(q: EstimateQuestion, layoutOrSeed: QuestionLayout | number | string): Record<string, number> {
  if (typeof layoutOrSeed !== "object") return dealLayout(q, layoutOrSeed).values ?? {};
  if (!valuesFit(q.variables, layoutOrSeed.values)) throw new Error(`the layout of ${q.id} has no drawn values for its variables`);
  return layoutOrSeed.values;
}
