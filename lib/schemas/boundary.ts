import { z } from "zod";

// Checks every input gets before its own schema, applied once by the server kernel's wrappers
// (lib/server/kernel/action.ts and route.ts) so no entry point can forget them.

/** Deeper JSON than this is refused: no legitimate design, question or attempt comes near it, and deep
 * nesting is what makes recursive parsers, serialisers and Postgres' jsonb overflow their stacks. */
export const MAX_INPUT_DEPTH = 64;

/** Postgres `integer` columns (versions, positions, counts) hold at most 2^31 − 1. */
export const MAX_DB_INT = 2 ** 31 - 1;

/** A positive whole number that fits an `integer` column, such as a question version. */
export const dbPositiveInt = z.number().int().min(1).max(MAX_DB_INT, { message: `must be at most ${MAX_DB_INT}` });

export type HostileFinding = { path: string; message: string };

const pathOf = (parts: (string | number)[]) =>
  parts.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

/** Where a value sits: its key or index, under its parent's place (built only when a finding needs it). */
type Place = { key: string | number; depth: number; parent: Place | null };

const partsOf = (place: Place | null): (string | number)[] => {
  const parts: (string | number)[] = [];
  for (let p = place; p; p = p.parent) parts.push(p.key);
  return parts.reverse();
};

/**
 * The first thing in a parsed body that no column can store or no parser should meet: a NUL character in any
 * string or key (Postgres text and jsonb reject U+0000), or nesting past MAX_INPUT_DEPTH. Iterative, so a
 * hostile depth cannot overflow this check's own stack.
 */
export function findHostile(value: unknown, maxDepth = MAX_INPUT_DEPTH): HostileFinding | null {
  // Each entry's place is a link to its parent's, not a copied path: this runs on every request body, and the
  // copies were most of its cost; the path is spelled out only for the one finding it returns.
  const stack: { value: unknown; place: Place | null }[] = [{ value, place: null }];
  // JSON never shares an object between two places; a decoded server-action reply can (React references), and
  // sharing is how a small body becomes a cycle or an exponentially large tree for the parsers after us.
  const seen = new Set<object>();
  const at = (place: Place | null) => pathOf(partsOf(place)) || "body";
  while (stack.length > 0) {
    const { value: v, place } = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) return { path: at(place), message: "must not contain NUL (U+0000) characters" };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (seen.has(v)) return { path: at(place), message: "repeats an object that appears elsewhere in the input" };
    seen.add(v);
    const depth = place?.depth ?? 0;
    if (depth >= maxDepth) return { path: at(place), message: `is nested more than ${maxDepth} levels deep` };
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, place: { key: i, depth: depth + 1, parent: place } }));
      continue;
    }
    for (const [key, item] of Object.entries(v)) {
      if (key.includes("\u0000")) return { path: pathOf([...partsOf(place), key.replaceAll("\u0000", "\\u0000")]), message: "key must not contain NUL (U+0000) characters" };
      stack.push({ value: item, place: { key, depth: depth + 1, parent: place } });
    }
  }
  return null;
}
