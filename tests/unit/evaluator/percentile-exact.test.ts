import { describe, expect, it } from "vitest";
import { normalQuantile, simulatePercentiles } from "@/lib/core/evaluator/percentiles";
import { normalCdf, Z99 } from "@/lib/core/evaluator/queueing";
import * as X from "@/lib/core/evaluator/percentiles-exact";
import { evalOk, loadExample, type Doc } from "./helpers";
import { designs } from "./percentile-designs";

// Issue #12 item 13: percentiles are exact where the model has a closed form, else sampled from ≥ 100,000
// requests.

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
  it.each(designs())("%s: exact, or sampled from at least 100,000 requests", (_name, doc) => {
    const l = evalOk(doc).latency;
    if (l.exact) expect(l.samples).toBe(0);
    else expect(l.samples).toBeGreaterThanOrEqual(100_000);
  });

  it("most of the graded corpus and the reference designs are exact", () => {
    const all = designs();
    const exact = all.filter(([, d]) => evalOk(d).latency.exact).length;
    // 54 of 74 at model 2.2.0; the rest sum two lognormal times on one path or queue non-negligibly.
    expect(exact / all.length).toBeGreaterThan(0.6);
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
    for (const name of ["three-tier", "request-journey", "global-read-heavy"]) {
      const doc = loadExample(name);
      const exact = evalOk(doc).latency;
      const sampled = evalOk(doc, { samples: 400_000 }).latency;
      expect(exact.exact).toBe(true);
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
    const calls = Array.from({ length: 14 }, (_, i) => i);
    const doc: Doc = {
      version: 1,
      name: "coins",
      scenario: { rps: 1, readRatio: 1 },
      nodes: [
        { id: "c", kind: "client" },
        { id: "api", kind: "service", props: { serviceTimeMs: 1, replicas: 2 } },
        ...calls.map((i) => ({ id: `s${i}`, kind: "service", props: { serviceTimeMs: 2 ** i / 100, replicas: 2 } })),
      ],
      edges: [
        { id: "e", from: "c", to: "api", props: { rttMs: 1, timeoutMs: 5000 } },
        ...calls.map((i) => ({
          id: `e${i}`,
          from: "api",
          to: `s${i}`,
          props: { rttMs: 0.5, callProbability: 0.5, keepAlive: true, timeoutMs: 5000 },
        })),
      ],
    };
    const l = evalOk(doc).latency;
    expect(l.exact).toBe(false);
    expect(l.samples).toBeGreaterThanOrEqual(100_000);
  });

  it("two lognormal times on one path are sampled, and the p99 stays within 2 % of a 400,000-request run", () => {
    const doc = loadExample("payments-idempotency");
    const l = evalOk(doc).latency;
    expect(l.exact).toBe(false);
    const big = evalOk(doc, { samples: 400_000 }).latency;
    expect(Math.abs(l.p99Ms - big.p99Ms)).toBeLessThanOrEqual(0.02 * big.p99Ms);
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
