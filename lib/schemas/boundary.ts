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

/**
 * The first thing in a parsed body that no column can store or no parser should meet: a NUL character in any
 * string or key (Postgres text and jsonb reject U+0000), or nesting past MAX_INPUT_DEPTH. Iterative, so a
 * hostile depth cannot overflow this check's own stack.
 */
export function findHostile(value: unknown, maxDepth = MAX_INPUT_DEPTH): HostileFinding | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  // JSON never shares an object between two places; a decoded server-action reply can (React references), and
  // sharing is how a small body becomes a cycle or an exponentially large tree for the parsers after us.
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) return { path: pathOf(path) || "body", message: "must not contain NUL (U+0000) characters" };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (seen.has(v)) return { path: pathOf(path) || "body", message: "repeats an object that appears elsewhere in the input" };
    seen.add(v);
    if (path.length >= maxDepth) return { path: pathOf(path) || "body", message: `is nested more than ${maxDepth} levels deep` };
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
      continue;
    }
    for (const [key, item] of Object.entries(v)) {
      if (key.includes("\u0000")) return { path: pathOf([...path, key.replaceAll("\u0000", "\\u0000")]), message: "key must not contain NUL (U+0000) characters" };
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}
