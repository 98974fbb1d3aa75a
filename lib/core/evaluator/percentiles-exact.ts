import { mapArray } from "@/lib/core/util/arrays";

// Percentiles of the request-time model as a distribution, not a sample (issue #12 item 13).
//
// A request's time is a mixture over a finite set of outcomes (read/write, warm/cold, DNS hit/miss, one member
// of each routing group, each call's coin flip, which attempt of a retried call succeeds, which queue
// component serves it). Within one outcome every time is a constant except a node's own time (lognormal when
// it states a p99) and a queue's wait (exponential, with the Erlang C probability). The distribution is a
// finite sum of weighted pieces: point masses and shifted, truncated continuous shapes.
//
// Closed form: every operation keeps that form as long as no outcome adds or compares two continuous shapes
//   sum with a constant → shift; timeout → truncation (the cut mass re-enters shifted by the timeout and the
//   backoff); parallel calls → max with a constant splits a piece at that constant; routing groups, coin flips
//   and request classes → mixture.
// Numeric (when a `Numeric` context is given): a sum of two continuous shapes (two lognormals on one path, a
// lognormal and a queue wait) is their convolution, and a max of two is the product of their CDFs. Each is
// tabulated as a piecewise-linear CDF on a log-spaced grid (cells of at most 3 % of the time, cells holding
// more than 1 % of the mass subdivided), so the relative error of a percentile is second order in the cell
// width. The convolution of two piecewise-linear CDFs is computed exactly (through the integral of one CDF),
// so the only error is the grid's. Accuracy against a 400,000-request simulation: docs/model.md §4.5.
// Percentiles are read off the mixture's CDF by bisection.
//
// A queue's M/M/c wait is P(wait > t) = C(c, a)·e^(−(cμ − λ)t): a point mass at 0 and an exponential piece.
// A wait whose probability is below 1e-12 is taken as zero; the union bound of what is so neglected is
// returned so the caller can refuse the form when it exceeds 1e-9.

/** Largest total probability of the queue waits that are neglected (a CDF error bound, not a rounding). */
export const NEGLECTED_MASS = 1e-9;
/** A queue wait less likely than this is taken as zero (its mass is counted against NEGLECTED_MASS). */
export const WAIT_EPSILON = 1e-12;
/** More point masses (or, in closed form, pieces) than this in one distribution and the form is abandoned. */
const MAX_PIECES = 4096;
/** Pairs of continuous pieces combined one by one; beyond this each side is first merged into one grid. */
const MAX_PAIRS = 4;
/** Continuous pieces kept apart in one distribution before they are merged into one grid (numeric mode). */
const MAX_NUMERIC_PIECES = 24;
/** Grid: log-spaced cells of at most this relative width… */
const CELL = 0.03;
/** …and at most this many base cells; cells holding more than MASS_CELL of the mass are subdivided. */
const MAX_CELLS = 400;
const MASS_CELL = 0.01;
/** Smallest relative gap between points of a merged or maxed table. */
/** Largest change of a tabulated CDF when points a chord reproduces are dropped (absolute probability). */
const THIN_EPS = 1e-6;
const UNION_GAP = 0.01;
/** Standard deviations of a lognormal tabulated (P(beyond) ≈ 2e-8 per side). */
const Z_TAIL = 8;
/** e^(−21) ≈ 7.6e-10: where an exponential's table ends. */
const EXP_TAIL = 35;

/**
 * Thrown when a method does not fit a design (the caller then tries the next one): a signal caught on every
 * evaluation of such a design, never a fault, so it is built without the stack trace V8 would capture for it.
 */
export class NotClosedForm extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/** A point mass `m` at `v` (ms). */
type Atom = { v: number; m: number };

/** A tabulated CDF: F(x[i]) = F[i], linear in between; F[0] = 0, F[last] = 1; x strictly increasing (ms). */
export type Table = { x: Float64Array; F: Float64Array };
type Base =
  | { k: "ln"; mu: number; sigma: number; key: string }
  | { k: "exp"; rate: number; key: string }
  | ({ k: "grid"; key: string; G?: Float64Array } & Table);

/**
 * Mass `m` spread as s + Y with Y drawn from the base shape conditioned on lo < Y ≤ hi (ms). `mass` is the
 * base's probability of (lo, hi], kept to renormalise.
 */
type Piece = { m: number; s: number; b: Base; lo: number; hi: number; mass: number };
/** `approx`: some operation that built it was numeric (a grid), not closed form. */
export type Dist = { atoms: Atom[]; pieces: Piece[]; approx?: boolean };

/** Caches and counters of one evaluation's numeric operations (grids are shared between client groups). */
export class Numeric {
  /** Numeric operations performed (convolutions, products, merges). */
  ops = 0;
  private ids = 0;
  readonly tables = new Map<string, Table>();
  readonly results = new Map<string, Base>();
  grid(t: Table): Base {
    this.ids += 1;
    return { k: "grid", key: `g${this.ids}`, x: t.x, F: t.F };
  }
}

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
/** Standard normal CDF (erfc above: relative precision in both tails). */
export const Phi = (z: number) => 0.5 * erfc(-z / Math.SQRT2);
const zOf = (y: number, mu: number, sigma: number) => (y <= 0 ? -Infinity : (Math.log(y) - mu) / sigma);

/** Lognormal probability of (lo, hi], from whichever tail keeps precision. */
function lnMass(lo: number, hi: number, mu: number, sigma: number): number {
  if (!(hi > lo)) return 0;
  const a = zOf(lo, mu, sigma);
  const b = hi === Infinity ? Infinity : zOf(hi, mu, sigma);
  if (a > 0) return Phi(-a) - (b === Infinity ? 0 : Phi(-b));
  return (b === Infinity ? 1 : Phi(b)) - (a === -Infinity ? 0 : Phi(a));
}

/** Index i with x[i] ≤ t < x[i+1] (t inside the table). */
function locate(x: Float64Array, t: number): number {
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** F(t) of a table, linear between its points. */
export function tableCdf(T: Table, t: number): number {
  const { x, F } = T;
  const n = x.length;
  if (!(t > (x[0] as number))) return 0;
  if (t >= (x[n - 1] as number)) return 1;
  const i = locate(x, t);
  const x0 = x[i] as number;
  const f0 = F[i] as number;
  return f0 + (((F[i + 1] as number) - f0) * (t - x0)) / ((x[i + 1] as number) - x0);
}

/**
 * F(z[k] − s) of a table at increasing points z (ms), times w, added into out: one forward walk instead of a
 * binary search per point.
 */
function addCdfAt(T: Table, s: number, z: ArrayLike<number>, w: number, out: Float64Array, times?: boolean): void {
  const { x, F } = T;
  const n = x.length;
  const x0 = x[0] as number;
  const xn = x[n - 1] as number;
  let i = 0;
  for (let k = 0; k < z.length; k++) {
    const t = (z[k] as number) - s;
    let v: number;
    if (!(t > x0)) v = 0;
    else if (t >= xn) v = 1;
    else {
      while ((x[i + 1] as number) <= t) i++;
      const a = x[i] as number;
      const f0 = F[i] as number;
      v = f0 + (((F[i + 1] as number) - f0) * (t - a)) / ((x[i + 1] as number) - a);
    }
    if (times) out[k] = (out[k] as number) * v;
    else out[k] = (out[k] as number) + w * v;
  }
}

/** Probability of (lo, hi] under the base shape. */
function baseMass(b: Base, lo: number, hi: number): number {
  if (!(hi > lo)) return 0;
  if (b.k === "ln") return lnMass(lo, hi, b.mu, b.sigma);
  if (b.k === "exp") {
    const l = Math.max(0, lo);
    if (!(hi > l)) return 0;
    return Math.exp(-b.rate * l) - (hi === Infinity ? 0 : Math.exp(-b.rate * hi));
  }
  return tableCdf(b, hi) - tableCdf(b, lo);
}

/** Where the base shape's mass lies, to within ~1e-9 on each side (ms). */
function baseSupport(b: Base): [number, number] {
  if (b.k === "ln") return [Math.exp(b.mu - Z_TAIL * b.sigma), Math.exp(b.mu + Z_TAIL * b.sigma)];
  if (b.k === "exp") return [0, EXP_TAIL / b.rate];
  return [b.x[0] as number, b.x[b.x.length - 1] as number];
}

/** The unshifted interval a piece's mass lies in (ms). */
function pieceSupport(p: Piece): [number, number] {
  const [a, b] = baseSupport(p.b);
  const lo = Math.max(a, p.lo);
  const hi = Math.min(b, p.hi);
  return hi > lo ? [lo, hi] : [lo, lo];
}

/** P(Y ≤ y) for the piece's unshifted, conditioned shape. */
function pieceCdf(p: Piece, y: number): number {
  if (y <= p.lo) return 0;
  if (y >= p.hi) return 1;
  return Math.min(1, baseMass(p.b, p.lo, y) / p.mass);
}

const shapeKey = (p: Piece) => `${p.b.key}|${p.lo}|${p.hi}`;

export const atom = (v: number): Dist => ({ atoms: [{ v, m: 1 }], pieces: [] });
export function lognormal(medianMs: number, sigma: number): Dist {
  const mu = Math.log(medianMs);
  return { atoms: [], pieces: [{ m: 1, s: 0, b: { k: "ln", mu, sigma, key: `l${mu}|${sigma}` }, lo: 0, hi: Infinity, mass: 1 }] };
}
/** An exponential time of rate `ratePerMs` (1/ms): P(X > t) = e^(−rate·t). */
export function exponential(ratePerMs: number): Dist {
  return {
    atoms: [],
    pieces: [{ m: 1, s: 0, b: { k: "exp", rate: ratePerMs, key: `e${ratePerMs}` }, lo: 0, hi: Infinity, mass: 1 }],
  };
}

/**
 * Merges point masses at the same time (to 1 ns) and identical pieces, so repeated outcomes stay one entry.
 * In numeric mode, too many continuous pieces are merged into one grid.
 */
function normalise(atoms: Atom[], pieces: Piece[], approx: boolean, num?: Numeric): Dist {
  const byV = new Map<number, number>();
  for (const a of atoms) {
    if (!(a.m > 0)) continue;
    const v = Math.round(a.v * 1e6) / 1e6;
    byV.set(v, (byV.get(v) ?? 0) + a.m);
  }
  const merged: Atom[] = mapArray([...byV], ([v, m]) => ({ v, m }));
  const byP = new Map<string, Piece>();
  for (const p of pieces) {
    if (!(p.m > 0)) continue;
    const s = Math.round(p.s * 1e6) / 1e6;
    const key = `${s}|${shapeKey(p)}`;
    const q = byP.get(key);
    if (q) q.m += p.m;
    else byP.set(key, { ...p, s });
  }
  let out = [...byP.values()];
  if (num && out.length > MAX_NUMERIC_PIECES) {
    out = [merge(out, num)];
    approx = true;
  }
  if (merged.length + (num ? 0 : out.length) > MAX_PIECES) throw new NotClosedForm("too many outcomes");
  return approx ? { atoms: merged, pieces: out, approx } : { atoms: merged, pieces: out };
}

/** Mixture Σ wᵢ·Dᵢ. */
export function mix(parts: readonly (readonly [Dist, number])[], num?: Numeric): Dist {
  const atoms: Atom[] = [];
  const pieces: Piece[] = [];
  let approx = false;
  for (const [d, w] of parts) {
    if (!(w > 0)) continue;
    approx ||= d.approx === true;
    for (const a of d.atoms) atoms.push({ v: a.v, m: a.m * w });
    for (const p of d.pieces) pieces.push({ ...p, m: p.m * w });
  }
  return normalise(atoms, pieces, approx, num);
}

const shift = (d: Dist, c: number): Dist =>
  c === 0
    ? d
    : {
        atoms: mapArray(d.atoms, (a) => ({ v: a.v + c, m: a.m })),
        pieces: mapArray(d.pieces, (p) => ({ ...p, s: p.s + c })),
        ...(d.approx ? { approx: true } : {}),
      };

// ---- Numeric tabulation ------------------------------------------------------------------------------------

/**
 * Grid points over [a, b] (ms): log-spaced from max(a, b·1e-6) with cells of at most CELL relative width (at
 * most MAX_CELLS of them), plus `a` itself when it lies below that.
 */
function gridPoints(a: number, b: number): number[] {
  const top = Math.max(b, a + Math.max(1e-9, Math.abs(a) * 1e-9));
  const lo = Math.max(a, top * 1e-6, 1e-12);
  const span = Math.log(top / lo);
  const n = Math.min(MAX_CELLS, Math.max(8, Math.ceil(span / CELL)));
  const d = span / n;
  const pts: number[] = a < lo ? [a] : [];
  for (let k = 0; k < n; k++) pts.push(lo * Math.exp(k * d));
  pts.push(top);
  return pts;
}

/**
 * The union of several tables' points (each shifted by s, ms) within [lo, hi], thinned to gaps of at least
 * UNION_GAP of the time: a merged or maxed shape keeps every piece's own resolution however far it is shifted.
 */
function unionPoints(parts: readonly { T: Table; s: number }[], lo: number, hi: number): number[] {
  let n = 0;
  for (const { T } of parts) n += T.x.length;
  const all = new Float64Array(n);
  let m = 0;
  for (const { T, s } of parts)
    for (let i = 0; i < T.x.length; i++) {
      const v = (T.x[i] as number) + s;
      if (v > lo && v < hi) all[m++] = v;
    }
  const sorted = all.subarray(0, m).sort();
  const out: number[] = [lo];
  let last = lo;
  for (let i = 0; i < m; i++) {
    const v = sorted[i] as number;
    if (v - last > Math.max(1e-9, UNION_GAP * Math.abs(v))) {
      out.push(v);
      last = v;
    }
  }
  if (last < hi) out.push(hi);
  else out[out.length - 1] = hi;
  return out;
}

/**
 * Tabulates a CDF f over [a, b] (ms): on gridPoints, with cells holding more than MASS_CELL of the mass split
 * evenly (so a narrow lump inside a wide cell is not smeared), monotone and normalised to end at 1.
 */
function tabulate(f: (x: number) => number, a: number, b: number, extra?: readonly number[]): Table {
  const base = gridPoints(a, b);
  let pts = base;
  if (extra && extra.length > 0) {
    const top = base[base.length - 1] as number;
    pts = [...new Set([...base, ...extra.filter((e) => e > (base[0] as number) && e < top)])].sort((p, q) => p - q);
  }
  return refine(pts, pts.map(f), (zs) => zs.map(f));
}

/**
 * Splits cells holding more than MASS_CELL of the mass evenly (values of the new points from `batch`, given
 * in increasing order); makes F monotone, from 0 to 1.
 */
function refine(pts: ArrayLike<number>, fx: ArrayLike<number>, batch: (zs: number[]) => ArrayLike<number>): Table {
  const extra: number[] = [];
  const after: number[] = []; // extra point k lies in the cell ending at index after[k]
  for (let i = 1; i < pts.length; i++) {
    const x0 = pts[i - 1] as number;
    const x1 = pts[i] as number;
    const dF = (fx[i] as number) - (fx[i - 1] as number);
    if (dF > MASS_CELL && x1 - x0 > 1e-7 * x1) {
      const parts = Math.min(32, Math.ceil(dF / MASS_CELL));
      for (let k = 1; k < parts; k++) {
        extra.push(x0 + ((x1 - x0) * k) / parts);
        after.push(i);
      }
    }
  }
  const fe = extra.length > 0 ? batch(extra) : [];
  const n = pts.length + extra.length;
  const x = new Float64Array(n);
  const F = new Float64Array(n);
  const total = Math.max(fx[pts.length - 1] as number, 1e-300);
  let e = 0;
  let o = 0;
  let prev = 0;
  const put = (xv: number, fv: number) => {
    prev = o === 0 ? 0 : o === n - 1 ? 1 : Math.min(1, Math.max(prev, fv / total));
    x[o] = xv;
    F[o] = prev;
    o++;
  };
  for (let i = 0; i < pts.length; i++) {
    while (e < extra.length && after[e] === i) {
      put(extra[e] as number, fe[e] as number);
      e++;
    }
    put(pts[i] as number, fx[i] as number);
  }
  return thin(x, F);
}

/**
 * Drops the points a chord between kept neighbours reproduces within THIN_EPS of F (absolute): mostly the
 * tails, where F is flat near 0 or 1. The piecewise-linear CDF then moves by at most THIN_EPS anywhere, and
 * every later operation costs the square of fewer points.
 */
function thin(x: Float64Array, F: Float64Array): Table {
  const n = x.length;
  if (n <= 3) return { x, F };
  const keep = new Int32Array(n);
  let m = 0;
  keep[m++] = 0;
  let a = 0;
  let b = 2;
  while (b < n) {
    // Can the chord a → b stand for every point strictly between?
    const xa = x[a] as number;
    const fa = F[a] as number;
    const slope = ((F[b] as number) - fa) / ((x[b] as number) - xa);
    let ok = true;
    for (let i = a + 1; i < b; i++) {
      if (Math.abs(fa + slope * ((x[i] as number) - xa) - (F[i] as number)) > THIN_EPS) {
        ok = false;
        break;
      }
    }
    if (ok) b++;
    else {
      a = b - 1;
      keep[m++] = a;
      b = a + 2;
    }
  }
  keep[m++] = n - 1;
  if (m === n) return { x, F };
  const X = new Float64Array(m);
  const Y = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    X[k] = x[keep[k] as number] as number;
    Y[k] = F[keep[k] as number] as number;
  }
  return { x: X, F: Y };
}

/** The piece's unshifted, conditioned shape as a table (cached by shape). */
function tableOf(p: Piece, num: Numeric): Table {
  const b = p.b;
  if (b.k === "grid" && p.lo <= (b.x[0] as number) && p.hi >= (b.x[b.x.length - 1] as number)) return b;
  const key = shapeKey(p);
  let t = num.tables.get(key);
  if (!t) {
    const [lo, hi] = pieceSupport(p);
    // A truncated grid keeps its own points inside the cut.
    const own = b.k === "grid" ? Array.from(b.x).filter((v) => v > lo && v < hi) : undefined;
    t = hi > lo ? tabulate((y) => pieceCdf(p, y), lo, hi, own) : { x: Float64Array.of(lo, lo + Math.max(1e-9, lo * 1e-9)), F: Float64Array.of(0, 1) };
    num.tables.set(key, t);
  }
  return t;
}

/** ∫ F over (x₀, x[i]] at the table's points: the trapezoid rule is exact for a piecewise-linear CDF. */
function integralOf(b: Base & Table): Float64Array {
  if (b.k === "grid" && b.G) return b.G;
  const G = new Float64Array(b.x.length);
  for (let i = 1; i < b.x.length; i++)
    G[i] = (G[i - 1] as number) + (((b.F[i - 1] as number) + (b.F[i] as number)) / 2) * ((b.x[i] as number) - (b.x[i - 1] as number));
  if (b.k === "grid") b.G = G;
  return G;
}

/**
 * CDF of P + Q for independent P, Q with piecewise-linear CDFs (tables): F(z) = Σⱼ (wⱼ / hⱼ)·[G_P(z − qⱼ) −
 * G_P(z − qⱼ₊₁)] over Q's cells (mass wⱼ, width hⱼ), G_P = ∫F_P: exact for the two piecewise-uniform densities.
 */
function convolve(P: Table, Q: Table): Table {
  const G = integralOf({ k: "grid", key: "", ...P });
  const { x: qx, F: qF } = Q;
  const { x: px, F: pF } = P;
  const nP = px.length;
  const pLo = px[0] as number;
  const pHi = px[nP - 1] as number;
  const gLast = G[nP - 1] as number;
  // G_P at t (ms), walking forward from index i (t increasing between calls with the same cursor).
  const gAt = (t: number, cur: { i: number }): number => {
    if (!(t > pLo)) return 0;
    if (t >= pHi) return gLast + (t - pHi);
    let i = cur.i;
    while ((px[i + 1] as number) <= t) i++;
    cur.i = i;
    const x0 = px[i] as number;
    const d = t - x0;
    const f0 = pF[i] as number;
    return (G[i] as number) + f0 * d + (0.5 * ((pF[i + 1] as number) - f0) * d * d) / ((px[i + 1] as number) - x0);
  };
  // F at sorted points z. A cell of Q [y0, y1] (mass w) adds w·(G_P(z − y0) − G_P(z − y1)) / (y1 − y0), which
  // is 0 for z ≤ y0 + pLo and w for z ≥ y1 + pHi: only the window between is computed, the rest is a prefix sum.
  const at = (z: ArrayLike<number>): Float64Array => {
    const K = z.length;
    const out = new Float64Array(K);
    const full = new Float64Array(K + 1);
    let kStart = 0;
    let kEnd = 0;
    const c0 = { i: 0 };
    const c1 = { i: 0 };
    for (let j = 0; j < qx.length - 1; j++) {
      const w = (qF[j + 1] as number) - (qF[j] as number);
      if (!(w > 0)) continue;
      const y0 = qx[j] as number;
      const y1 = qx[j + 1] as number;
      while (kStart < K && (z[kStart] as number) <= y0 + pLo) kStart++;
      if (kEnd < kStart) kEnd = kStart;
      while (kEnd < K && (z[kEnd] as number) < y1 + pHi) kEnd++;
      full[kEnd] = (full[kEnd] as number) + w;
      if (kEnd === kStart) continue;
      const c = w / (y1 - y0);
      c0.i = kStart < K ? locate(px, Math.max(pLo, (z[kStart] as number) - y0)) : 0;
      c1.i = kStart < K ? locate(px, Math.max(pLo, (z[kStart] as number) - y1)) : 0;
      for (let k = kStart; k < kEnd; k++) {
        const zk = z[k] as number;
        out[k] = (out[k] as number) + c * (gAt(zk - y0, c0) - gAt(zk - y1, c1));
      }
    }
    let acc = 0;
    for (let k = 0; k < K; k++) {
      acc += full[k] as number;
      out[k] = (out[k] as number) + acc;
    }
    return out;
  };
  const z = gridPoints(pLo + (qx[0] as number), pHi + (qx[qx.length - 1] as number));
  return refine(z, at(z), at);
}

/** Sum of two continuous pieces: a grid piece (mass m_p·m_q, shift s_p + s_q). */
function addPieces(p: Piece, q: Piece, num: Numeric): Piece {
  const kp = shapeKey(p);
  const kq = shapeKey(q);
  const key = kp < kq ? `+${kp}#${kq}` : `+${kq}#${kp}`;
  let b = num.results.get(key);
  if (!b) {
    num.ops += 1;
    const [P, Q] = kp < kq ? [tableOf(p, num), tableOf(q, num)] : [tableOf(q, num), tableOf(p, num)];
    // Convolve over the coarser table's cells: fewer terms, same exactness.
    b = num.grid(P.x.length >= Q.x.length ? convolve(P, Q) : convolve(Q, P));
    num.results.set(key, b);
  }
  return gridPiece(b, p.m * q.m, p.s + q.s);
}

function gridPiece(b: Base, m: number, s: number): Piece {
  const [lo, hi] = baseSupport(b);
  return { m, s, b, lo, hi, mass: 1 };
}

/** max of two continuous pieces: F = F_p · F_q on the grid of the later one. */
function maxPieces(p: Piece, q: Piece, num: Numeric): Piece {
  const base = Math.min(p.s, q.s);
  const [a, b] = [p.s - base, q.s - base];
  const kp = `${shapeKey(p)}@${a}`;
  const kq = `${shapeKey(q)}@${b}`;
  const key = kp < kq ? `v${kp}#${kq}` : `v${kq}#${kp}`;
  let g = num.results.get(key);
  if (!g) {
    num.ops += 1;
    const P = tableOf(p, num);
    const Q = tableOf(q, num);
    const lo = Math.max((P.x[0] as number) + a, (Q.x[0] as number) + b);
    const hi = Math.max((P.x[P.x.length - 1] as number) + a, (Q.x[Q.x.length - 1] as number) + b);
    const f = (z: ArrayLike<number>) => {
      const out = new Float64Array(z.length);
      addCdfAt(P, a, z, 1, out);
      addCdfAt(Q, b, z, 1, out, true);
      return out;
    };
    const pts = unionPoints([{ T: P, s: a }, { T: Q, s: b }], lo, hi);
    g = num.grid(refine(pts, f(pts), f));
    num.results.set(key, g);
  }
  return gridPiece(g, p.m * q.m, base);
}

/** One grid piece holding a mixture of continuous pieces (same total mass). */
function merge(pieces: Piece[], num: Numeric): Piece {
  if (pieces.length === 1) return pieces[0] as Piece;
  num.ops += 1;
  let total = 0;
  let lo = Infinity;
  let hi = -Infinity;
  const parts = pieces.map((p) => {
    total += p.m;
    const T = tableOf(p, num);
    lo = Math.min(lo, (T.x[0] as number) + p.s);
    hi = Math.max(hi, (T.x[T.x.length - 1] as number) + p.s);
    return { w: p.m, s: p.s, T };
  });
  const f = (z: ArrayLike<number>) => {
    const out = new Float64Array(z.length);
    for (const q of parts) addCdfAt(q.T, q.s, z, q.w / total, out);
    return out;
  };
  const pts = unionPoints(parts, lo, hi);
  return gridPiece(num.grid(refine(pts, f(pts), f)), total, 0);
}

/** The continuous pieces of a side, merged into one when pairing them all would cost too much. */
function pairable(x: Piece[], y: Piece[], num: Numeric): [Piece[], Piece[]] {
  if (x.length * y.length <= MAX_PAIRS) return [x, y];
  return [x.length > 1 ? [merge(x, num)] : x, y.length > 1 ? [merge(y, num)] : y];
}

// ---- Operations --------------------------------------------------------------------------------------------

/** Distribution of X + Y for independent X, Y. Two continuous parts need `num` (else NotClosedForm). */
export function add(x: Dist, y: Dist, num?: Numeric): Dist {
  const both = x.pieces.length > 0 && y.pieces.length > 0;
  if (both && !num) throw new NotClosedForm("sum of two lognormals");
  if (x.atoms.length === 1 && x.pieces.length === 0) return withApprox(shift(y, (x.atoms[0] as Atom).v), x);
  if (y.atoms.length === 1 && y.pieces.length === 0) return withApprox(shift(x, (y.atoms[0] as Atom).v), y);
  if ((x.atoms.length + x.pieces.length) * (y.atoms.length + y.pieces.length) > MAX_PIECES * 4)
    throw new NotClosedForm("too many outcomes");
  const atoms: Atom[] = [];
  const pieces: Piece[] = [];
  for (const a of x.atoms) {
    for (const b of y.atoms) atoms.push({ v: a.v + b.v, m: a.m * b.m });
    for (const p of y.pieces) pieces.push({ ...p, s: p.s + a.v, m: p.m * a.m });
  }
  for (const p of x.pieces) for (const b of y.atoms) pieces.push({ ...p, s: p.s + b.v, m: p.m * b.m });
  if (both && num) {
    const [px, py] = pairable(x.pieces, y.pieces, num);
    for (const p of px) for (const q of py) pieces.push(addPieces(p, q, num));
  }
  return normalise(atoms, pieces, both || x.approx === true || y.approx === true, num);
}

function withApprox(d: Dist, other: Dist): Dist {
  return other.approx && !d.approx ? { ...d, approx: true } : d;
}

/** Splits a piece at time t (ms): the part ≤ t and the part > t (either may be undefined). */
function split(p: Piece, t: number): [Piece | undefined, Piece | undefined] {
  const y = t - p.s;
  if (y <= p.lo) return [undefined, p];
  if (y >= p.hi) return [p, undefined];
  const below = baseMass(p.b, p.lo, y);
  const above = baseMass(p.b, y, p.hi);
  const total = below + above;
  if (!(total > 0)) return [undefined, undefined];
  return [
    below > 0 ? { ...p, hi: y, mass: below, m: (p.m * below) / total } : undefined,
    above > 0 ? { ...p, lo: y, mass: above, m: (p.m * above) / total } : undefined,
  ];
}

/** Distribution of max(X, Y) for independent X, Y. Two continuous parts need `num` (else NotClosedForm). */
export function max(x: Dist, y: Dist, num?: Numeric): Dist {
  const both = x.pieces.length > 0 && y.pieces.length > 0;
  if (both && !num) throw new NotClosedForm("max of two lognormals");
  if (!both && x.pieces.length > 0) return max(y, x, num);
  // max(a, Y) moves Y's mass below a onto a; max(P, Q) of two continuous pieces is numeric.
  const atoms: Atom[] = [];
  const pieces: Piece[] = [];
  const withAtoms = (as: Atom[], d: Piece[]) => {
    for (const a of as)
      for (const p of d) {
        const [lo, hi] = split(p, a.v);
        if (lo) atoms.push({ v: a.v, m: a.m * lo.m });
        if (hi) pieces.push({ ...hi, m: a.m * hi.m });
      }
  };
  for (const a of x.atoms) for (const b of y.atoms) atoms.push({ v: Math.max(a.v, b.v), m: a.m * b.m });
  withAtoms(x.atoms, y.pieces);
  withAtoms(y.atoms, x.pieces);
  if (both && num) {
    const [px, py] = pairable(x.pieces, y.pieces, num);
    for (const p of px) for (const q of py) pieces.push(maxPieces(p, q, num));
  }
  return normalise(atoms, pieces, both || x.approx === true || y.approx === true, num);
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
  return { within: x.approx ? { atoms, pieces, approx: true } : { atoms, pieces }, over };
}

/** P(X ≤ t). */
export function cdf(x: Dist, t: number): number {
  let c = 0;
  for (const a of x.atoms) if (a.v <= t) c += a.m;
  for (const p of x.pieces) c += p.m * pieceCdf(p, t - p.s);
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
    const bottom = p.s + Math.max(0, p.lo);
    // Far enough into the tail that no quantile below 1 − 1e-15 lies beyond it.
    const far = p.b.k === "ln" ? Math.exp(p.b.mu + 8.5 * p.b.sigma) : p.b.k === "exp" ? 35 / p.b.rate : baseSupport(p.b)[1];
    const top = p.s + Math.min(p.hi, far);
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
