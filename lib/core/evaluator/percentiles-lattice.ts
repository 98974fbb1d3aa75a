// Percentiles on a uniform lattice (model 2.5.1), for designs whose distribution has no closed form and too many
// continuous times for percentiles-exact.ts's adaptive grids (the generated examples: 26 and ~1,200 lognormal
// services on one client's path), which until now were sampled from 100,000 requests (20–30 ms on
// generated-50).
//
// Every time is a probability mass function on the points 0, h, 2h, … (n − 1)·h, plus the mass beyond them
// (`over`, taken as "later than anything the lattice holds"). A time that is not on the lattice is spread over
// the two points around it in proportion to its distance from each (a point mass at v = (i + f)·h puts 1 − f
// on i and f on i + 1; a lognormal or exponential does the same with its density, through its CDF and partial
// expectation). That keeps every mean exact: the lattice time is the true time plus an error U with
// |U| < h and E[U | time] = 0. Sums of lattice times are lattice times (a convolution, exact), maxima are
// products of CDFs (exact), mixtures are sums (exact), and a timeout keeps the points at or below it. So the
// only approximation is that rounding, once per input time; its errors on one path add up as independent
// zero-mean noise, which moves a smooth quantile by a second-order amount (≈ the noise's variance times
// the slope of the log density), not by h per input. The quantile is read as a continuous CDF whose value at
// (i + ½)·h is the cumulative mass up to point i (exact to second order for the rounding above), interpolated
// linearly. The error bound that docs/model.md states (§4.5) is measured against a lattice 16 times finer and
// against 1,000,000 simulated requests.
//
// Only the part of a distribution below the lattice's top matters for a quantile below it (times are never
// negative, so a sum or maximum beyond the top stays beyond it), so the lattice covers a little more than the
// p99: simulatePercentiles first runs a coarse lattice to find the p99, then a fine one over [0, 1.25 × p99].

import { NotClosedForm, Phi } from "./percentiles-exact";

/**
 * A time: point masses at exact times (`at`, ascending, with masses `am`), masses p[k] at the lattice points
 * (off + k)·h, and the mass beyond the last lattice point (`over`).
 */
export type Pmf = { off: number; p: Float64Array; over: number; at: Float64Array; am: Float64Array };

/**
 * Mass dropped at each end of a lattice part, at most: the top's goes beyond the lattice and the bottom's up to
 * the first kept point, so a CDF only ever reads lower (a quantile later) by at most this per operation.
 */
const TRIM = 1e-9;
/** Standard deviations of a lognormal that are tabulated above and below its median (mass beyond < 1e-9). */
const Z_TAIL = 6;
/** Point masses kept exact in one time; past this the lightest are spread onto the lattice. */
const MAX_ATOMS = 24;
const NONE = new Float64Array(0);
/**
 * Doubles per block of a lattice's arena. One evaluation's lattice takes ~60,000 (generated-50), in views of
 * 2–130 entries: a Float64Array of more than 8 entries is an ArrayBuffer of its own, allocated by V8's runtime
 * (~0.6 µs each, ~450 per evaluation), where a view on a block costs ~25 ns.
 */
const BLOCK = 8192;

export class Lattice {
  /** Multiply-adds spent (convolutions dominate), for the caller's work budget. */
  work = 0;
  // Shapes built so far, looked up by their numbers (median, then σ; rate), not by a printed key: printing two
  // doubles per lookup was ~1.5 % of an evaluation of generated-50. A Map compares numbers as SameValueZero, so
  // 0 and −0 share an entry (as their printed "0" did) and every other double has its own (as its string did).
  private readonly lognormals = new Map<number, Map<number, Pmf>>();
  private readonly exponentials = new Map<number, Pmf>();
  private readonly atoms = new Map<number, Pmf>();
  // The arena: every array a result holds is a zeroed view on a block no earlier result used (never reused, so
  // results stay immutable); the blocks live as long as the lattice, which is one evaluation's (PercentileCache).
  private block = NONE;
  private used = 0;
  /** F and M of one point, written by a continuous time's FM (see continuous). */
  private readonly fm = new Float64Array(2);
  /**
   * @param h spacing of the points (ms)
   * @param n number of points: 0 … (n − 1)·h
   * @param budget multiply-adds allowed before NotClosedForm is thrown (the caller then samples)
   */
  constructor(
    readonly h: number,
    readonly n: number,
    private readonly budget: number,
  ) {}

  /** The highest time (ms) the lattice holds. */
  get top(): number {
    return (this.n - 1) * this.h;
  }

  private charge(units: number): void {
    this.work += units;
    if (this.work > this.budget) throw new NotClosedForm("lattice work budget");
  }

  /** A fresh zeroed array of len entries (the shared empty one for none), as `new Float64Array(len)` is. */
  private zeros(len: number): Float64Array {
    if (len <= 0) return NONE;
    if (this.used + len > this.block.length) {
      this.block = new Float64Array(Math.max(BLOCK, len));
      this.used = 0;
    }
    const v = this.block.subarray(this.used, this.used + len);
    this.used += len;
    return v;
  }

  /** A fresh copy of entries [from, to) of xs. */
  private copy(xs: Float64Array, from: number, to: number): Float64Array {
    const r = this.zeros(to - from);
    for (let i = from; i < to; i++) r[i - from] = xs[i] as number;
    return r;
  }

  /** A fresh copy of a number list (the sorting path of `lattice`). */
  private fromList(xs: readonly number[]): Float64Array {
    const r = this.zeros(xs.length);
    for (let i = 0; i < xs.length; i++) r[i] = xs[i] as number;
    return r;
  }

  /** The first `count` entries of a fresh array (it is itself when full; the arena's rest of it stays unused). */
  private static first(xs: Float64Array, count: number): Float64Array {
    return count === xs.length ? xs : count === 0 ? NONE : xs.subarray(0, count);
  }

  /** A point mass at v ms (kept exact). */
  atom(v: number): Pmf {
    const t = Math.max(0, v);
    let d = this.atoms.get(t);
    if (!d) {
      d =
        t > this.top
          ? { off: this.n, p: NONE, over: 1, at: NONE, am: NONE }
          : { off: this.n, p: NONE, over: 0, at: this.zeros(1), am: this.zeros(1) };
      if (d.at.length === 1) {
        d.at[0] = t;
        d.am[0] = 1;
      }
      this.atoms.set(t, d);
    }
    return d;
  }

  /** X + v for a constant v ≥ 0 (ms): the point masses move exactly, the lattice part as `add` moves it. */
  private shift(x: Pmf, v: number): Pmf {
    if (v === 0) return x;
    const { n, h } = this;
    const top = this.top;
    let over = x.over;
    let a = x.at.length;
    while (a > 0 && (x.at[a - 1] as number) + v > top) over += x.am[--a] as number;
    const at = this.zeros(a);
    for (let i = 0; i < a; i++) at[i] = (x.at[i] as number) + v;
    const am = Lattice.first(x.am, a);
    if (x.p.length === 0) return { off: n, p: NONE, over, at, am };
    const u = v / h;
    const k = Math.floor(u + 1e-9);
    const f = Math.max(0, u - k);
    const off = x.off + k;
    if (f <= 1e-9) {
      const len = Math.max(0, Math.min(x.p.length, n - off));
      if (len === x.p.length) return { off, p: x.p, over, at, am };
      let beyond = 0;
      for (let i = len; i < x.p.length; i++) beyond += x.p[i] as number;
      return trimmed(off, this.copy(x.p, 0, len), over + beyond, n, at, am);
    }
    const r = this.zeros(Math.min(x.p.length + 1, n - off));
    this.charge(2 * r.length);
    // Point m gets 1 − f of x's point m and f of its point m − 1, added in that order onto the zeroed entry (as two
    // passes of shiftInto did), and the sums run in the same order: one loop instead of four, the same bits.
    const p = x.p;
    const len = p.length;
    const g = 1 - f;
    // shiftInto skipped a weight that is not positive (only NaN reaches here): so does this.
    const withG = g > 0;
    const withF = f > 0;
    let kept = 0;
    let lat = 0;
    let m = 0;
    for (; m < r.length; m++) {
      let v = 0;
      if (m < len) {
        const here = p[m] as number;
        if (withG) v += g * here;
        lat += here;
      }
      if (withF && m >= 1 && m - 1 < len) v += f * (p[m - 1] as number);
      r[m] = v;
      kept += v;
    }
    for (; m < len; m++) lat += p[m] as number;
    return trimmed(off, r, over + Math.max(0, lat - kept), n, at, am);
  }

  /**
   * A continuous time with CDF F and partial expectation M(t) = E[T; T ≤ t] on [lo, hi] (ms): the mass of each
   * cell [a, b] goes to a and b in proportion to the distance, (M(b) − M(a) − a·(F(b) − F(a))) / h to b.
   * `FM(t, out)` writes F(t) to out[0] and M(t) to out[1]: one call per point, so a lognormal takes the
   * logarithm of t once for both.
   */
  private continuous(FM: (t: number, out: Float64Array) => void, lo: number, hi: number): Pmf {
    const { h, n } = this;
    const i0 = Math.max(0, Math.floor(lo / h));
    if (i0 >= n) return { off: n, p: NONE, over: 1, at: NONE, am: NONE };
    const i1 = Math.min(n - 1, Math.ceil(hi / h));
    const p = this.zeros(i1 - i0 + 1);
    const out = this.fm;
    FM(i0 * h, out);
    let Fa = out[0] as number;
    let Ma = out[1] as number;
    // Mass at or below the first point stays on it (< 1e-9 by the choice of lo, or exactly 0 at t = 0).
    p[0] = Fa;
    for (let i = i0; i < i1; i++) {
      const a = i * h;
      FM(a + h, out);
      const Fb = out[0] as number;
      const Mb = out[1] as number;
      const m = Math.max(0, Fb - Fa);
      const up = Math.min(m, Math.max(0, (Mb - Ma - a * m) / h));
      p[i - i0] = (p[i - i0] as number) + m - up;
      p[i - i0 + 1] = (p[i - i0 + 1] as number) + up;
      Fa = Fb;
      Ma = Mb;
    }
    this.charge(p.length * 4);
    return this.lattice(i0, p, Math.max(0, 1 - Fa), NONE, NONE);
  }

  /** Lognormal with this median (ms) and σ. */
  lognormal(median: number, sigma: number): Pmf {
    let bySigma = this.lognormals.get(median);
    if (!bySigma) this.lognormals.set(median, (bySigma = new Map()));
    let d = bySigma.get(sigma);
    if (!d) {
      const mu = Math.log(median);
      const scale = Math.exp(mu + (sigma * sigma) / 2);
      d = this.continuous(
        (t, out) => {
          if (t <= 0) {
            out[0] = 0;
            out[1] = 0;
            return;
          }
          const z = (Math.log(t) - mu) / sigma;
          out[0] = Phi(z);
          out[1] = scale * Phi(z - sigma);
        },
        Math.exp(mu - Z_TAIL * sigma),
        Math.exp(mu + Z_TAIL * sigma),
      );
      bySigma.set(sigma, d);
    }
    return d;
  }

  /** Exponential of rate r (1/ms). */
  exponential(rate: number): Pmf {
    let d = this.exponentials.get(rate);
    if (!d) {
      d = this.continuous(
        (t, out) => {
          out[0] = t <= 0 ? 0 : -Math.expm1(-rate * t);
          out[1] = t <= 0 ? 0 : (1 - Math.exp(-rate * t) * (1 + rate * t)) / rate;
        },
        0,
        21 / rate,
      );
      this.exponentials.set(rate, d);
    }
    return d;
  }

  /** X + Y for independent X, Y, cut at the lattice's top. */
  add(x: Pmf, y: Pmf): Pmf {
    // A constant (most hops, backoffs and the empty sum) only moves the other.
    if (x.p.length === 0 && x.at.length === 1 && x.over === 0) return this.shift(y, x.at[0] as number);
    if (y.p.length === 0 && y.at.length === 1 && y.over === 0) return this.shift(x, y.at[0] as number);
    const { n, h } = this;
    const top = this.top;
    // Point masses plus point masses stay exact.
    let pairs = 0;
    for (let i = 0; i < x.at.length; i++)
      for (let j = 0; j < y.at.length; j++) if ((x.at[i] as number) + (y.at[j] as number) <= top) pairs++;
    const av = this.zeros(pairs);
    const am = this.zeros(pairs);
    if (pairs > 0) {
      let q = 0;
      for (let i = 0; i < x.at.length; i++)
        for (let j = 0; j < y.at.length; j++) {
          const v = (x.at[i] as number) + (y.at[j] as number);
          if (v <= top) {
            av[q] = v;
            am[q++] = (x.am[i] as number) * (y.am[j] as number);
          }
        }
    }
    // The lattice part's range: a lattice part shifted by a point mass, and the two lattice parts convolved.
    const range = { lo: n, hi: 0 };
    spanShifts(range, x, y, h, n);
    spanShifts(range, y, x, h, n);
    if (x.p.length > 0 && y.p.length > 0) span(range, x.off + y.off, x.p.length + y.p.length - 1, n);
    const { lo, hi } = range;
    const r = this.zeros(hi - lo);
    // A lattice part shifted by v = (k + f)·h lands 1 − f on shift k and f on k + 1.
    let work = addShifts(r, lo, x, y, h) + addShifts(r, lo, y, x, h);
    if (x.p.length > 0 && y.p.length > 0) {
      // The shorter side walks the longer one (no pair array: a destructured literal was this method's first deopt).
      const xShort = x.p.length <= y.p.length;
      const s = xShort ? x : y;
      const l = xShort ? y : x;
      work += convolveInto(r, s.off + l.off - lo, s.p, l.p);
    }
    this.charge(work + av.length);
    let kept = 0;
    for (let k = 0; k < r.length; k++) kept += r[k] as number;
    for (let i = 0; i < am.length; i++) kept += am[i] as number;
    return this.lattice(lo, r, Math.max(0, 1 - kept), av, am);
  }

  /** max(X, Y) for independent X, Y: the product of their CDFs, with point masses and lattice points as events. */
  max(x: Pmf, y: Pmf): Pmf {
    // The empty maximum (a point mass at 0) changes nothing: times are never negative.
    if (x.p.length === 0 && x.at.length === 1 && x.at[0] === 0 && x.over === 0) return y;
    if (y.p.length === 0 && y.at.length === 1 && y.at[0] === 0 && y.over === 0) return x;
    const { n, h } = this;
    // Events in time order: every lattice point of either side and every point mass.
    const lo = Math.min(x.p.length > 0 ? x.off : n, y.p.length > 0 ? y.off : n);
    const hi = Math.max(x.p.length > 0 ? x.off + x.p.length : 0, y.p.length > 0 ? y.off + y.p.length : 0);
    const r = this.zeros(hi - lo);
    // Every point mass of either side is at most one event.
    const av = this.zeros(x.at.length + y.at.length);
    const am = this.zeros(x.at.length + y.at.length);
    let atoms = 0;
    let cx = 0;
    let cy = 0;
    let prev = 0;
    let ix = 0;
    let iy = 0;
    // Each lattice point k in turn, then (k = hi) whatever point masses are left.
    for (let k = lo; ; k++) {
      const last = k >= hi;
      // A point mass exactly on a lattice point comes first: the lattice point's mass is "at or after" it.
      const t = last ? Infinity : k * h - 1e-9 * h;
      // Point masses at or before t, in order (ties between the two sides are one event).
      while (ix < x.at.length || iy < y.at.length) {
        const vx = ix < x.at.length ? (x.at[ix] as number) : Infinity;
        const vy = iy < y.at.length ? (y.at[iy] as number) : Infinity;
        const v = Math.min(vx, vy);
        if (v > t) break;
        if (vx === v) cx += x.am[ix++] as number;
        if (vy === v) cy += y.am[iy++] as number;
        const c = cx * cy;
        const d = Math.max(0, c - prev);
        prev = Math.max(prev, c);
        if (d > 0) {
          av[atoms] = v;
          am[atoms++] = d;
        }
      }
      if (last) break;
      cx += pointMass(x, k);
      cy += pointMass(y, k);
      const c = cx * cy;
      r[k - lo] = Math.max(0, c - prev);
      prev = Math.max(prev, c);
    }
    this.charge(r.length * 2 + atoms);
    return this.lattice(lo, r, 1 - (1 - x.over) * (1 - y.over), Lattice.first(av, atoms), Lattice.first(am, atoms));
  }

  /** Σ wᵢ·Dᵢ (weights summing to 1). */
  mix(parts: readonly (readonly [Pmf, number])[]): Pmf {
    let live = 0;
    let only: readonly [Pmf, number] | undefined;
    for (const part of parts)
      if (part[1] > 0) {
        live++;
        only = part;
      }
    if (live === 1 && only && Math.abs(only[1] - 1) < 1e-15) return only[0];
    let lo = this.n;
    let hi = 0;
    let over = 0;
    let atoms = 0;
    for (const [d, w] of parts) {
      if (!(w > 0)) continue;
      over += w * d.over;
      atoms += d.at.length;
      if (d.p.length === 0) continue;
      lo = Math.min(lo, d.off);
      hi = Math.max(hi, d.off + d.p.length);
    }
    const av = this.zeros(atoms);
    const am = this.zeros(atoms);
    let a = 0;
    for (const [d, w] of parts) {
      if (!(w > 0)) continue;
      for (let i = 0; i < d.at.length; i++) {
        av[a] = d.at[i] as number;
        am[a++] = w * (d.am[i] as number);
      }
    }
    const r = this.zeros(hi - lo);
    for (const [d, w] of parts) {
      if (!(w > 0)) continue;
      for (let k = 0; k < d.p.length; k++) r[d.off - lo + k] = (r[d.off - lo + k] as number) + w * (d.p[k] as number);
    }
    this.charge(r.length + av.length);
    return this.lattice(lo, r, over, av, am);
  }

  /**
   * The part of X at or below t (ms) and the probability that X exceeds t. Past the lattice's top the cut
   * changes nothing the lattice can see: a time beyond the top, cut or retried, stays beyond it.
   */
  cut(x: Pmf, t: number): { within: Pmf; over: number } {
    if (t >= this.top) return { within: x, over: 0 };
    const k = Math.floor(t / this.h + 1e-9);
    const keep = Math.max(0, Math.min(x.p.length, k - x.off + 1));
    let over = x.over;
    for (let i = keep; i < x.p.length; i++) over += x.p[i] as number;
    let a = 0;
    while (a < x.at.length && (x.at[a] as number) <= t) a++;
    for (let i = a; i < x.at.length; i++) over += x.am[i] as number;
    // Views, not copies: a result is never written to once made (trimmed only writes to its caller's fresh array).
    return {
      within: { off: x.off, p: Lattice.first(x.p, keep), over: 0, at: Lattice.first(x.at, a), am: Lattice.first(x.am, a) },
      over,
    };
  }

  /**
   * The q-quantile (ms): point masses are jumps of the CDF; a lattice point's mass is spread evenly over the
   * cell of width h around it (the CDF at (i + ½)·h is the mass up to point i: exact to second order for the
   * rounding the lattice makes). Throws NotClosedForm when the quantile lies beyond the lattice.
   */
  quantile(x: Pmf, q: number): number {
    const { h } = this;
    let total = x.over;
    for (let k = 0; k < x.p.length; k++) total += x.p[k] as number;
    for (let i = 0; i < x.am.length; i++) total += x.am[i] as number;
    const target = q * total - 1e-12;
    let c = 0;
    let a = 0;
    for (let k = 0; k < x.p.length; k++) {
      const s0 = Math.max(0, (x.off + k - 0.5) * h);
      const s1 = (x.off + k + 0.5) * h;
      while (a < x.at.length && (x.at[a] as number) <= s0) {
        c += x.am[a] as number;
        if (c >= target) return x.at[a] as number;
        a++;
      }
      const rate = (x.p[k] as number) / (s1 - s0);
      let t = s0;
      while (a < x.at.length && (x.at[a] as number) <= s1) {
        const v = x.at[a] as number;
        if (rate > 0 && c + rate * (v - t) >= target) return t + (target - c) / rate;
        c += rate * (v - t) + (x.am[a] as number);
        t = v;
        if (c >= target) return v;
        a++;
      }
      if (rate > 0 && c + rate * (s1 - t) >= target) return t + (target - c) / rate;
      c += rate * (s1 - t);
    }
    for (; a < x.at.length; a++) {
      c += x.am[a] as number;
      if (c >= target) return x.at[a] as number;
    }
    throw new NotClosedForm("quantile beyond the lattice");
  }

  /**
   * A result: the lattice part trimmed at both ends, point masses sorted and merged (to 1 ns), and past
   * MAX_ATOMS the lightest spread onto the lattice as `atom` would round them.
   */
  private lattice(off: number, p: Float64Array, over: number, at: Float64Array, am: Float64Array): Pmf {
    let o = off;
    let q = p;
    let extra = 0;
    let ordered = true;
    for (let i = 1; i < at.length && ordered; i++) ordered = (at[i - 1] as number) < (at[i] as number);
    if (at.length > 1 && (!ordered || at.length > MAX_ATOMS)) {
      const idx = Array.from(at.keys()).sort((i, j) => (at[i] as number) - (at[j] as number));
      const v: number[] = [];
      const m: number[] = [];
      for (const i of idx) {
        const t = Math.round((at[i] as number) * 1e6) / 1e6;
        if (v.length > 0 && v[v.length - 1] === t) m[m.length - 1] = (m[m.length - 1] as number) + (am[i] as number);
        else {
          v.push(t);
          m.push(am[i] as number);
        }
      }
      if (v.length > MAX_ATOMS) {
        const order = Array.from(m.keys()).sort((i, j) => (m[j] as number) - (m[i] as number));
        const keep = new Set(order.slice(0, MAX_ATOMS));
        const spill: [number, number][] = [];
        const kv: number[] = [];
        const km: number[] = [];
        v.forEach((t, i) => {
          if (keep.has(i)) {
            kv.push(t);
            km.push(m[i] as number);
          } else spill.push([t, m[i] as number]);
        });
        // Spread onto the lattice, widening it where needed.
        let lo = q.length > 0 ? o : this.n;
        let hi = q.length > 0 ? o + q.length : 0;
        for (const [t] of spill) {
          const k = Math.floor(t / this.h + 1e-9);
          lo = Math.min(lo, k);
          hi = Math.max(hi, Math.min(this.n, k + 2));
        }
        const r = this.zeros(hi - lo);
        r.set(q, q.length > 0 ? o - lo : 0);
        for (const [t, mass] of spill) {
          const u = t / this.h;
          const k = Math.floor(u + 1e-9);
          const f = Math.max(0, u - k);
          r[k - lo] = (r[k - lo] as number) + mass * (1 - f);
          if (k + 1 - lo < r.length) r[k + 1 - lo] = (r[k + 1 - lo] as number) + mass * f;
          else extra += mass * f;
        }
        o = lo;
        q = r;
        return trimmed(o, q, over + extra, this.n, this.fromList(kv), this.fromList(km));
      }
      return trimmed(o, q, over, this.n, this.fromList(v), this.fromList(m));
    }
    return trimmed(o, q, over, this.n, at, am);
  }
}

/** Widens [lo, hi) (lattice points, capped at n) to hold len points from off. */
function span(range: { lo: number; hi: number }, off: number, len: number, n: number): void {
  if (len <= 0) return;
  range.lo = Math.min(range.lo, off);
  range.hi = Math.min(n, Math.max(range.hi, off + len));
}

/** Widens the range to hold b's lattice part shifted by each of a's point masses (spacing h ms). */
function spanShifts(range: { lo: number; hi: number }, a: Pmf, b: Pmf, h: number, n: number): void {
  if (b.p.length === 0) return;
  for (let i = 0; i < a.at.length; i++) span(range, b.off + Math.floor((a.at[i] as number) / h + 1e-9), b.p.length + 1, n);
}

/**
 * Adds b's lattice part shifted by each of a's point masses into r (first entry: point lo); a shift by
 * v = (k + f)·h lands 1 − f on shift k and f on k + 1. Returns the work.
 */
function addShifts(r: Float64Array, lo: number, a: Pmf, b: Pmf, h: number): number {
  if (b.p.length === 0) return 0;
  let work = 0;
  for (let i = 0; i < a.at.length; i++) {
    const u = (a.at[i] as number) / h;
    const k = Math.floor(u + 1e-9);
    const f = Math.max(0, u - k);
    const m = a.am[i] as number;
    work += shiftInto(r, lo, b, k, m * (1 - f));
    if (f > 1e-9) work += shiftInto(r, lo, b, k + 1, m * f);
  }
  return work;
}

/**
 * Adds the convolution of s and l into r, s[i]·l[j] landing on r[base + i + j] (cut at r's end); returns the
 * multiply-adds, counted per nonzero s[i] as a plain double loop would. Two rows of s at a time: each entry of r
 * still receives its terms in the order of i, each rounded as before ((r + s[i]·l[j]) + s[i+1]·l[j−1]), so the
 * sums are the same bit for bit; r is read and written half as often (~1.5× faster, interpreted or optimised).
 */
export function convolveInto(r: Float64Array, base: number, sp: Float64Array, lp: Float64Array): number {
  let work = 0;
  for (let i = 0; i < sp.length; ) {
    const w0 = sp[i] as number;
    const o = base + i;
    const end0 = Math.min(lp.length, r.length - o);
    const w1 = i + 1 < sp.length ? (sp[i + 1] as number) : 0;
    if (w0 === 0 || w1 === 0 || end0 <= 0) {
      // One row (a zero row adds nothing and counts no work).
      if (w0 !== 0) {
        for (let j = 0; j < end0; j++) r[o + j] = (r[o + j] as number) + w0 * (lp[j] as number);
        if (end0 > 0) work += end0;
      }
      i++;
      continue;
    }
    // Row i covers r[o .. o + end0), row i + 1 covers r[o + 1 .. o + 1 + end1), and o + 1 + end1 ≥ o + end0.
    const end1 = Math.min(lp.length, r.length - o - 1);
    r[o] = (r[o] as number) + w0 * (lp[0] as number);
    let before = lp[0] as number;
    let j = 1;
    for (; j < end0; j++) {
      const here = lp[j] as number;
      r[o + j] = (r[o + j] as number) + w0 * here + w1 * before;
      before = here;
    }
    for (; j <= end1; j++) r[o + j] = (r[o + j] as number) + w1 * (lp[j - 1] as number);
    work += end0;
    if (end1 > 0) work += end1;
    i += 2;
  }
  return work;
}

/** Mass at lattice point k (0 outside the stored range). */
function pointMass(d: Pmf, k: number): number {
  const i = k - d.off;
  return i >= 0 && i < d.p.length ? (d.p[i] as number) : 0;
}

/** Adds w × b's lattice part, shifted by k points, into r (whose first entry is point lo); returns the work. */
function shiftInto(r: Float64Array, lo: number, b: Pmf, k: number, w: number): number {
  if (!(w > 0)) return 0;
  const o = b.off + k - lo;
  const end = Math.min(b.p.length, r.length - o);
  for (let j = 0; j < end; j++) r[o + j] = (r[o + j] as number) + w * (b.p[j] as number);
  return Math.max(0, end);
}

/**
 * Drops negligible lattice entries at both ends: those at the top are counted beyond the lattice, as a bound.
 * `p` must be the caller's own fresh array: the result may be a view on it, and its first kept entry changes.
 */
function trimmed(off: number, p: Float64Array, over: number, n: number, at: Float64Array, am: Float64Array): Pmf {
  let a = 0;
  let b = p.length;
  let low = 0;
  while (a < b && low + (p[a] as number) < TRIM) low += p[a++] as number;
  let high = 0;
  while (b > a && high + (p[b - 1] as number) < TRIM) high += p[--b] as number;
  if (a === 0 && b === p.length) return { off: p.length > 0 ? off : n, p, over, at, am };
  const q = p.subarray(a, b);
  // Mass dropped below moves up to the first kept point (later, never earlier: a bound like the top's).
  if (q.length > 0) q[0] = (q[0] as number) + low;
  else high += low;
  return { off: q.length > 0 ? off + a : n, p: q, over: over + high, at, am };
}
