// M/M/c queueing (Erlang C) and the small random-number toolkit the simulation uses.

/** Standard normal quantile at 0.99 (z ≈ 2.3263), used to fit a lognormal from median and p99. */
export const Z99 = 2.3263478740408408;

/**
 * Lognormal fitted from its median and p99 (ms): μ = ln(median), σ = ln(p99 / median) / z₀.₉₉ (p99/median
 * capped at 1,000).
 * Service times are right-skewed and multiplicative, which a lognormal captures with two numbers.
 */
export function lognormalFromMedianP99(medianMs: number, p99Ms: number): { mu: number; sigma: number } {
  if (!(medianMs > 0)) return { mu: -Infinity, sigma: 0 };
  // p99/median is capped at 1,000 (σ ≈ 3): beyond that the fit stops describing a service and only
  // overflows floating point.
  const ratio = Math.min(1000, Math.max(1, p99Ms / medianMs));
  return { mu: Math.log(medianMs), sigma: Math.log(ratio) / Z99 };
}

/**
 * Erlang C: probability that an arriving request has to wait in an M/M/c queue with c servers and offered
 * load a = λ/μ (Erlangs). Computed through the Erlang B recurrence, which stays stable for large c.
 * Returns 1 when a ≥ c (the queue grows without bound). Source: A. K. Erlang (1917); Kleinrock, Queueing
 * Systems vol. 1.
 */
export function erlangC(servers: number, offeredLoad: number): number {
  const c = Math.max(1, Math.floor(servers));
  const a = Math.max(0, offeredLoad);
  if (a === 0) return 0;
  if (a >= c) return 1;
  if (c > ERLANG_EXACT_MAX_SERVERS) return halfinWhitt(c, a);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

// Above this many servers the O(c) recurrence gets costly; the Halfin–Whitt approximation is accurate there.
const ERLANG_EXACT_MAX_SERVERS = 5000;

/**
 * Halfin–Whitt (1981) large-c approximation of Erlang C: with β = (1 − ρ)·√c,
 * C ≈ 1 / (1 + β·Φ(β) / φ(β)). Used only beyond 5,000 servers.
 */
export function halfinWhitt(servers: number, offeredLoad: number): number {
  const beta = (1 - offeredLoad / servers) * Math.sqrt(servers);
  if (beta > 8) return 0;
  const phi = Math.exp((-beta * beta) / 2) / Math.sqrt(2 * Math.PI);
  const Phi = 0.5 * (1 + erf(beta / Math.SQRT2));
  return 1 / (1 + (beta * Phi) / phi);
}

/** Error function (Abramowitz & Stegun 7.1.26, absolute error < 1.5e-7). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return sign * y;
}

export type QueueModel = {
  /** Probability of waiting (Erlang C). */
  pWait: number;
  /** Rate (1/ms) of the exponential wait given that a request waits: cμ − λ. */
  drainPerMs: number;
  /** Expected wait (ms). */
  meanWaitMs: number;
  /** True when utilisation ≥ 1. */
  overloaded: boolean;
};

/**
 * M/M/c waiting time (ms) for arrival rate λ (rps), c servers each serving at 1000 / serviceMs rps.
 * W_q = C(c, a) / (cμ − λ); given that it waits, the wait is exponential with rate cμ − λ.
 * At utilisation ≥ 1 the model has no steady state; the caller charges a fixed overload delay instead.
 */
export function mmcQueue(arrivalRps: number, servers: number, serviceMs: number, overloadMs: number): QueueModel {
  if (!(arrivalRps > 0) || !(serviceMs > 0) || !(servers > 0)) {
    return { pWait: 0, drainPerMs: Infinity, meanWaitMs: 0, overloaded: false };
  }
  const muPerMs = 1 / serviceMs;
  const lambdaPerMs = arrivalRps / 1000;
  const a = lambdaPerMs / muPerMs;
  if (a >= servers) return { pWait: 1, drainPerMs: Infinity, meanWaitMs: overloadMs, overloaded: true };
  const pWait = erlangC(servers, a);
  const drainPerMs = servers * muPerMs - lambdaPerMs;
  return { pWait, drainPerMs, meanWaitMs: pWait / drainPerMs, overloaded: false };
}

/**
 * Probability that a request fanning out to n independent calls hits at least one slow call, when each call
 * is slow with probability p: 1 − (1 − p)^n. Source: Dean & Barroso, "The Tail at Scale" (CACM 2013).
 * Example: p = 0.01, n = 50 → 0.395.
 */
export function fanOutSlowProbability(pSlowPerCall: number, calls: number): number {
  const p = Math.min(1, Math.max(0, pSlowPerCall));
  return 1 - Math.pow(1 - p, Math.max(0, calls));
}

/** The q-quantile (0–1) of sorted samples, nearest-rank method (ms in, ms out). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(q * sorted.length);
  const i = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[i] as number;
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/**
 * P(X > t) for a positive time X with the given mean and variance (ms, ms²), taking X lognormal with those
 * two moments (σ² = ln(1 + v/m²), μ = ln m − σ²/2). A time that does not vary is a step at its mean.
 * Used to estimate how often a timeout cuts an attempt.
 */
export function lognormalTail(meanMs: number, varianceMs2: number, tMs: number): number {
  if (!(meanMs > 0)) return 0;
  if (!(tMs > 0)) return 1;
  if (!(varianceMs2 > 0)) return meanMs > tMs ? 1 : 0;
  const s2 = Math.log(1 + varianceMs2 / (meanMs * meanMs));
  const sigma = Math.sqrt(s2);
  const mu = Math.log(meanMs) - s2 / 2;
  return 1 - normalCdf((Math.log(tMs) - mu) / sigma);
}
