import { fnv1a, mulberry32 } from "../util/prng";

/**
 * Small deterministic helpers: seeds from numbers or text (FNV-1a, lib/core/util/prng), and a Fisher–Yates
 * shuffle driven by mulberry32. Determinism matters because the same attempt must show the same shuffled
 * question on every reload, and the server must be able to rebuild it.
 */

/** Accept numbers (any, including fractions and negatives) or strings such as an attempt id. */
export function seedToUint32(seed: number | string): number {
  if (typeof seed === "string") return fnv1a(seed);
  if (!Number.isFinite(seed)) return 0;
  // Integers keep their low bits; fractions are hashed via their text so 0.1 and 0.2 differ.
  return Number.isInteger(seed) ? seed >>> 0 : fnv1a(String(seed));
}


/** A shuffled copy (Fisher–Yates); the input is left untouched. */
export function seededShuffle<T>(values: readonly T[], seed: number | string): T[] {
  const out = [...values];
  const next = mulberry32(seedToUint32(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

export { mulberry32 };
