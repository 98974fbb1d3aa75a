// A confidence interval for the median of a few paired measurements, and a verdict against a target from it.
//
// Why not a bootstrap (scripts/calibrate/report.ts has one): with the 7-15 rounds a benchmark can afford, the
// percentile bootstrap of a median can only land on the sample's own order statistics and is known to cover less
// than it claims at such sizes. The distribution-free interval below needs no assumption beyond independent rounds
// with a continuous distribution: the median lies between the k-th smallest and the k-th largest of n values with
// probability 1 − 2·P(Binomial(n, ½) < k) (the sign test's interval; Hollander, Wolfe and Chicken, "Nonparametric
// Statistical Methods", 3rd ed., 2014, section 3.6), exactly, whatever the rounds' distribution.

export type MedianInterval = {
  median: number;
  low: number;
  high: number;
  /** The interval's exact coverage (≥ the level asked for, or the most n values allow: see `medianInterval`). */
  coverage: number;
};

export type Verdict = "OK" | "MISSED" | "INCONCLUSIVE";

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** P(Binomial(n, ½) ≤ j). */
function binomialHalfCdf(n: number, j: number): number {
  let term = 0.5 ** n; // C(n, 0) / 2^n
  let sum = 0;
  for (let i = 0; i <= j; i++) {
    sum += term;
    term *= (n - i) / (i + 1);
  }
  return sum;
}

/**
 * The median of `xs` with the narrowest order-statistic interval [x₍ₖ₎, x₍ₙ₋ₖ₊₁₎] whose coverage is at least
 * `level`. Fewer than 6 values cannot reach 95 %: the interval is then their whole range, with its (lower) coverage.
 */
export function medianInterval(xs: readonly number[], level = 0.95): MedianInterval {
  if (xs.length === 0) throw new Error("medianInterval needs at least one value");
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;
  let k = 1;
  while (k + 1 <= Math.floor((n + 1) / 2) && 1 - 2 * binomialHalfCdf(n, k) >= level) k++;
  return {
    median: median(sorted),
    low: sorted[k - 1] as number,
    high: sorted[n - k] as number,
    coverage: 1 - 2 * binomialHalfCdf(n, k - 1),
  };
}

/**
 * Against a floor target (the figure must be ≥ target): OK when the whole interval clears it, MISSED when the whole
 * interval falls short, INCONCLUSIVE when the noise between rounds cannot tell (run more or quieter rounds).
 */
export function verdictAtLeast(interval: MedianInterval, target: number): Verdict {
  if (interval.low >= target) return "OK";
  if (interval.high < target) return "MISSED";
  return "INCONCLUSIVE";
}
