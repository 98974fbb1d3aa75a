import { describe, expect, it } from "vitest";
import { normalQuantile, percentileCache, simulatePercentiles } from "@/lib/core/evaluator/percentiles";
import { percentileInputs } from "../../../bench/lib/percentile-inputs";
import { erlangC, normalCdf, Z99 } from "@/lib/core/evaluator/queueing";
import * as X from "@/lib/core/evaluator/percentiles-exact";
import { evalOk, loadExample, type Doc } from "./helpers";
import { coinFlips, designs, erlang2Quantile } from "./percentile-designs";

// Issue #12 item 13: percentiles are exact where the model has a closed form, numeric (convolution on a grid,
// `exact: false, samples: 0`) where it does not, and sampled from ≥ 100,000 requests only beyond the numeric
// work budget.

/** A client calling one service (own time lognormal from median and p99) over a 20 ms hop. */
function single(service: Record<string, unknown>, edge: Record<string, unknown> = {}, scenario: Doc = {}): Doc {
  return {
    version: 1,
    name: "single",
    scenario: { rps: 1, readRatio: 1, ...scenario },
    nodes: [
      { id: "c", kind: "client" },
      { id: "api", kind: "service", props: { replicas: 2, ...service } },
    ],
    edges: [{ id: "e1", from: "c", to: "api", props: { rttMs: 20, timeoutMs: 5000, ...edge } }],
  };
}

describe("sample count", () => {
  it.each(designs())("%s: exact or numeric (no samples), or sampled from at least 100,000 requests", (_name, doc) => {
    const l = evalOk(doc).latency;
    if (l.exact || l.samples === 0) expect(l.samples).toBe(0);
    else expect(l.samples).toBeGreaterThanOrEqual(100_000);
  });

  it("every graded-corpus design and reference example except the generated one is computed, not sampled", () => {
    const all = designs().filter(([name]) => !name.startsWith("generated"));
    const sampled = all.filter(([, d]) => evalOk(d).latency.samples > 0).map(([name]) => name);
    // At model 2.2.0, 20 of 74 were sampled (two lognormal times on one path, or real queueing).
    expect(sampled).toEqual([]);
  });
});

describe("exact percentiles", () => {
  it("a lognormal own time gives its closed-form quantiles (hop + median · e^(σ z))", () => {
    const l = evalOk(single({ serviceTimeMs: 10, serviceTimeP99Ms: 40 })).latency;
    expect(l.exact).toBe(true);
    const sigma = Math.log(4) / Z99;
    expect(l.p50Ms).toBe(30);
    expect(l.p95Ms).toBeCloseTo(20 + 10 * Math.exp(sigma * 1.6448536), 1);
    expect(l.p99Ms).toBeCloseTo(60, 1);
  });

  it("a timeout cuts the lognormal and a retry re-draws it: F(t) = F₁(t) + (1 − F₁(T))·F₁(t − T)", () => {
    // Attempt = 20 ms hop + own time Y (median 10, p99 40); the 40 ms timeout lets an attempt through when
    // Y ≤ 20 ms, with probability s = Φ(ln 2 / σ) ≈ 0.878. One retry, no backoff.
    const l = evalOk(single({ serviceTimeMs: 10, serviceTimeP99Ms: 40 }, { timeoutMs: 40, retries: 1, backoff: "none" })).latency;
    expect(l.exact).toBe(true);
    const sigma = Math.log(4) / Z99;
    const s = normalCdf(Math.log(2) / sigma);
    expect(l.p50Ms).toBe(30);
    // p95 lies in the retried attempts: 40 ms spent, then 20 + Y with P(Y ≤ y) = (0.95 − s) / (1 − s).
    expect(l.p95Ms).toBeCloseTo(60 + 10 * Math.exp(sigma * normalQuantile((0.95 - s) / (1 - s))), 1);
    // Both attempts cut with probability (1 − s)² ≈ 1.5 %: the p99 is the sum of the two timeouts.
    expect(l.p99Ms).toBe(80);
  });

  it("a p99 exactly where cold connections begin (coldRatio 1 %) is the first cold request, not the last warm one", () => {
    // The warm requests' lognormal tail never holds all of their 99 %: the 99th percentile is where the cold
    // ones start. A sampled estimate used to read the largest warm sample here.
    const doc = single({ serviceTimeMs: 3, serviceTimeP99Ms: 12 }, { tls: "1.3" }, { coldRatio: 0.01 });
    const l = evalOk(doc).latency;
    expect(l.exact).toBe(true);
    // Cold: TCP + TLS 1.3 (2 RTTs) + request RTT + at least the fastest own time.
    expect(l.p99Ms).toBeGreaterThan(60);
    expect(l.p95Ms).toBeLessThan(40);
  });

  it("agrees with a 400,000-request simulation within its sampling error", () => {
    for (const name of ["three-tier", "request-journey", "global-read-heavy", "payments-idempotency"]) {
      const doc = loadExample(name);
      const exact = evalOk(doc).latency;
      const sampled = evalOk(doc, { samples: 400_000 }).latency;
      expect(exact.samples).toBe(0);
      for (const k of ["p50Ms", "p95Ms", "p99Ms"] as const)
        expect(Math.abs(exact[k] - sampled[k])).toBeLessThanOrEqual(0.01 * sampled[k] + 0.1);
    }
  });

  it("simulatePercentiles reports 0 samples when exact and the seed changes nothing", () => {
    const doc = loadExample("three-tier");
    const a = evalOk(doc, { seed: 1 }).latency;
    const b = evalOk(doc, { seed: 99 }).latency;
    expect([a.p50Ms, a.p95Ms, a.p99Ms, a.samples]).toEqual([b.p50Ms, b.p95Ms, b.p99Ms, 0]);
    expect(typeof simulatePercentiles).toBe("function");
  });
});

describe("where there is no closed form", () => {
  it("too many distinct outcomes (2¹⁴ coin-flip combinations) fall back to 100,000 samples", () => {
    const doc = coinFlips();
    const l = evalOk(doc).latency;
    expect(l.exact).toBe(false);
    expect(l.samples).toBeGreaterThanOrEqual(100_000);
  });

  it("two lognormal times on one path are computed numerically, and the p99 stays within 1 % of a 400,000-request run", () => {
    const doc = loadExample("payments-idempotency");
    const l = evalOk(doc).latency;
    expect([l.exact, l.samples]).toEqual([false, 0]);
    const big = evalOk(doc, { samples: 400_000 }).latency;
    expect(Math.abs(l.p99Ms - big.p99Ms)).toBeLessThanOrEqual(0.01 * big.p99Ms);
  });
});

describe("closed-form algebra", () => {
  it("a mixture of point masses has the exact quantiles of its CDF", () => {
    const d = X.mix([
      [X.atom(10), 0.5],
      [X.atom(20), 0.49],
      [X.atom(100), 0.01],
    ]);
    expect(X.quantile(d, 0.5)).toBe(10);
    expect(X.quantile(d, 0.99)).toBe(20);
    expect(X.quantile(d, 0.995)).toBe(100);
  });

  it("max with a constant moves the lognormal's mass below it onto it", () => {
    const d = X.max(X.atom(10), X.lognormal(10, 0.5));
    expect(X.cdf(d, 10)).toBeCloseTo(0.5, 6);
    expect(X.quantile(d, 0.4)).toBe(10);
    expect(X.quantile(d, 0.975)).toBeCloseTo(10 * Math.exp(0.5 * 1.959964), 4);
  });

  it("refuses what has no closed form (a sum or a max of two lognormals)", () => {
    expect(() => X.add(X.lognormal(10, 0.5), X.lognormal(10, 0.5))).toThrow(X.NotClosedForm);
    expect(() => X.max(X.lognormal(10, 0.5), X.lognormal(10, 0.5))).toThrow(X.NotClosedForm);
  });
});

describe("numeric algebra (convolution on a grid)", () => {
  it("the sum of two exponentials of one rate is Erlang-2: F(t) = 1 − e^(−rt)(1 + rt), quantiles within 0.2 %", () => {
    const r = 0.1;
    const d = X.add(X.exponential(r), X.exponential(r), new X.Numeric());
    expect(d.approx).toBe(true);
    for (const q of [0.5, 0.95, 0.99]) {
      const want = erlang2Quantile(r, q);
      expect(Math.abs(X.quantile(d, q) - want) / want).toBeLessThan(0.002);
    }
  });

  it("the sum of two lognormals matches a fine quadrature of ∫ f₁(y)·F₂(t − y) dy within 0.2 %", () => {
    const s1 = Math.log(3) / Z99;
    const s2 = Math.log(4) / Z99;
    const d = X.add(X.lognormal(10, s1), X.lognormal(30, s2), new X.Numeric());
    const F2 = (t: number) => (t <= 0 ? 0 : normalCdf((Math.log(t) - Math.log(30)) / s2));
    const F = (t: number) => {
      // Midpoint rule in u = ln y over ±9σ with 20,000 steps.
      const n = 20_000;
      const a = Math.log(10) - 9 * s1;
      const h = (18 * s1) / n;
      let c = 0;
      for (let i = 0; i < n; i++) {
        const u = a + (i + 0.5) * h;
        const z = (u - Math.log(10)) / s1;
        c += (Math.exp(-0.5 * z * z) / (s1 * Math.sqrt(2 * Math.PI))) * h * F2(t - Math.exp(u));
      }
      return c;
    };
    for (const q of [0.5, 0.95, 0.99]) {
      let lo = 0;
      let hi = 2000;
      for (let i = 0; i < 40; i++) {
        const mid = (lo + hi) / 2;
        if (F(mid) >= q) hi = mid;
        else lo = mid;
      }
      expect(Math.abs(X.quantile(d, q) - hi) / hi).toBeLessThan(0.002);
    }
  });

  it("a result's flat tails are thinned: half the points of the full grid, the same quantiles", () => {
    // The full 3 % grid of this sum has 305 points; the points a chord reproduces within 1e-6 of probability
    // (mostly beyond ±5σ) are dropped, so every later convolution with it costs a quarter as much.
    const d = X.add(X.lognormal(10, 0.5), X.lognormal(20, 0.4), new X.Numeric());
    const grid = d.pieces[0]?.b as unknown as X.Table;
    expect(grid.x.length).toBeLessThan(200);
    // The quantiles of the unthinned grid (recorded before thinning), to 1e-6 relative.
    const full = [31.319761211045947, 53.15050411052859, 66.36669026670884];
    [0.5, 0.95, 0.99].forEach((q, i) => {
      expect(Math.abs(X.quantile(d, q) - (full[i] as number)) / (full[i] as number)).toBeLessThan(1e-6);
    });
  });

  it("without a real queue wait the wait-free bound is the same distribution, not computed twice", () => {
    // payments-idempotency queues nowhere for real: each node's distribution is computed once per evaluation.
    const cache = percentileCache();
    const doc = loadExample("payments-idempotency");
    const l = evalOk(doc).latency;
    expect([l.exact, l.samples]).toEqual([false, 0]);
    const inputs = percentileInputs(doc);
    const r = simulatePercentiles({ ...inputs, seed: 1, cache });
    expect([r.p99Ms, r.samples]).toEqual([l.p99Ms, 0]);
    // One entry per distinct node (the main client excluded); the old code added a second, "wait-free" set.
    expect(cache.fps.size).toBeLessThanOrEqual(inputs.model.order.length - 1);
  });

  it("max of two lognormals is the product of their CDFs", () => {
    const d = X.max(X.lognormal(10, 0.5), X.lognormal(10, 0.5), new X.Numeric());
    // P(max ≤ median) = 1/4.
    expect(X.cdf(d, 10)).toBeCloseTo(0.25, 3);
    expect(X.quantile(d, 0.25)).toBeCloseTo(10, 1);
  });
});

describe("M/M/c waits in the distribution (issue #12, Erlang C)", () => {
  // One replica with 4 slots, 10 ms each, at 300 rps: a = 3 Erlangs, c = 4, C(4, 3) ≈ 0.509, and the wait
  // given that it waits is exponential at cμ − λ = 0.4 − 0.3 = 0.1 per ms. The service's own time is constant,
  // so the request time is a constant plus W with P(W > t) = C·e^(−0.1 t): p_q = k + ln(C / (1 − q)) / 0.1.
  const doc = single({ serviceTimeMs: 10, replicas: 1, concurrency: 4 }, {}, { rps: 300, coldRatio: 0 });

  it("the percentiles are the closed form of the Erlang C waiting time", () => {
    const l = evalOk(doc).latency;
    const C = erlangC(4, 3);
    expect(C).toBeGreaterThan(0.5);
    expect(l.exact).toBe(true);
    const k = l.p99Ms - Math.log(C / 0.01) / 0.1;
    expect(l.p95Ms - k).toBeCloseTo(Math.log(C / 0.05) / 0.1, 0);
    expect(l.p50Ms - k).toBeCloseTo(Math.log(C / 0.5) / 0.1, 0);
    // The constant is the hop and the service's own time.
    expect(k).toBeGreaterThanOrEqual(30 - 0.1);
    expect(k).toBeLessThan(31);
  });

  it("agrees with a 400,000-request simulation", () => {
    const l = evalOk(doc).latency;
    const s = evalOk(doc, { samples: 400_000 }).latency;
    for (const q of ["p50Ms", "p95Ms", "p99Ms"] as const) expect(Math.abs(l[q] - s[q])).toBeLessThanOrEqual(0.01 * s[q] + 0.1);
  });

  it("with a lognormal own time the wait is convolved numerically, never below the closed form without spread", () => {
    const spread = evalOk(single({ serviceTimeMs: 10, serviceTimeP99Ms: 30, replicas: 1, concurrency: 4 }, {}, { rps: 300, coldRatio: 0 })).latency;
    const flat = evalOk(doc).latency;
    expect([spread.exact, spread.samples]).toEqual([false, 0]);
    expect(spread.p99Ms).toBeGreaterThan(flat.p99Ms);
  });
});
