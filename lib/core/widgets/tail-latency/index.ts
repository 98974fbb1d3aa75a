import { fanOutSlowProbability } from "@/lib/core/evaluator/queueing";

// W21: how a small per-call tail becomes a common page-level experience. The fan-out formula is the
// evaluator's, so the widget and the design score use the same rule: P(slow page) = 1 − p^N.

export const PERCENTILES = [
  { id: "p90", label: "p90", fastShare: 0.9 },
  { id: "p95", label: "p95", fastShare: 0.95 },
  { id: "p99", label: "p99", fastShare: 0.99 },
  { id: "p99.9", label: "p99.9", fastShare: 0.999 },
] as const;

export type PercentileId = (typeof PERCENTILES)[number]["id"];

export const MIN_CALLS = 1;
export const MAX_CALLS = 200;

export type TailOdds = {
  calls: number;
  percentile: PercentileId;
  /** Probability that one call is fast (at or under the percentile). */
  fastShare: number;
  /** Probability that at least one of the calls lands beyond the percentile. */
  slowPageProbability: number;
  /** The same as "about k in 10 page loads", rounded. */
  perTen: number;
  /** Smallest number of calls for which a slow page is more likely than not. */
  callsForCoinFlip: number;
};

export function fastShareOf(percentile: PercentileId): number {
  return (PERCENTILES.find((p) => p.id === percentile) ?? PERCENTILES[2]).fastShare;
}

export function clampCalls(n: number): number {
  if (!Number.isFinite(n)) return MIN_CALLS;
  return Math.min(MAX_CALLS, Math.max(MIN_CALLS, Math.round(n)));
}

export function tailOdds(calls: number, percentile: PercentileId): TailOdds {
  const n = clampCalls(calls);
  const fastShare = fastShareOf(percentile);
  const slowPageProbability = fanOutSlowProbability(1 - fastShare, n);
  // 1 − p^N ≥ 0.5 ⇔ N ≥ ln 0.5 / ln p.
  const callsForCoinFlip = Math.ceil(Math.log(0.5) / Math.log(fastShare) - 1e-9);
  return { calls: n, percentile, fastShare, slowPageProbability, perTen: Math.round(slowPageProbability * 10), callsForCoinFlip };
}

export function formatPercent(p: number): string {
  const pct = p * 100;
  if (pct >= 99.95 && pct < 100) return "more than 99.9 %";
  return `${pct < 1 ? pct.toFixed(2) : pct.toFixed(1)} %`;
}

/** Causes of a tail and their usual fixes (Chapter 13), shown as hints. */
export const TAIL_CAUSES = [
  { cause: "Garbage-collection pauses", looksLike: "spikes at random moments", fix: "tune the collector, allocate less" },
  { cause: "Cold caches", looksLike: "spikes right after each deploy", fix: "warm caches before taking traffic" },
  { cause: "Contention for CPU, disk or locks", looksLike: "spikes that follow load", fix: "isolate noisy neighbours" },
  { cause: "One slow dependency", looksLike: "a steady, permanent tail", fix: "timeouts and circuit breakers" },
  { cause: "Database locks", looksLike: "spikes during heavy transactions", fix: "shorter transactions, better queries" },
] as const;
