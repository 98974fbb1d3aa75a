import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateDesign, upgradeDesign, validateDesign } from "@/lib/core/evaluator/index";
import { edge, evalOk, good, node, ROOT, type Doc } from "./helpers";

// Model 2.0 (issue #12): one test per rule that model 1.1.0 got wrong. Each failed under 1.1.0.

const graded = (file: string): Doc =>
  JSON.parse(readFileSync(`${ROOT}tests/fixtures/graded/${file}.json`, "utf8")).design;
const cap = (r: ReturnType<typeof evalOk>, id: string) => r.capacity.nodes.find((n) => n.nodeId === id);
const findingOf = (r: ReturnType<typeof evalOk>, id: string) => r.findings.find((f) => f.id === id);

/** client → svc, one region, explicit RTTs. */
function simple(extra: (d: Doc) => void = () => {}): Doc {
  const d: Doc = {
    version: 2,
    name: "simple",
    scenario: { rps: 100, readRatio: 1, targets: { p99Ms: 500, availability: 0.99 } },
    nodes: [
      { id: "c", kind: "client", region: "us-east" },
      { id: "svc", kind: "service", region: "us-east", props: { replicas: 3, zones: 3, serviceTimeMs: 10, concurrency: 32 } },
    ],
    edges: [{ id: "e1", from: "c", to: "svc", props: { rttMs: 10, tls: "1.3" } }],
  };
  extra(d);
  return d;
}

describe("1. the score follows SLOs and error budgets, with stated caps", () => {
  it("POST retries at several layers without idempotency keys cap the grade at F, saying why", () => {
    const r = evalOk(graded("payments-idempotency/retries-everywhere-no-keys"));
    expect(r.score).toBeLessThanOrEqual(59);
    expect(r.grade).toBe("F");
    expect(r.scoreCap?.findingId).toBe("retry-non-idempotent");
    expect(r.scoreCap?.reason).toContain("idempotency");
  });
  it("a six-deep chain of single replicas at 97 % misses the availability target by far: F", () => {
    const r = evalOk(graded("payments-idempotency/six-deep-chain"));
    expect(r.availability.estimate).toBeLessThan(0.9);
    expect(r.score).toBeLessThanOrEqual(59);
    expect(r.caps.some((c) => c.findingId === "target-availability-missed")).toBe(true);
  });
  it("no timeout and no breaker on a slow PSP caps at D", () => {
    const r = evalOk(graded("payments-idempotency/no-timeouts-no-breaker"));
    expect(r.score).toBeLessThanOrEqual(69);
    expect(r.caps.some((c) => c.findingId === "timeout-missing" && c.max === 69)).toBe(true);
  });
  it("a penalty grows with the share of requests a finding touches", () => {
    const base = simple((d) => {
      d.nodes.push({ id: "x", kind: "service", region: "us-east", props: { replicas: 3, zones: 3 } });
      d.edges.push({ id: "e2", from: "svc", to: "x", props: { rttMs: 1, keepAlive: true, callProbability: 0.02 } });
    });
    const rare = evalOk(base);
    edge(base, "e2").props.callProbability = 1;
    const always = evalOk(base);
    expect(findingOf(rare, "timeout-missing")?.impact).toBeLessThan(findingOf(always, "timeout-missing")?.impact ?? 0);
    expect(rare.score).toBeGreaterThan(always.score);
  });
});

describe("2. Little's law: a slot is held while its request waits downstream", () => {
  it("24 slots waiting ~430 ms on an external API at 500 rps are ~9× overloaded, not 42 %", () => {
    const r = evalOk(graded("payments-idempotency/slots-held-by-psp"));
    expect(cap(r, "payments")?.utilization).toBeGreaterThan(8);
    expect(findingOf(r, "overload")?.nodeIds).toContain("payments");
    expect(r.grade).toBe("F");
  });
});

describe("3. routing groups: a request goes to ONE member", () => {
  const twoRegions = (routing: string) =>
    simple((d) => {
      d.nodes = [
        { id: "c", kind: "client", region: "eu-west" },
        { id: "dns", kind: "dns", props: { routing } },
        { id: "us", kind: "service", region: "us-east", props: { replicas: 3, zones: 3, serviceTimeMs: 10, concurrency: 32, availability: 0.9 } },
        { id: "eu", kind: "service", region: "eu-west", props: { replicas: 3, zones: 3, serviceTimeMs: 10, concurrency: 32, availability: 0.9 } },
      ];
      d.nodes[2].props.replicas = 1;
      d.nodes[3].props.replicas = 1;
      d.edges = [
        { id: "lookup", from: "c", to: "dns" },
        { id: "to-us", from: "c", to: "us" },
        { id: "to-eu", from: "c", to: "eu" },
      ];
    });
  it("latency-based DNS sends a European client to eu-west only: no added latencies, no doubled load", () => {
    const r = evalOk(twoRegions("latency"));
    expect(cap(r, "eu")?.arrivalRps).toBe(100);
    expect(cap(r, "us")?.arrivalRps).toBe(0);
    expect(r.latency.breakdown.some((s) => s.edgeId === "to-us")).toBe(false);
    expect(r.latency.p99Ms).toBeLessThan(100);
  });
  it("failover over two regions fails only when both do: 1 − Π(1 − A)", () => {
    const r = evalOk(twoRegions("failover"));
    // Each member: 0.9 × its three zones (1 − 0.0005³) × its region 0.9999.
    const a = 0.9 * (1 - 0.0005 ** 3) * 0.9999;
    expect(r.availability.estimate).toBeCloseTo(1 - (1 - a) ** 2, 6);
  });
  it("a load balancer with two target groups splits its load instead of doubling it", () => {
    const d = good();
    d.nodes.push({ id: "api2", kind: "service", props: { replicas: 3, serviceTimeMs: 12, concurrency: 16 } });
    d.edges.push({ id: "e-api2", from: "lb", to: "api2", props: { keepAlive: true, timeoutMs: 2000 } });
    const r = evalOk(d);
    const total = (cap(r, "api")?.arrivalRps ?? 0) + (cap(r, "api2")?.arrivalRps ?? 0);
    expect(total).toBeLessThan(d.scenario.rps * 1.05);
  });
});

describe("4. geo and anycast DNS reach the nearest region that has an entry", () => {
  it("Singapore users of a single us-east region pay the trans-Pacific RTT", () => {
    const d = good();
    node(d, "browser").region = "ap-southeast";
    node(d, "lb").region = "us-east";
    node(d, "dns").props.routing = "geo";
    const r = evalOk(d);
    expect(r.latency.breakdown.find((s) => s.step === "request" && s.edgeId === "e-edge")?.ms).toBe(215);
    expect(r.latency.p99Ms).toBeGreaterThan(215);
    expect(r.grade).not.toBe("A");
  });
});

describe("5. timeouts and retries change the numbers", () => {
  const slow = (props: Doc) =>
    simple((d) => {
      d.nodes.push({ id: "ext", kind: "external_api", props: { latencyMs: 100, latencyP99Ms: 2000, availability: 0.99 } });
      d.edges.push({ id: "call", from: "svc", to: "ext", props: { rttMs: 5, keepAlive: true, circuitBreaker: true, ...props } });
    });
  it("no p99 exceeds the sum of the timeouts (with retries and backoff) on its path", () => {
    const r = evalOk(slow({ timeoutMs: 150, retries: 1, backoff: "fixed" }));
    // client hop 10 + svc 10 + (150 + backoff 100 + 150) at most.
    expect(r.latency.p99Ms).toBeLessThanOrEqual(10 + 10 + 150 + 100 + 150);
    const none = evalOk(slow({}));
    expect(none.latency.p99Ms).toBeGreaterThan(r.latency.p99Ms);
  });
  it("retries add load in rps and exhausted attempts count as failures", () => {
    const once = evalOk(slow({ timeoutMs: 150 }));
    const thrice = evalOk(slow({ timeoutMs: 150, retries: 2, backoff: "exponential_jitter" }));
    expect(cap(thrice, "ext")?.arrivalRps).toBeGreaterThan(cap(once, "ext")?.arrivalRps ?? Infinity);
    // A tight timeout cuts attempts: those are failures until the retries re-draw them.
    const tight = evalOk(slow({ timeoutMs: 105 }));
    expect(tight.availability.estimate).toBeLessThan(once.availability.estimate);
    expect(thrice.availability.estimate).toBeGreaterThan(once.availability.estimate);
  });
});

describe("6. request mix per edge; idempotency judged on writes", () => {
  it("an edge that carries only reads sends the writes nowhere", () => {
    const d = simple((x) => {
      x.scenario.readRatio = 0.5;
      x.nodes.push({ id: "db", kind: "database", region: "us-east", props: { queryMs: 5 } });
      x.edges.push({ id: "q", from: "svc", to: "db", props: { rttMs: 1, keepAlive: true, timeoutMs: 100, requests: "read" } });
    });
    expect(cap(evalOk(d), "db")?.arrivalRps).toBe(50);
  });
  it("a service that retries writes behind a GET label is flagged", () => {
    const d = simple((x) => {
      x.scenario.readRatio = 0.5;
      x.nodes.push({ id: "db", kind: "database", region: "us-east", props: { queryMs: 5 } });
      x.edges.push({ id: "q", from: "svc", to: "db", props: { rttMs: 1, keepAlive: true, timeoutMs: 100, retries: 2, backoff: "exponential_jitter", method: "GET" } });
    });
    expect(findingOf(evalOk(d), "retry-non-idempotent")?.edgeIds).toEqual(["q"]);
    edge(d, "q").props.idempotencyKey = true;
    expect(findingOf(evalOk(d), "retry-non-idempotent")).toBeUndefined();
  });
});

describe("7. cache-aside is explicit (cacheFor) in v2 and inferred only when upgrading v1", () => {
  const counters = (version: 1 | 2, cacheFor?: string[]) =>
    simple((d) => {
      d.version = version;
      d.nodes.push(
        { id: "redis", kind: "cache", region: "us-east", props: { hitRatio: 0.9, replicas: 2, ttlSeconds: 60, ...(cacheFor ? { cacheFor } : {}) } },
        { id: "db", kind: "database", region: "us-east", props: { queryMs: 5 } },
      );
      d.edges.push(
        { id: "count", from: "svc", to: "redis", props: { rttMs: 1, keepAlive: true, timeoutMs: 20 } },
        { id: "q", from: "svc", to: "db", props: { rttMs: 1, keepAlive: true, timeoutMs: 100 } },
      );
    });
  it("a Redis used for counters is not the database's cache unless it says so", () => {
    expect(cap(evalOk(counters(2)), "db")?.arrivalRps).toBe(100);
    expect(cap(evalOk(counters(2, ["db"])), "db")?.arrivalRps).toBeCloseTo(10, 6);
  });
  it("a v1 document keeps its meaning: the upgrade writes cacheFor", () => {
    const v = validateDesign(counters(1));
    if (!v.ok) throw new Error("invalid");
    const up = upgradeDesign(v.design);
    expect(up.version).toBe(2);
    expect(up.nodes.find((n) => n.id === "redis")?.props).toMatchObject({ cacheFor: ["db"] });
    expect(cap(evalOk(counters(1)), "db")?.arrivalRps).toBeCloseTo(10, 6);
  });
});

describe("8. overload and rate limits", () => {
  it("past capacity, goodput ≈ capacity / arrival and the rest fail", () => {
    const r = evalOk(simple((d) => Object.assign(node(d, "svc").props, { replicas: 1, zones: 1, concurrency: 1, serviceTimeMs: 20 })));
    // 100 rps into 50 rps of capacity: half the requests fail.
    expect(r.availability.estimate).toBeLessThan(0.51);
    expect(r.availability.estimate).toBeGreaterThan(0.45);
  });
  it("a rate limiter answers the excess with 429s: availability falls, latency does not", () => {
    const d = simple((x) => {
      x.nodes.push({ id: "gw", kind: "gateway", region: "us-east", props: { rateLimitRps: 60 } });
      x.edges = [
        { id: "e1", from: "c", to: "gw", props: { rttMs: 10 } },
        { id: "e2", from: "gw", to: "svc", props: { rttMs: 1, keepAlive: true, timeoutMs: 100 } },
      ];
    });
    const r = evalOk(d);
    expect(r.availability.rejectedShare).toBeCloseTo(0.4, 6);
    expect(r.availability.estimate).toBeLessThan(0.61);
    expect(r.latency.p99Ms).toBeLessThan(50);
    expect(cap(r, "svc")?.arrivalRps).toBeCloseTo(60, 6);
  });
});

describe("9. asynchronous producers wait for the broker's acknowledgement", () => {
  it("an unavailable broker fails the publishing request", () => {
    const d = simple((x) => {
      x.nodes.push({ id: "q", kind: "queue", region: "us-east", props: { availability: 0.9 } });
      x.edges.push({ id: "pub", from: "svc", to: "q", props: { rttMs: 1, timeoutMs: 100 } });
    });
    const r = evalOk(d);
    expect(r.availability.estimate).toBeLessThan(0.91);
    edge(d, "pub").props.ack = false;
    expect(evalOk(d).availability.estimate).toBeGreaterThan(0.99);
  });
});

describe("10. zones and regions are failure domains; detection time costs availability", () => {
  it("ten replicas in one zone are never available with probability 1", () => {
    const r = evalOk(simple((d) => Object.assign(node(d, "svc").props, { replicas: 10, zones: 1, availability: 0.999 })));
    expect(r.availability.estimate).toBeLessThan(0.9995);
    const spread = evalOk(simple((d) => Object.assign(node(d, "svc").props, { replicas: 10, zones: 3, availability: 0.999 })));
    expect(spread.availability.estimate).toBeGreaterThan(r.availability.estimate);
  });
  it("a slower health check (interval × threshold) costs availability", () => {
    const d = good();
    const fast = evalOk(d).availability.estimate;
    node(d, "lb").props.healthCheck = { enabled: true, intervalSeconds: 60, unhealthyThreshold: 10 };
    expect(evalOk(d).availability.estimate).toBeLessThan(fast);
  });
});

describe("11. protocol details", () => {
  it("TLS 1.2 has no 0-RTT: a resumed TLS 1.2 connection pays 1 RTT", () => {
    const r = evalOk(simple((d) => (edge(d, "e1").props = { rttMs: 10, tls: "1.2", resumption: "0rtt", method: "GET" })));
    expect(r.latency.breakdown.find((s) => s.step === "tls")?.ms).toBe(10);
  });
  it("HTTP/3 always runs TLS 1.3 (1 RTT with QUIC), whatever the edge's tls says", () => {
    const r = evalOk(simple((d) => (edge(d, "e1").props = { rttMs: 10, tls: "1.2", httpVersion: "3" })));
    expect(r.latency.breakdown.find((s) => s.step === "quic")?.ms).toBe(10);
    expect(r.latency.breakdown.some((s) => s.step === "tls")).toBe(false);
  });
  it("balancers keep their upstream connections alive by default", () => {
    const d = good();
    delete edge(d, "e-api").props.keepAlive;
    expect(evalOk(d).latency.breakdown.some((s) => s.step === "tcp" && s.edgeId === "e-api")).toBe(false);
  });
});

describe("12. no hidden spreads", () => {
  it("a database without queryP99Ms takes exactly its stated time, and the result says so", () => {
    const d = simple((x) => {
      x.nodes.push({ id: "db", kind: "database", region: "us-east", props: { queryMs: 40 } });
      x.edges.push({ id: "q", from: "svc", to: "db", props: { rttMs: 0, keepAlive: true, timeoutMs: 1000 } });
      node(x, "svc").props.serviceTimeP99Ms = 10;
    });
    const r = evalOk(d);
    expect(r.latency.p99Ms).toBe(10 + 10 + 40);
    expect(r.assumptions.join(" ")).toContain("no spread is invented");
    node(d, "db").props.queryP99Ms = 120;
    expect(evalOk(d).latency.p99Ms).toBeGreaterThan(60);
  });
});

describe("14. bounded numbers", () => {
  it("refuses huge finite inputs and never emits NaN, Infinity or null", () => {
    const huge = simple((d) => (node(d, "svc").props.serviceTimeMs = 1e300));
    const v = evaluateDesign(huge);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.path)).toContain("nodes[1].props.serviceTimeMs");
    const big = simple((d) => Object.assign(node(d, "svc").props, { serviceTimeMs: 86_400_000, replicas: 1, zones: 1 }));
    const r = evalOk(big);
    const text = JSON.stringify(r);
    expect(text).not.toContain("null");
    expect(JSON.parse(text)).toEqual(r);
  });
});

describe("15. every client group is timed against the target", () => {
  it("reports per-client percentiles and caps on the ones that miss", () => {
    const r = evalOk(graded("url-shortener/no-cdn"));
    const eu = r.latency.clients.find((c) => c.clientId === "visitors-eu");
    const us = r.latency.clients.find((c) => c.clientId === "visitors-us");
    expect(us?.targetMet).toBe(true);
    expect(eu?.targetMet).toBe(false);
    expect(r.caps.some((c) => c.findingId === "target-p99-missed" && c.reason.includes("visitors-eu"))).toBe(true);
  });
});

describe("16. sharded stores", () => {
  it("a hot key concentrates load on one shard", () => {
    const d = simple((x) => {
      x.nodes.push({ id: "db", kind: "database", region: "us-east", props: { queryMs: 5, shards: 8 } });
      x.edges.push({ id: "q", from: "svc", to: "db", props: { rttMs: 1, keepAlive: true, timeoutMs: 100 } });
    });
    d.scenario.rps = 4000;
    const even = cap(evalOk(d), "db")?.utilization ?? 0;
    node(d, "db").props.hotKeyShare = 0.5;
    // One shard of eight takes half the load instead of an eighth: 4× the utilisation.
    expect((cap(evalOk(d), "db")?.utilization ?? 0) / even).toBeCloseTo(4, 2);
  });
});
