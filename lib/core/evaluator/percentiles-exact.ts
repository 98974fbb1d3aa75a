// Exact percentiles of the request-time model, where the model allows it (issue #12 item 13).
//
// The simulation in percentiles.ts draws requests; this file computes the same distribution in closed form.
// A request's time is a mixture over a finite set of outcomes (read/write, warm/cold, DNS hit/miss, one member
// of each routing group, each call's coin flip, which attempt of a retried call succeeds, which queue
// component serves it). Within one outcome every time is a constant except a node's own time, which is
// lognormal when it states a p99. The distribution is therefore a finite sum of weighted pieces: point masses
// and shifted, truncated lognormals. Every operation of the model keeps that form as long as no outcome adds
// or compares two lognormals (a sum of lognormals has no closed form):
//   sum with a constant → shift; timeout → truncation (the cut mass re-enters shifted by the timeout and the
//   backoff); parallel calls → max with a constant splits a piece at that constant; routing groups, coin flips
//   and request classes → mixture.
// Percentiles are then read off the mixture's CDF (Φ of the log-time) by bisection: exact to floating point.
//
// A queue's M/M/c wait is an exponential that happens with the Erlang C probability. Where that probability
// is negligible (the union bound over every queue a request can meet stays ≤ 1e-9), the wait is taken as zero:
// the CDF then differs from the model's by at most 1e-9 everywhere. Otherwise, or when an outcome holds two
// lognormals, `exactPercentiles` returns undefined and the caller samples (≥ 100,000 requests).

/** Largest total probability of the queue waits that are neglected (a CDF error bound, not a rounding). */
export const NEGLECTED_MASS = 1e-9;
/** More pieces than this in one distribution and the closed form is abandoned for sampling (cost bound). */
const MAX_PIECES = 4096;

export class NotClosedForm extends Error {}

/** A point mass `m` at `v` (ms). */
type Atom = { v: number; m: number };
/**
 * Mass `m` spread as s + Y with Y ~ lognormal(mu, sigma) conditioned on lo < Y ≤ hi (ms). `mass` is the
 * lognormal's probability of (lo, hi], kept to renormalise.
 */
type Piece = { m: number; s: number; mu: number; sigma: number; lo: number; hi: number; mass: number };
export type Dist = { atoms: Atom[]; pieces: Piece[] };

/**
 * Complementary error function, Chebyshev fit with fractional error < 1.2e-7 everywhere (Press et al.,
 * Numerical Recipes, "erfcc"): relative precision in both tails, which a p99 needs.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
const Phi = (z: number) => 0.5 * erfc(-z / Math.SQRT2);
const zOf = (y: number, mu: number, sigma: number) => (y <= 0 ? -Infinity : (Math.log(y) - mu) / sigma);

/** Lognormal probability of (lo, hi], from whichever tail keeps precision. */
function lnMass(lo: number, hi: number, mu: number, sigma: number): number {
  if (!(hi > lo)) return 0;
  const a = zOf(lo, mu, sigma);
  const b = hi === Infinity ? Infinity : zOf(hi, mu, sigma);
  if (a > 0) return Phi(-a) - (b === Infinity ? 0 : Phi(-b));
  return (b === Infinity ? 1 : Phi(b)) - (a === -Infinity ? 0 : Phi(a));
}

export const atom = (v: number): Dist => ({ atoms: [{ v, m: 1 }], pieces: [] });
export function lognormal(medianMs: number, sigma: number): Dist {
  return { atoms: [], pieces: [{ m: 1, s: 0, mu: Math.log(medianMs), sigma, lo: 0, hi: Infinity, mass: 1 }] };
}

/** Merges point masses at the same time (to 1 ns) and identical pieces, so repeated outcomes stay one entry. */
function normalise(atoms: Atom[], pieces: Piece[]): Dist {
  const byV = new Map<number, number>();
  for (const a of atoms) {
    if (!(a.m > 0)) continue;
    const v = Math.round(a.v * 1e6) / 1e6;
    byV.set(v, (byV.get(v) ?? 0) + a.m);
  }
  const merged: Atom[] = [...byV].map(([v, m]) => ({ v, m }));
  const byP = new Map<string, Piece>();
  for (const p of pieces) {
    if (!(p.m > 0)) continue;
    const s = Math.round(p.s * 1e6) / 1e6;
    const key = `${s}|${p.mu}|${p.sigma}|${p.lo}|${p.hi}`;
    const q = byP.get(key);
    if (q) q.m += p.m;
    else byP.set(key, { ...p, s });
  }
  if (merged.length + byP.size > MAX_PIECES) throw new NotClosedForm("too many outcomes");
  return { atoms: merged, pieces: [...byP.values()] };
}

/** Mixture Σ wᵢ·Dᵢ. */
export function mix(parts: readonly (readonly [Dist, number])[]): Dist {
  const atoms: Atom[] = [];
  const pieces: Piece[] = [];
  for (const [d, w] of parts) {
    if (!(w > 0)) continue;
    for (const a of d.atoms) atoms.push({ v: a.v, m: a.m * w });
    for (const p of d.pieces) pieces.push({ ...p, m: p.m * w });
  }
  return normalise(atoms, pieces);
}

const shift = (d: Dist, c: number): Dist =>
  c === 0
    ? d
    : { atoms: d.atoms.map((a) => ({ v: a.v + c, m: a.m })), pieces: d.pieces.map((p) => ({ ...p, s: p.s + c })) };

/** Distribution of X + Y for independent X, Y. */
export function add(x: Dist, y: Dist): Dist {
  if (x.pieces.length > 0 && y.pieces.length > 0) throw new NotClosedForm("sum of two lognormals");
  if (x.atoms.length === 1 && x.pieces.length === 0) return shift(y, (x.atoms[0] as Atom).v);
  if (y.atoms.length === 1 && y.pieces.length === 0) return shift(x, (y.atoms[0] as Atom).v);
  if ((x.atoms.length + x.pieces.length) * (y.atoms.length + y.pieces.length) > MAX_PIECES * 4)
    throw new NotClosedForm("too many outcomes");
  const atoms: Atom[] = [];
  const pieces: Piece[] = [];
  for (const a of x.atoms) {
    for (const b of y.atoms) atoms.push({ v: a.v + b.v, m: a.m * b.m });
    for (const p of y.pieces) pieces.push({ ...p, s: p.s + a.v, m: p.m * a.m });
  }
  for (const p of x.pieces) for (const b of y.atoms) pieces.push({ ...p, s: p.s + b.v, m: p.m * b.m });
  return normalise(atoms, pieces);
}

/** Splits a piece at time t (ms): the part ≤ t and the part > t (either may be undefined). */
function split(p: Piece, t: number): [Piece | undefined, Piece | undefined] {
  const y = t - p.s;
  if (y <= p.lo) return [undefined, p];
  if (y >= p.hi) return [p, undefined];
  const below = lnMass(p.lo, y, p.mu, p.sigma);
  const above = lnMass(y, p.hi, p.mu, p.sigma);
  const total = below + above;
  if (!(total > 0)) return [undefined, undefined];
  return [
    below > 0 ? { ...p, hi: y, mass: below, m: (p.m * below) / total } : undefined,
    above > 0 ? { ...p, lo: y, mass: above, m: (p.m * above) / total } : undefined,
  ];
}

/** Distribution of max(X, Y) for independent X, Y. */
export function max(x: Dist, y: Dist): Dist {
  if (x.pieces.length > 0 && y.pieces.length > 0) throw new NotClosedForm("max of two lognormals");
  if (x.pieces.length > 0) return max(y, x);
  // x is all point masses: max(a, Y) moves Y's mass below a onto a.
  const atoms: Atom[] = [];
  const pieces: Piece[] = [];
  for (const a of x.atoms) {
    for (const b of y.atoms) atoms.push({ v: Math.max(a.v, b.v), m: a.m * b.m });
    for (const p of y.pieces) {
      const [lo, hi] = split(p, a.v);
      if (lo) atoms.push({ v: a.v, m: a.m * lo.m });
      if (hi) pieces.push({ ...hi, m: a.m * hi.m });
    }
  }
  return normalise(atoms, pieces);
}

/** The part of X at or below t (ms) and the probability that X exceeds t. */
export function cut(x: Dist, t: number): { within: Dist; over: number } {
  if (t === Infinity) return { within: x, over: 0 };
  const atoms: Atom[] = [];
  const pieces: Piece[] = [];
  let over = 0;
  for (const a of x.atoms) {
    if (a.v <= t) atoms.push(a);
    else over += a.m;
  }
  for (const p of x.pieces) {
    const [lo, hi] = split(p, t);
    if (lo) pieces.push(lo);
    if (hi) over += hi.m;
  }
  return { within: { atoms, pieces }, over };
}

/** P(X ≤ t). */
export function cdf(x: Dist, t: number): number {
  let c = 0;
  for (const a of x.atoms) if (a.v <= t) c += a.m;
  for (const p of x.pieces) {
    const y = t - p.s;
    if (y <= p.lo) continue;
    if (y >= p.hi) c += p.m;
    else c += (p.m * lnMass(p.lo, y, p.mu, p.sigma)) / p.mass;
  }
  return c;
}

/**
 * The q-quantile of a distribution (ms): the smallest t with P(X ≤ t) ≥ q, found by bisection on the CDF
 * (100 halvings of the support, i.e. to floating-point precision). A mixture whose masses sum to less than 1
 * (rounding) is renormalised.
 */
export function quantile(x: Dist, q: number): number {
  let total = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of x.atoms) {
    total += a.m;
    lo = Math.min(lo, a.v);
    hi = Math.max(hi, a.v);
  }
  for (const p of x.pieces) {
    total += p.m;
    const bottom = p.s + p.lo;
    // Far enough into the tail that no quantile below 1 − 1e-15 lies beyond it.
    const top = p.s + Math.min(p.hi, Math.exp(p.mu + 8.5 * p.sigma));
    lo = Math.min(lo, bottom);
    hi = Math.max(hi, top);
  }
  if (!(total > 0) || !Number.isFinite(lo)) return 0;
  const target = q * total - 1e-12;
  if (cdf(x, lo) >= target) return lo;
  // The answer is an atom when the CDF jumps over the target there: check the atoms first (exact).
  const sorted = [...x.atoms].sort((a, b) => a.v - b.v);
  for (const a of sorted) {
    if (cdf(x, a.v) >= target) {
      hi = Math.min(hi, a.v);
      break;
    }
  }
  for (let i = 0; i < 100 && hi - lo > 1e-9 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (cdf(x, mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}
