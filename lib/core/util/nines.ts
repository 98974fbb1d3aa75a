/**
 * "Nines" of an availability a (a fraction, 0..1): −log10(1 − a), unrounded; 9 when a is 1. The scorer and
 * the result screens compare nines; lib/core/evaluator/availability.ts rounds them for the stored result.
 */
export function ninesOf(a: number): number {
  // "+ 0" turns −0 (a = 0) into 0.
  return a >= 1 ? 9 : -Math.log10(1 - a) + 0;
}
