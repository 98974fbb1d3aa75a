import { describe, expect, it } from "vitest";
import { FINDING_IDS, FINDING_LINKS } from "@/lib/core/evaluator/index";
import { edge, evalOk, finding, findingIds, good, node, type Doc } from "./helpers";

// Every finding: fires when it should (from a mutation of the good three-tier design) and stays quiet otherwise.

const baseline = evalOk(good());

function fires(mutate: (d: Doc) => void, id: string) {
  const d = good();
  mutate(d);
  const r = evalOk(d);
  expect(findingIds(r), `${id} should fire`).toContain(id);
  const f = finding(r, id);
  expect(f?.chapter).toBe(FINDING_LINKS[id as keyof typeof FINDING_LINKS]);
  expect(f?.title.length).toBeGreaterThan(0);
  expect(f?.detail.length).toBeGreaterThan(20);
  expect(f?.fix.length).toBeGreaterThan(10);
  return f as NonNullable<typeof f>;
}

function quiet(mutate: (d: Doc) => void, id: string) {
  const d = good();
  mutate(d);
  expect(findingIds(evalOk(d)), `${id} should stay quiet`).not.toContain(id);
}

const addFirewall = (d: Doc, props: Record<string, unknown>) => d.nodes.push({ id: "fw", kind: "firewall", props });
const addExternal = (d: Doc, edgeProps: Record<string, unknown>) => {
  d.nodes.push({ id: "psp", kind: "external_api", props: { latencyMs: 50 } });
  d.edges.push({
    id: "e-psp",
    from: "api",
    to: "psp",
    props: { keepAlive: true, timeoutMs: 500, callProbability: 0.1, ...edgeProps },
  });
};

describe("the good design raises nothing", () => {
  it("has no findings and scores 100", () => {
    expect(baseline.findings).toEqual([]);
    expect(baseline.score).toBe(100);
  });
});

describe("security findings", () => {
  it("db-exposed: publicAccess, public zone, or a firewall letting 5432 in from the internet", () => {
    expect(fires((d) => (node(d, "db").props.publicAccess = true), "db-exposed").nodeIds).toEqual(["db"]);
    fires((d) => (node(d, "db").zone = "public"), "db-exposed");
    const f = fires(
      (d) =>
        addFirewall(d, {
          defaultAction: "deny",
          rules: [{ action: "allow", direction: "inbound", protocol: "tcp", port: 5432 }],
        }),
      "db-exposed",
    );
    expect(f.detail).toContain("rule 1");
    quiet(
      (d) =>
        addFirewall(d, {
          defaultAction: "deny",
          rules: [{ action: "allow", direction: "inbound", protocol: "tcp", port: 5432, source: "10.0.0.0/8" }],
        }),
      "db-exposed",
    );
    quiet(
      (d) =>
        (node(d, "db").props.engine = "mysql") &&
        addFirewall(d, { rules: [{ action: "allow", direction: "inbound", protocol: "tcp", port: 5432 }] }),
      "db-exposed",
    );
  });
  it("firewall-default-allow", () => {
    fires((d) => addFirewall(d, { defaultAction: "allow", rules: [] }), "firewall-default-allow");
    quiet((d) => addFirewall(d, { defaultAction: "deny", rules: [] }), "firewall-default-allow");
    quiet((d) => addFirewall(d, {}), "firewall-default-allow");
  });
  it("ssh-open: by a rule or by default allow, not when denied first or limited to internal sources", () => {
    fires(
      (d) =>
        addFirewall(d, {
          rules: [{ action: "allow", direction: "inbound", protocol: "tcp", port: 22, source: "0.0.0.0/0" }],
        }),
      "ssh-open",
    );
    fires((d) => addFirewall(d, { defaultAction: "allow", rules: [] }), "ssh-open");
    quiet(
      (d) =>
        addFirewall(d, {
          rules: [
            { action: "deny", direction: "inbound", protocol: "tcp", port: 22, source: "internet" },
            { action: "allow", direction: "inbound", protocol: "any", port: "any" },
          ],
        }),
      "ssh-open",
    );
    quiet(
      (d) =>
        addFirewall(d, {
          rules: [{ action: "allow", direction: "inbound", protocol: "tcp", port: 22, source: "internal" }],
        }),
      "ssh-open",
    );
  });
  it("no-edge-tls", () => {
    fires((d) => (node(d, "lb").props.tlsTermination = false), "no-edge-tls");
    quiet((d) => {
      node(d, "lb").props.tlsTermination = false;
      edge(d, "e-edge").props.tls = "1.3";
    }, "no-edge-tls");
  });
  it("deprecated-tls: minTls 1.0/1.1 at the edge or on an edge", () => {
    fires((d) => (node(d, "lb").props.minTls = "1.0"), "deprecated-tls");
    fires((d) => (edge(d, "e-api").props.tls = "1.1"), "deprecated-tls");
    quiet((d) => (node(d, "lb").props.minTls = "1.3"), "deprecated-tls");
  });
  it("cors-wildcard", () => {
    fires((d) => (node(d, "api").props.corsOrigins = ["*"]), "cors-wildcard");
    fires((d) => (node(d, "lb").props.corsOrigins = ["https://*.example.com"]), "cors-wildcard");
    quiet(
      (d) => (node(d, "api").props.corsOrigins = ["https://a.example.com", "https://b.example.com"]),
      "cors-wildcard",
    );
  });
  it("zero-rtt-non-idempotent: 0-RTT on POST/PATCH only", () => {
    fires(
      (d) => Object.assign(edge(d, "e-edge").props, { resumption: "0rtt", method: "POST" }),
      "zero-rtt-non-idempotent",
    );
    fires(
      (d) => Object.assign(edge(d, "e-edge").props, { resumption: "0rtt", method: "PATCH" }),
      "zero-rtt-non-idempotent",
    );
    quiet(
      (d) => Object.assign(edge(d, "e-edge").props, { resumption: "0rtt", method: "GET" }),
      "zero-rtt-non-idempotent",
    );
    quiet(
      (d) => Object.assign(edge(d, "e-edge").props, { resumption: "session", method: "POST" }),
      "zero-rtt-non-idempotent",
    );
  });
});

describe("reliability findings", () => {
  it("no-health-check quantifies the dead replica's share", () => {
    const f = fires((d) => (node(d, "lb").props.healthCheck = { enabled: false }), "no-health-check");
    expect(f.detail).toContain("1/3");
    expect(f.nodeIds).toEqual(["lb"]);
    fires((d) => delete node(d, "lb").props.healthCheck, "no-health-check");
  });
  it("spof: single replica, database without replica, single cache outside cache-aside", () => {
    expect(fires((d) => (node(d, "api").props.replicas = 1), "spof").nodeIds).toEqual(["api"]);
    expect(fires((d) => (node(d, "db").props.readReplicas = 0), "spof").nodeIds).toEqual(["db"]);
    // In cache-aside a cache is a soft dependency: one replica is not a SPOF.
    quiet((d) => (node(d, "cache").props.replicas = 1), "spof");
    fires((d) => {
      node(d, "cache").props.replicas = 1;
      d.edges = d.edges.filter((e: Doc) => e.id !== "e-db");
    }, "spof");
  });
  it("timeout-missing lists every server-side call without a timeout", () => {
    const f = fires((d) => {
      delete edge(d, "e-db").props.timeoutMs;
      delete edge(d, "e-cache").props.timeoutMs;
    }, "timeout-missing");
    expect(f.edgeIds).toEqual(["e-cache", "e-db"]);
    expect(f.detail).toContain("2 calls");
  });
  it("timeout-budget: caller gives up before the callee's own retries can finish", () => {
    const f = fires((d) => {
      edge(d, "e-api").props.timeoutMs = 400;
      Object.assign(edge(d, "e-db").props, { timeoutMs: 300, retries: 2, backoff: "exponential_jitter" });
    }, "timeout-budget");
    expect(f.edgeIds).toEqual(["e-api"]);
    expect(f.detail).toContain("3 attempts × 300 ms");
    quiet((d) => (edge(d, "e-api").props.timeoutMs = 2000), "timeout-budget");
  });
  it("retry-non-idempotent: POST/PATCH retries without a key", () => {
    fires((d) => Object.assign(edge(d, "e-api").props, { method: "POST", retries: 2 }), "retry-non-idempotent");
    fires((d) => Object.assign(edge(d, "e-api").props, { method: "PATCH", retries: 1 }), "retry-non-idempotent");
    quiet(
      (d) => Object.assign(edge(d, "e-api").props, { method: "POST", retries: 2, idempotencyKey: true }),
      "retry-non-idempotent",
    );
    quiet((d) => Object.assign(edge(d, "e-api").props, { method: "PUT", retries: 2 }), "retry-non-idempotent");
    quiet((d) => Object.assign(edge(d, "e-api").props, { method: "POST", retries: 0 }), "retry-non-idempotent");
  });
  it("retry-amplification: retries at 3 layers × 3 attempts = up to 27× load on db", () => {
    const f = fires((d) => {
      d.nodes.push({ id: "orders", kind: "service", props: { replicas: 2 } });
      d.edges = d.edges.filter((e: Doc) => e.id !== "e-db");
      d.edges.push({
        id: "e-orders",
        from: "api",
        to: "orders",
        props: { keepAlive: true, timeoutMs: 5000, retries: 2, backoff: "exponential_jitter" },
      });
      d.edges.push({
        id: "e-odb",
        from: "orders",
        to: "db",
        props: { poolSize: 10, timeoutMs: 300, retries: 2, backoff: "exponential_jitter" },
      });
      Object.assign(edge(d, "e-api").props, { retries: 2, timeoutMs: 30000 });
    }, "retry-amplification");
    expect(f.detail).toContain("retries at 3 layers × 3 attempts = up to 27× load on Database");
    expect(f.nodeIds).toEqual(["db"]);
    expect(f.edgeIds).toEqual(["e-api", "e-odb", "e-orders"]);
    quiet((d) => (edge(d, "e-api").props.retries = 3), "retry-amplification");
  });
  it("retry-no-backoff", () => {
    fires((d) => (edge(d, "e-api").props.backoff = "none"), "retry-no-backoff");
    fires((d) => delete edge(d, "e-api").props.backoff, "retry-no-backoff");
    quiet((d) => (edge(d, "e-api").props.backoff = "exponential"), "retry-no-backoff");
  });
  it("no-circuit-breaker on external APIs only", () => {
    expect(fires((d) => addExternal(d, {}), "no-circuit-breaker").edgeIds).toEqual(["e-psp"]);
    quiet((d) => addExternal(d, { circuitBreaker: true }), "no-circuit-breaker");
  });
  it("dns-round-robin-no-health", () => {
    fires((d) => (node(d, "dns").props.routing = "round_robin"), "dns-round-robin-no-health");
    quiet((d) => (node(d, "dns").props.routing = "failover"), "dns-round-robin-no-health");
  });
  it("cache-no-ttl", () => {
    fires((d) => delete node(d, "cache").props.ttlSeconds, "cache-no-ttl");
    fires((d) => (node(d, "cache").props.ttlSeconds = 0), "cache-no-ttl");
  });
  it("nat-idle-timeout: long-lived connections through an LB or NAT without frequent enough pings", () => {
    const ws = (ping?: number) => (d: Doc) =>
      Object.assign(edge(d, "e-edge").props, { protocol: "websocket", ...(ping ? { pingIntervalSeconds: ping } : {}) });
    fires(ws(), "nat-idle-timeout");
    fires(ws(90), "nat-idle-timeout");
    quiet(ws(25), "nat-idle-timeout");
    const nat = (ping?: number) => (d: Doc) => {
      d.nodes.push({ id: "nat", kind: "nat_gateway" }, { id: "feed", kind: "external_api" });
      d.edges.push({
        id: "n1",
        from: "api",
        to: "nat",
        props: { protocol: "tcp", keepAlive: true, timeoutMs: 1000, ...(ping ? { pingIntervalSeconds: ping } : {}) },
      });
      d.edges.push({
        id: "n2",
        from: "nat",
        to: "feed",
        props: {
          protocol: "tcp",
          circuitBreaker: true,
          timeoutMs: 1000,
          keepAlive: true,
          ...(ping ? { pingIntervalSeconds: ping } : {}),
        },
      });
    };
    expect(fires(nat(400), "nat-idle-timeout").detail).toContain("350 s");
    quiet(nat(30), "nat-idle-timeout");
  });
  it("target-availability-missed", () => {
    fires((d) => (d.scenario.targets.availability = 0.999999), "target-availability-missed");
    quiet((d) => (d.scenario.targets.availability = 0.99), "target-availability-missed");
  });
});

describe("capacity findings", () => {
  it("overload: arrival above capacity, with the replicas needed", () => {
    const f = fires((d) => (d.scenario.rps = 10_000), "overload");
    expect(f.nodeIds).toContain("api");
    // The balancer's retry re-sends what the overloaded api fails: more than the 10,000 rps offered arrive.
    const arrival = Number(/Service receives ([\d,]+) rps/.exec(f.detail)?.[1]?.replace(/,/g, ""));
    expect(arrival).toBeGreaterThan(10_000);
    expect(f.detail).toContain("goodput");
    expect(f.cap).toBe(59);
  });
  it("high-utilization between 80 % and 100 %", () => {
    fires((d) => (d.scenario.rps = 3_400), "high-utilization");
    quiet((d) => (d.scenario.rps = 2_000), "high-utilization");
  });
  it("unbounded-pool", () => {
    expect(fires((d) => delete edge(d, "e-db").props.poolSize, "unbounded-pool").edgeIds).toEqual(["e-db"]);
  });
  it("pool-exceeds-max-connections: Σ pool × replicas over max_connections", () => {
    const f = fires((d) => (edge(d, "e-db").props.poolSize = 100), "pool-exceeds-max-connections");
    expect(f.detail).toContain("300 connections");
    quiet((d) => (edge(d, "e-db").props.poolSize = 66), "pool-exceeds-max-connections");
  });
  it("rate-limit-exceeded", () => {
    const gw = (limit: number) => (d: Doc) => {
      d.nodes.push({ id: "gw", kind: "gateway", props: { rateLimitRps: limit } });
      edge(d, "e-edge").to = "gw";
      d.edges.push({ id: "e-gw", from: "gw", to: "lb", props: { keepAlive: true, timeoutMs: 5000 } });
    };
    fires(gw(500), "rate-limit-exceeded");
    quiet(gw(5000), "rate-limit-exceeded");
  });
  it("lb-algorithm-mismatch: capacity-blind algorithm over unequal replicas, or round robin with uneven cost", () => {
    const weights = (algorithm: string) => (d: Doc) => {
      node(d, "api").props.capacityWeights = [2, 1, 1];
      node(d, "lb").props.algorithm = algorithm;
    };
    const f = fires(weights("round_robin"), "lb-algorithm-mismatch");
    expect(f.detail).toContain("2:1:1");
    fires(weights("ip_hash"), "lb-algorithm-mismatch");
    quiet(weights("weighted_round_robin"), "lb-algorithm-mismatch");
    quiet(weights("least_connections"), "lb-algorithm-mismatch");
    const uneven = (algorithm: string) => (d: Doc) => {
      node(d, "api").props.serviceTimeP99Ms = 150;
      node(d, "lb").props.algorithm = algorithm;
    };
    fires(uneven("round_robin"), "lb-algorithm-mismatch");
    quiet(uneven("power_of_two"), "lb-algorithm-mismatch");
  });
});

describe("latency findings", () => {
  it("target-p99-missed names the largest steps", () => {
    const f = fires((d) => (d.scenario.targets.p99Ms = 20), "target-p99-missed");
    // Steps name components and connections as the canvas does, never by id (was "request at e-edge", "at api").
    expect(f.detail).toMatch(/Largest expected steps: request at Client → Load balancer 20 ms, processing at Service 12 ms/);
  });
  it("unindexed-query", () => {
    fires((d) => (node(d, "db").props.indexed = false), "unindexed-query");
  });
  it("no-keep-alive: internal HTTP calls without keep-alive pay handshakes", () => {
    const f = fires((d) => (edge(d, "e-api").props.keepAlive = false), "no-keep-alive");
    expect(f.edgeIds).toEqual(["e-api"]);
  });
  it("cross-region-call", () => {
    const f = fires((d) => (node(d, "db").region = "eu-west"), "cross-region-call");
    expect(f.detail).toContain("68 ms");
  });
  it("fanout-tail with 10+ parallel calls quotes 1 − 0.99^n", () => {
    const f = fires((d) => {
      for (let i = 0; i < 50; i++) {
        d.nodes.push({ id: `shard-${i}`, kind: "cache", props: { ttlSeconds: 60, replicas: 2 } });
        d.edges.push({
          id: `s${i}`,
          from: "api",
          to: `shard-${i}`,
          props: { parallel: true, poolSize: 2, timeoutMs: 50 },
        });
      }
    }, "fanout-tail");
    expect(f.detail).toContain("39.5 %");
  });
  it("no-client", () => {
    fires((d) => {
      d.nodes = d.nodes.filter((n: Doc) => n.kind !== "client");
      d.edges = d.edges.filter((e: Doc) => e.from !== "browser");
    }, "no-client");
  });
});

describe("finding catalogue", () => {
  it("every id has a link, and the bad example trips most of them", () => {
    for (const id of FINDING_IDS) expect(FINDING_LINKS[id]).toMatch(/^\/learn\/[a-z-]+#[a-z0-9-]+$/);
  });
});
