import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator/index";
import { backoffTotalMs } from "@/lib/core/evaluator/resilience";
import { clientHop, evalOk, type Doc } from "./helpers";

// Issue #12 item 5: "No p99 may exceed the sum of the timeouts on its path." A client's timeout bounds its whole
// attempt, connecting included (DNS, TCP and TLS handshakes, a lost SYN's 1 s waits): every attempt is cut at the
// timeout, so a request takes at most Σ over its client calls of (1 + retries) × timeout + backoff — the outermost
// timeouts of every path, which the inner ones sit inside. Checked over generated designs with and without loss.

const backoff = fc.constantFrom("none", "fixed", "exponential", "exponential_jitter");
const hop = fc.record({
  rttMs: fc.double({ min: 0, max: 300, noNaN: true }),
  timeoutMs: fc.integer({ min: 20, max: 3000 }),
  retries: fc.integer({ min: 0, max: 2 }),
  backoff,
  keepAlive: fc.boolean(),
  tls: fc.constantFrom("none", "1.2", "1.3"),
  httpVersion: fc.constantFrom("1.1", "2", "3"),
  responseBytes: fc.integer({ min: 0, max: 2_000_000 }),
  parallel: fc.boolean(),
});
const lossy = fc.option(fc.constantFrom(0.005, 0.01, 0.03, 0.1), { nil: undefined });
const server = fc.record({
  serviceTimeMs: fc.double({ min: 0, max: 400, noNaN: true }),
  spread: fc.double({ min: 1, max: 20, noNaN: true }),
  replicas: fc.integer({ min: 1, max: 4 }),
});

// One client (with or without a DNS resolver) calling 1–2 entry services, each calling 0–2 more; every edge has a
// timeout. Loss on a hop when the generator gives one.
const design = fc
  .record({
    servers: fc.array(server, { minLength: 2, maxLength: 5 }),
    hops: fc.array(fc.tuple(hop, lossy), { minLength: 6, maxLength: 6 }),
    entries: fc.integer({ min: 1, max: 2 }),
    dns: fc.option(
      fc.record({
        lookupMs: fc.integer({ min: 1, max: 2000 }),
        cacheHitRatio: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { nil: undefined },
    ),
    coldRatio: fc.double({ min: 0, max: 1, noNaN: true }),
    readRatio: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ servers, hops, entries, dns, coldRatio, readRatio }) => {
    const nodes: Doc[] = [{ id: "c", kind: "client" }];
    servers.forEach((s, i) =>
      nodes.push({
        id: `s${i}`,
        kind: "service",
        props: {
          serviceTimeMs: s.serviceTimeMs,
          serviceTimeP99Ms: s.serviceTimeMs * s.spread,
          replicas: s.replicas,
        },
      }),
    );
    const edges: Doc[] = [];
    let h = 0;
    const props = () => {
      const [p, lossRate] = hops[h++ % hops.length] as [Record<string, unknown>, number | undefined];
      return lossRate === undefined ? { ...p } : { ...p, lossRate };
    };
    const n = Math.min(entries, servers.length);
    for (let i = 0; i < n; i++) edges.push({ id: `c-s${i}`, from: "c", to: `s${i}`, props: props() });
    for (let i = n; i < servers.length; i++)
      edges.push({ id: `s${i % n}-s${i}`, from: `s${i % n}`, to: `s${i}`, props: props() });
    if (dns) {
      nodes.push({ id: "dns", kind: "dns", props: dns });
      edges.push({ id: "c-dns", from: "c", to: "dns" });
    }
    return { version: 1, name: "timeout bound", scenario: { rps: 5, readRatio, coldRatio }, nodes, edges } as Doc;
  });

/** The longest a request can take (ms): every client call's attempts all cut at the timeout, with the backoffs. */
function bound(d: Doc): number {
  return d.edges
    .filter((e: Doc) => e.from === "c" && e.to !== "dns")
    .reduce(
      (t: number, e: Doc) =>
        t + (1 + (e.props.retries ?? 0)) * e.props.timeoutMs + backoffTotalMs(e.props.retries ?? 0, e.props.backoff),
      0,
    );
}

function violation(d: Doc, seed: number, samples: number | undefined): string | undefined {
  const r = evaluateDesign(d, samples === undefined ? { seed } : { seed, samples });
  if (!r.ok) return `rejected: ${JSON.stringify(r.errors)}`;
  const b = bound(d) + 0.05; // percentiles are reported to 0.1 ms
  const l = r.result.latency;
  for (const [k, v] of [
    ["p50", l.p50Ms],
    ["p95", l.p95Ms],
    ["p99", l.p99Ms],
  ] as const)
    if (v > b) return `${k} ${v} ms > ${bound(d)} ms, the sum of the timeouts on its path`;
  return undefined;
}

describe("no percentile exceeds the sum of the timeouts on its path (issue #12 item 5)", () => {
  it("holds over generated designs, with and without loss, cold requests included", () => {
    fc.assert(
      // Both methods: the closed form (or 100,000 samples where it has none) and a forced small simulation.
      fc.property(
        design,
        fc.integer({ min: 1, max: 1000 }),
        fc.option(fc.constant(2_000), { nil: undefined }),
        (d, seed, samples) => {
          const v = violation(d, seed, samples);
          if (v) throw new Error(v);
        },
      ),
      { numRuns: 120, seed: 20261206 },
    );
  }, 600_000);

  it("a cold request's connection set-up sits inside the client's timeout", () => {
    // 100 ms RTT, TLS 1.2: TCP + TLS are 3 RTTs of set-up before the request's own round trip and 20 ms of work.
    // Under a 250 ms timeout every cold attempt is cut (300 ms of handshakes alone), so the request fails after
    // the timeout instead of reporting 420 ms.
    const d = clientHop({ rttMs: 100, tls: "1.2", timeoutMs: 250 }, { rps: 1, coldRatio: 1 }, { serviceTimeMs: 20, replicas: 2 });
    const r = evalOk(d);
    expect(r.latency.p50Ms).toBe(250);
    expect(r.latency.p99Ms).toBe(250);
    // Those cut attempts are failures, in availability as in a server's hop (every request here is cold).
    expect(r.availability.estimate).toBeLessThan(0.01);
    const warm = evalOk({ ...d, scenario: { ...d.scenario, coldRatio: 0 } });
    expect(warm.availability.estimate).toBeGreaterThan(0.99);
    // With a retry after 100 ms, the retry connects again and is cut again: 250 + 100 + 250.
    d.edges[0].props = { ...d.edges[0].props, retries: 1, backoff: "fixed" };
    expect(evalOk(d).latency.p99Ms).toBe(600);
    // A timeout that leaves room for the set-up changes nothing: 3 RTTs + 1 RTT + 20 ms.
    d.edges[0].props = { rttMs: 100, tls: "1.2", timeoutMs: 1000 };
    expect(evalOk(d).latency.p99Ms).toBe(420);
  });

  it("a lost SYN's 1 s wait is cut by the client's timeout", () => {
    const d = clientHop({ rttMs: 20, tls: "1.3", timeoutMs: 500, lossRate: 0.1, responseBytes: 1000 }, { rps: 1, coldRatio: 1 });
    const r = evalOk(d);
    expect(r.latency.p99Ms).toBeLessThanOrEqual(500);
  });
});
