import { describe, expect, it } from "vitest";
import { replicatedAvailability } from "@/lib/core/evaluator/availability";
import {
  erlangC,
  evaluateDesign,
  lognormalFromMedianP99,
  mmcQueue,
  mulberry32,
  regionRttMs,
} from "@/lib/core/evaluator/index";
import { normalQuantile } from "@/lib/core/evaluator/percentiles";
import { halfinWhitt, quantileSorted } from "@/lib/core/evaluator/queueing";
import { backoffTotalMs, callBudgetMs } from "@/lib/core/evaluator/resilience";
import { capacityBase, checklistBase, gradeOf, latencyBase, reliabilityBase } from "@/lib/core/evaluator/score";
import { edge, evalOk, good, node, sum, type Doc } from "./helpers";

const cap = (r: ReturnType<typeof evalOk>, id: string) => r.capacity.nodes.find((n) => n.nodeId === id);
const step = (r: ReturnType<typeof evalOk>, s: string, ref: string) =>
  r.latency.breakdown.find((b) => b.step === s && (b.nodeId === ref || b.edgeId === ref))?.ms;

function chain(extra: (d: Doc) => void = () => {}): Doc {
  // client → api → {cache, db}, all RTTs explicit so numbers are easy to follow.
  const d: Doc = {
    version: 1,
    name: "chain",
    scenario: { rps: 1, readRatio: 1 },
    nodes: [
      { id: "c", kind: "client" },
      { id: "api", kind: "service", props: { serviceTimeMs: 10, serviceTimeP99Ms: 10, replicas: 2 } },
      { id: "cache", kind: "cache", props: { hitRatio: 0.8, latencyMs: 1, ttlSeconds: 60 } },
      { id: "db", kind: "database", props: { queryMs: 20 } },
    ],
    edges: [
      { id: "e1", from: "c", to: "api", props: { rttMs: 10 } },
      { id: "e2", from: "api", to: "cache", props: { rttMs: 2, keepAlive: true } },
      { id: "e3", from: "api", to: "db", props: { rttMs: 2, keepAlive: true } },
    ],
  };
  extra(d);
  return d;
}

describe("request paths and branches", () => {
  it("cache-aside: reads reach the database only on a miss", () => {
    const r = evalOk(chain());
    expect(step(r, "request", "e3")).toBe(0.4); // 0.2 × 2 ms
    expect(step(r, "processing", "db")).toBe(4); // 0.2 × 20 ms
    // client RTT 10 + api 10 + cache (2 + 1) + 0.2 × (2 + 20)
    expect(r.latency.warmTtfbMs).toBe(27.4);
  });
  it("writes bypass caches and go to the database", () => {
    const r = evalOk(chain((d) => (d.scenario.readRatio = 0)));
    expect(step(r, "request", "e2")).toBeUndefined();
    expect(r.latency.warmTtfbMs).toBe(10 + 10 + 2 + 20);
  });
  it("reads and writes mix by readRatio", () => {
    const r = evalOk(chain((d) => (d.scenario.readRatio = 0.5)));
    // The waterfall mixes the two (0.5 × 27.4 + 0.5 × 42 = 34.7), but half the requests take 42 ms: the warm
    // TTFB never reads below the median of warm requests, and a "tail" step carries the difference.
    expect(r.latency.warmTtfbMs).toBe(42);
    expect(r.latency.breakdown.find((b) => b.step === "tail")?.ms).toBeCloseTo(42 - 34.7, 5);
  });
  it("callProbability overrides the implicit miss ratio", () => {
    const r = evalOk(chain((d) => (edge(d, "e3").props.callProbability = 0.5)));
    expect(step(r, "processing", "db")).toBe(10);
  });
  it("a CDN forwards reads to its origin on a miss; writes pass through", () => {
    const d: Doc = {
      version: 1,
      name: "cdn",
      scenario: { rps: 1, readRatio: 1 },
      nodes: [
        { id: "c", kind: "client" },
        { id: "cdn", kind: "cdn", props: { cacheHitRatio: 0.9, processingMs: 1 } },
        { id: "origin", kind: "service", props: { serviceTimeMs: 100 } },
      ],
      edges: [
        { id: "e1", from: "c", to: "cdn" },
        { id: "e2", from: "cdn", to: "origin", props: { rttMs: 50, keepAlive: true } },
      ],
    };
    const r = evalOk(d);
    expect(step(r, "request", "e1")).toBe(10); // client → PoP
    expect(step(r, "processing", "origin")).toBe(10);
    expect(step(r, "request", "e2")).toBe(5);
    d.scenario.readRatio = 0;
    expect(step(evalOk(d), "processing", "origin")).toBe(100);
  });
  it("sequential calls add up; parallel calls take the slowest", () => {
    const build = (parallel: boolean): Doc => ({
      version: 1,
      name: "par",
      scenario: { rps: 1 },
      nodes: [
        { id: "c", kind: "client" },
        { id: "api", kind: "service", props: { serviceTimeMs: 0 } },
        { id: "a", kind: "external_api", props: { latencyMs: 30 } },
        { id: "b", kind: "external_api", props: { latencyMs: 50 } },
      ],
      edges: [
        { id: "e0", from: "c", to: "api", props: { rttMs: 0 } },
        { id: "ea", from: "api", to: "a", props: { rttMs: 0, keepAlive: true, parallel } },
        { id: "eb", from: "api", to: "b", props: { rttMs: 0, keepAlive: true, parallel } },
      ],
    });
    expect(evalOk(build(false)).latency.warmTtfbMs).toBe(80);
    const p = evalOk(build(true));
    expect(p.latency.warmTtfbMs).toBe(50);
    expect(p.latency.breakdown.some((s) => s.nodeId === "a")).toBe(false);
  });
  it("internal hops without keep-alive pay TCP (+TLS) on every call; with keep-alive only the RTT", () => {
    const off = evalOk(chain((d) => (edge(d, "e2").props = { rttMs: 2, keepAlive: false, tls: "1.3" })));
    expect(step(off, "tcp", "e2")).toBe(2);
    expect(step(off, "tls", "e2")).toBe(2);
    const on = evalOk(chain());
    expect(step(on, "tcp", "e2")).toBeUndefined();
    const pooled = evalOk(chain((d) => (edge(d, "e2").props = { rttMs: 2, poolSize: 4 })));
    expect(step(pooled, "tcp", "e2")).toBeUndefined();
  });
  it("a producer waits for the broker's acknowledgement; consumers are off the latency path but carry load", () => {
    const build = (ack?: boolean) =>
      chain((d) => {
        d.nodes.push(
          { id: "q", kind: "queue" },
          { id: "w", kind: "worker", props: { serviceTimeMs: 100, concurrency: 1 } },
        );
        d.edges.push(
          { id: "eq", from: "api", to: "q", props: { rttMs: 3, ...(ack === undefined ? {} : { ack }) } },
          { id: "ew", from: "q", to: "w" },
        );
        d.scenario.rps = 5;
      });
    const r = evalOk(build());
    // The publish costs its hop and the broker's own time (2 ms); the consumer's 100 ms is not on the path.
    expect(step(r, "request", "eq")).toBe(3);
    expect(step(r, "processing", "q")).toBe(2);
    expect(r.latency.breakdown.some((s) => s.nodeId === "w")).toBe(false);
    expect(cap(r, "w")?.arrivalRps).toBe(5);
    expect(cap(r, "w")?.utilization).toBe(0.5);
    // Delivery: broker 2 ms + hop 0.5 ms + M/M/1 wait at ρ = 0.5 (0.5 / (10 − 5) s = 100 ms) + 100 ms of work;
    // p99 with the M/M/1 wait's 99th percentile ln(0.5 / 0.01) / 5 per s ≈ 782.4 ms.
    expect(r.latency.delivery).toEqual([{ queueId: "q", consumerId: "w", expectedMs: 202.5, p99Ms: 884.9 }]);
    const fire = evalOk(build(false));
    expect(fire.latency.breakdown.some((s) => s.edgeId === "eq")).toBe(false);
    expect(fire.latency.warmTtfbMs).toBeLessThan(r.latency.warmTtfbMs);
  });
  it("RTTs come from the region matrix, same-zone default, and client defaults", () => {
    expect(regionRttMs("us-east", "eu-west")).toBe(68);
    expect(regionRttMs("eu-west", "us-east")).toBe(68);
    expect(regionRttMs("us-east", "us-east")).toBe(0.5);
    expect(regionRttMs("us-east", "mars-1")).toBe(150);
    const r = evalOk(
      chain((d) => {
        delete edge(d, "e1").props.rttMs;
        delete edge(d, "e3").props.rttMs;
        node(d, "c").region = "us-west";
        node(d, "api").region = "us-east";
        node(d, "db").region = "us-east";
      }),
    );
    expect(step(r, "request", "e1")).toBe(65);
    expect(step(r, "request", "e3")).toBe(0.1); // 0.2 × 0.5 ms
    const unknown = evalOk(chain((d) => delete edge(d, "e1").props.rttMs));
    expect(step(unknown, "request", "e1")).toBe(40);
  });
  it("the main client is the one with the largest share, ties to the smallest id", () => {
    const d = chain((x) => {
      x.nodes.push({ id: "b-client", kind: "client" });
      x.edges.push({ id: "e9", from: "b-client", to: "api", props: { rttMs: 100 } });
    });
    expect(step(evalOk(d), "request", "e9")).toBe(100); // "b-client" < "c"
    node(d, "c").props = { share: 2 };
    expect(step(evalOk(d), "request", "e9")).toBeUndefined();
  });
});

describe("capacity and queueing", () => {
  it("capacity = replicas × concurrency / serviceTime; utilisation = arrival / capacity", () => {
    // Little's law: a slot is held for the own 10 ms plus the downstream wait: every read asks the cache
    // (2 + 1 ms) and the database on a miss, 0.2 × (2 + 20) ms → 17.4 ms; 2 × 8 slots → 16 × 1000 / 17.4 rps.
    const r = evalOk(chain((d) => (d.scenario.rps = 400)));
    const c = cap(r, "api");
    expect(c?.capacityRps).toBeCloseTo(16_000 / 17.4, 1);
    expect(c?.utilization).toBeCloseTo((400 * 17.4) / 16_000, 3);
    expect(r.capacity.bottleneckNodeId).toBe("api");
    // Without the downstream calls the slot is held for the own time only.
    const alone = evalOk(chain((d) => ((d.scenario.rps = 400), (d.edges = d.edges.filter((e: Doc) => e.id === "e1")))));
    expect(cap(alone, "api")).toEqual({ nodeId: "api", arrivalRps: 400, capacityRps: 1600, utilization: 0.25 });
  });
  it("M/M/c: Erlang C and the M/M/1 special case", () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(3, 3)).toBe(1);
    const q = mmcQueue(50, 1, 10, 5000); // λ = 50/s, μ = 100/s → Wq = ρ/(μ−λ) = 0.5/50 s = 10 ms
    expect(q.meanWaitMs).toBeCloseTo(10, 9);
    expect(mmcQueue(200, 1, 10, 5000)).toMatchObject({ overloaded: true, meanWaitMs: 5000 });
  });
  it("very large server pools use the Halfin–Whitt approximation, close to the exact Erlang C", () => {
    expect(Math.abs(halfinWhitt(4000, 3900) - erlangC(4000, 3900))).toBeLessThan(0.02);
    expect(erlangC(100_000, 99_000)).toBeGreaterThan(0);
    expect(erlangC(100_000, 99_000)).toBeLessThan(1);
    expect(erlangC(100_000, 50_000)).toBe(0);
  });
  it("pathological graphs (paths exploding through shared layers) still evaluate, with finite numbers", () => {
    const nodes: Doc[] = [{ id: "c", kind: "client" }];
    const edges: Doc[] = [];
    const layers: string[][] = [];
    for (let l = 0; l < 60; l++) {
      layers.push([]);
      for (let i = 0; i < 4; i++) {
        nodes.push({ id: `s${l}-${i}`, kind: "service", props: { replicas: 10, concurrency: 64, serviceTimeMs: 1 } });
        layers[l]?.push(`s${l}-${i}`);
      }
    }
    for (const id of layers[0] ?? []) edges.push({ id: `c-${id}`, from: "c", to: id });
    for (let l = 0; l + 1 < layers.length; l++)
      for (const a of layers[l] ?? [])
        for (const b of layers[l + 1] ?? [])
          edges.push({ id: `${a}>${b}`, from: a, to: b, props: { keepAlive: true } });
    const r = evaluateDesign({ version: 1, name: "ladder", scenario: { rps: 1 }, nodes, edges });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Number.isFinite(r.result.latency.p99Ms)).toBe(true);
    expect(r.result.latency.p50Ms).toBeLessThanOrEqual(r.result.latency.p99Ms);
    expect(JSON.parse(JSON.stringify(r.result))).toEqual(r.result);
  }, 120_000);
  it("queueing delay appears in the breakdown near saturation and the charge is fixed when overloaded", () => {
    const near = evalOk(chain((d) => (d.scenario.rps = 1500)));
    expect(step(near, "queueing", "api")).toBeGreaterThan(0);
    const over = evalOk(chain((d) => (d.scenario.rps = 2000)));
    expect(step(over, "queueing", "api")).toBe(5000);
  });
  it("databases: writes on the primary, reads spread over replicas", () => {
    const r = evalOk(
      chain((d) => {
        d.edges = d.edges.filter((e: Doc) => e.id !== "e2");
        node(d, "db").props = { queryMs: 10, readReplicas: 1 };
        node(d, "api").props.concurrency = 64;
        d.scenario = { rps: 1000, readRatio: 0.5 };
      }),
    );
    // per instance 32 × 1000 / 10 = 3200; primary = 500 writes + 250 reads
    expect(cap(r, "db")?.utilization).toBeCloseTo(750 / 3200, 4);
  });
  it("unindexed queries use unindexedQueryMs", () => {
    const r = evalOk(chain((d) => Object.assign(node(d, "db").props, { indexed: false, unindexedQueryMs: 500 })));
    expect(step(r, "processing", "db")).toBe(100);
  });
});

describe("availability", () => {
  it("replicas behind health checks: 1 − (1 − a)^n; without: a", () => {
    expect(replicatedAvailability(0.99, 3, true)).toBeCloseTo(1 - 1e-6, 12);
    expect(replicatedAvailability(0.99, 3, false)).toBe(0.99);
    expect(replicatedAvailability(0.99, 1, true)).toBe(0.99);
  });
  it("serial components multiply", () => {
    const d: Doc = {
      version: 1,
      name: "serial",
      scenario: { readRatio: 1, rps: 1 },
      nodes: [
        { id: "c", kind: "client" },
        { id: "a", kind: "service", props: { availability: 0.99 } },
        { id: "b", kind: "external_api", props: { availability: 0.95 } },
      ],
      edges: [
        { id: "e1", from: "c", to: "a" },
        { id: "e2", from: "a", to: "b" },
      ],
    };
    // One replica in one zone (99.95 %), in one region (99.99 %), calling an external API.
    const a = 0.99 * 0.9995 * 0.9999;
    expect(evalOk(d).availability.estimate).toBeCloseTo(a * 0.95, 8);
    d.edges[1].props = { callProbability: 0.5 };
    expect(evalOk(d).availability.estimate).toBeCloseTo(a * (1 - 0.5 * 0.05), 8);
  });
  it("a health-checked LB in front of replicas hides single failures; no health checks do not", () => {
    const d = good();
    // Without the proxy's retry, which would mask a dead replica by re-drawing another one.
    delete edge(d, "e-api").props.retries;
    const withHc = evalOk(d).availability.estimate;
    node(d, "lb").props.healthCheck = { enabled: false };
    const without = evalOk(d).availability.estimate;
    expect(withHc - without).toBeGreaterThan(0.004);
  });
  it("a cache in cache-aside is a soft dependency", () => {
    const d = good();
    const base = evalOk(d).availability.estimate;
    node(d, "cache").props.availability = 0.5;
    expect(evalOk(d).availability.estimate).toBeCloseTo(base, 6);
  });
  it("nines: −log10(1 − a)", () => {
    const r = evalOk(chain((d) => (node(d, "api").props = { replicas: 1, availability: 0.999 })));
    expect(r.availability.nines).toBe(Math.round(-Math.log10(1 - r.availability.estimate) * 100) / 100);
    expect(r.availability.nines).toBeGreaterThan(2.5);
    expect(r.availability.nines).toBeLessThan(3);
  });
});

describe("resilience arithmetic", () => {
  it("backoff totals and call budgets", () => {
    expect(backoffTotalMs(3, "none")).toBe(0);
    expect(backoffTotalMs(3, "fixed")).toBe(300);
    expect(backoffTotalMs(3, "exponential")).toBe(700);
    expect(backoffTotalMs(3, "exponential_jitter")).toBe(350);
    expect(
      callBudgetMs({
        id: "e",
        from: "a",
        to: "b",
        mode: "sync",
        props: { timeoutMs: 100, retries: 2, backoff: "fixed" },
      }),
    ).toBe(500);
    expect(callBudgetMs({ id: "e", from: "a", to: "b", mode: "sync", props: {} })).toBeUndefined();
  });
});

describe("percentile machinery", () => {
  it("mulberry32 is deterministic and uniform-ish", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(sum(xs) / xs.length).toBeGreaterThan(0.45);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
  it("lognormal fit: σ = ln(p99/median)/z99", () => {
    const { mu, sigma } = lognormalFromMedianP99(10, 50);
    expect(mu).toBeCloseTo(Math.log(10), 12);
    expect(Math.exp(mu + 2.3263478740408408 * sigma)).toBeCloseTo(50, 9);
    expect(lognormalFromMedianP99(10, 5).sigma).toBe(0);
  });
  it("normal quantiles and nearest-rank percentiles", () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    const s = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantileSorted(s, 0.5)).toBe(50);
    expect(quantileSorted(s, 0.99)).toBe(99);
  });
  it("simulated percentiles follow service-time spread and cold connections", () => {
    const tight = evalOk(chain((d) => (node(d, "api").props.serviceTimeP99Ms = 10)));
    const wide = evalOk(chain((d) => (node(d, "api").props.serviceTimeP99Ms = 100)));
    expect(wide.latency.p99Ms).toBeGreaterThan(tight.latency.p99Ms + 30);
    const warm = evalOk(chain());
    const cold = evalOk(chain((d) => Object.assign(d.scenario, { coldRatio: 1 })));
    expect(cold.latency.p50Ms).toBeGreaterThan(warm.latency.p50Ms + 8); // + the 10 ms TCP handshake
  });
});

describe("score", () => {
  it("category bases and grades", () => {
    expect(latencyBase(100, 300)).toBe(100);
    expect(latencyBase(600, 300)).toBe(50);
    expect(reliabilityBase(0.999, 0.999)).toBe(100);
    expect(reliabilityBase(0.99, 0.999)).toBeCloseTo(66.67, 1);
    expect(capacityBase(0.5)).toBe(100);
    expect(capacityBase(1)).toBeCloseTo(60, 9);
    expect(capacityBase(3)).toBe(0);
    expect(checklistBase([])).toBe(100);
    expect(
      checklistBase([
        { id: "edge-tls", status: "pass", nodeIds: [] },
        { id: "keep-alive", status: "fail", nodeIds: [] },
        { id: "dns-ttl", status: "n/a", nodeIds: [] },
      ]),
    ).toBe(50);
    expect([95, 85, 75, 65, 10].map(gradeOf)).toEqual(["A", "B", "C", "D", "F"]);
  });
  it("findings cost points in their category", () => {
    const d = good();
    delete node(d, "cache").props.ttlSeconds; // cache-no-ttl: minor, reliability
    const r = evalOk(d);
    expect(r.categories.reliability.score).toBe(96);
    expect(r.score).toBeLessThan(100);
  });
});
