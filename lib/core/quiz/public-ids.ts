import type { MatchingQuestion, OrderingQuestion } from "../../schemas/question";
import { fnv1a } from "../util/prng";

/**
 * Opaque public ids for ordering items and matching options.
 *
 * Authors write ordering items in the right order with ids a, b, c… and matching pairs share one id between
 * their left and right side. Sending those ids would give the answer away, so the browser sees ids derived
 * from a hash of the question id and the text instead. They depend on the question only (not on the shuffle
 * seed), so the server can score a response without knowing which seed the page was rendered with.
 */
function opaqueIds(prefix: string, questionId: string, texts: readonly string[]): string[] {
  const used = new Set<string>();
  return texts.map((text) => {
    // Collisions are astronomically unlikely for ≤ 10 texts, but a salt loop keeps ids unique regardless,
    // and it stays deterministic because texts are processed in authored order.
    for (let salt = 0; ; salt++) {
      const id = `${prefix}${fnv1a(`${questionId}\u0000${salt}\u0000${text}`).toString(36)}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  });
}

// The ids by question object: a question is validated, scored and shown many times (the server caches each
// immutable question version as one object), and hashing its texts again each time showed in bench:quiz's profile.
// A question is never mutated once parsed, so the ids made for an object stay its ids.
const orderingIds = new WeakMap<OrderingQuestion, readonly string[]>();
const matchingIds = new WeakMap<MatchingQuestion, readonly MatchingOption[]>();

/** Public ids of the ordering items, index-aligned with `q.items` (the correct order). */
export function orderingPublicIds(q: OrderingQuestion): string[] {
  let ids = orderingIds.get(q);
  if (!ids) {
    ids = opaqueIds(
      "i",
      q.id,
      q.items.map((i) => i.text),
    );
    orderingIds.set(q, ids);
  }
  // A copy: callers may sort or shuffle what they get.
  return [...ids];
}

export type MatchingOption = {
  id: string;
  text: string;
  /** the pair id it belongs to, null for a distractor */ pairId: string | null;
};

/** All right-hand options (pairs' rights first, then distractors) in authored order, with their public ids. */
export function matchingOptions(q: MatchingQuestion): MatchingOption[] {
  let options = matchingIds.get(q);
  if (!options) {
    options = makeMatchingOptions(q);
    matchingIds.set(q, options);
  }
  return options.map((o) => ({ ...o }));
}

function makeMatchingOptions(q: MatchingQuestion): MatchingOption[] {
  const entries = [
    ...q.pairs.map((p) => ({ text: p.right, pairId: p.id as string | null })),
    ...(q.distractors ?? []).map((text) => ({ text, pairId: null })),
  ];
  const ids = opaqueIds(
    "m",
    q.id,
    entries.map((e) => e.text),
  );
  return entries.map((e, i) => ({ id: ids[i] as string, text: e.text, pairId: e.pairId }));
}
