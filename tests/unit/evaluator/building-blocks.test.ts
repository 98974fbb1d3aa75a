import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator/index";
import {
  outcomesMoments,
  pathPenaltyOutcomesMs,
  requestLossOutcomesMs,
  requestWaitOutcomesMs,
  responseSegments,
  transferTimeMs,
} from "@/lib/core/evaluator/transfer-fit";
import { evalOk, finding, type Doc } from "./helpers";

// Issue #12 item 16 (rest): read replicas with replication lag, long-lived connection capacity.

function withReplicas(db: Record<string, unknown>, readRatio = 0.9): Doc {
  return {
    version: 2,
    name: "replicas",
    scenario: { rps: 100, readRatio },
    nodes: [
      { id: "c", kind: "client" },
      { id: "api", kind: "service", props: { serviceTimeMs: 5, replicas: 2 } },
      { id: "db", kind: "database", props: { queryMs: 5, readReplicas: 2, ...db } },
    ],
    edges: [
      { id: "e1", from: "c", to: "api", props: { rttMs: 20, timeoutMs: 2000 } },
      { id: "e2", from: "api", to: "db", props: { rttMs: 1, keepAlive: true, timeoutMs: 500, poolSize: 10 } },
    ],
  };
}

function chat(users: number, service: Record<string, unknown> = {}): Doc {
  return {
    version: 2,
    name: "chat",
    scenario: { rps: 100, readRatio: 0.5, concurrentUsers: users },
    nodes: [
      { id: "c", kind: "client" },
      { id: "lb", kind: "load_balancer", props: { healthCheck: { enabled: true } } },
      { id: "gw", kind: "service", props: { serviceTimeMs: 2, replicas: 4, ...service } },
    ],
    edges: [
      { id: "e1", from: "c", to: "lb", props: { protocol: "websocket", timeoutMs: 5000, pingIntervalSeconds: 20 } },
      { id: "e2", from: "lb", to: "gw", props: { protocol: "websocket", timeoutMs: 5000, pingIntervalSeconds: 20 } },
    ],
  };
}

describe("read replicas and replication lag", () => {
  it("reads from lagging replicas of a written database are a finding with the lag (assumed when not given)", () => {
    const f = finding(evalOk(withReplicas({})), "stale-reads");
    expect(f?.nodeIds).toEqual(["db"]);
    expect(f?.detail).toContain("100 ms behind the primary (assumed lag)");
    expect(f?.severity).toBe("minor");
    const slow = finding(evalOk(withReplicas({ replicationLagMs: 3000 })), "stale-reads");
    expect(slow?.severity).toBe("major");
    expect(slow?.detail).toContain("3,000 ms");
  });
  it("stays quiet with read-your-writes, without replicas, or when nothing writes", () => {
    expect(finding(evalOk(withReplicas({ readYourWrites: true })), "stale-reads")).toBeUndefined();
    expect(finding(evalOk(withReplicas({ readReplicas: 0 })), "stale-reads")).toBeUndefined();
    expect(finding(evalOk(withReplicas({}, 1)), "stale-reads")).toBeUndefined();
  });
  it("promising read-your-writes never lowers the score", () => {
    const safe = evalOk(withReplicas({ readYourWrites: true }));
    const stale = evalOk(withReplicas({}));
    expect(safe.score).toBeGreaterThanOrEqual(stale.score);
    expect(safe.categories.reliability.score).toBeGreaterThan(stale.categories.reliability.score);
  });
  it("bounds the lag in the schema", () => {
    expect(evaluateDesign(withReplicas({ replicationLagMs: 1e300 })).ok).toBe(false);
    expect(evaluateDesign(withReplicas({ replicationLagMs: -1 })).ok).toBe(false);
  });
});

describe("long-lived connection capacity", () => {
  it("concurrent users above replicas × connections per instance cap the grade", () => {
    const r = evalOk(chat(100_000, { maxConnectionsPerInstance: 20_000 }));
    const f = finding(r, "connection-capacity");
    expect(f?.detail).toContain("Service must hold 100,000 open connections but 4 instances × 20,000 hold 80,000");
    expect(r.caps.some((c) => c.findingId === "connection-capacity" && c.max === 69)).toBe(true);
    expect(r.score).toBeLessThanOrEqual(69);
  });
  it("uses the documented default of 10,000 per instance when the design is silent", () => {
    expect(finding(evalOk(chat(39_000)), "connection-capacity")).toBeUndefined();
    expect(finding(evalOk(chat(41_000)), "connection-capacity")?.detail).toContain("10,000 (assumed)");
  });
  it("no concurrent users stated, no check; more users never raise the score", () => {
    const d = chat(0);
    delete d.scenario.concurrentUsers;
    expect(finding(evalOk(d), "connection-capacity")).toBeUndefined();
    expect(evalOk(chat(500_000)).score).toBeLessThanOrEqual(evalOk(chat(10_000)).score);
  });
  it("bounds concurrent users and per-instance connections in the schema", () => {
    expect(evaluateDesign(chat(1e10)).ok).toBe(false);
    expect(evaluateDesign(chat(10, { maxConnectionsPerInstance: 0 })).ok).toBe(false);
  });
});

describe("monthly cost estimate", () => {
  it("prices instances by the hour and managed services by the request, and lists its prices", () => {
    const r = evalOk(withReplicas({}));
    // api: 2 × $0.096 × 730; db: primary + standby (2 zones) + 2 replicas = 4 × $0.16 × 730.
    const item = (id: string, what: string) => r.cost.items.find((i) => i.nodeId === id && i.what.includes(what))?.monthlyUsd;
    expect(item("api", "instance")).toBe(140.16);
    expect(item("db", "instance")).toBe(467.2);
    // 100 rps × 2,628,000 s × 8,192 B ≈ 2,153 GB a month leave the region at $0.09/GB.
    expect(item("api", "GB to clients")).toBeCloseTo((100 * 2_628_000 * 8192 * 0.09) / 1e9, 2);
    expect(r.cost.monthlyUsd).toBeCloseTo(r.cost.items.reduce((s, i) => s + i.monthlyUsd, 0), 2);
    expect(r.cost.assumptions.some((a) => a.includes("$0.096/h"))).toBe(true);
  });
  it("grows with replicas and with traffic, and is always a finite number", () => {
    const small = evalOk(withReplicas({}));
    const more = withReplicas({ readReplicas: 5 });
    expect(evalOk(more).cost.monthlyUsd).toBeGreaterThan(small.cost.monthlyUsd);
    const busy = withReplicas({});
    busy.scenario.rps = 1e9;
    const x = evalOk(busy).cost;
    expect(Number.isFinite(x.monthlyUsd)).toBe(true);
    expect(x.monthlyUsd).toBeGreaterThan(small.cost.monthlyUsd);
  });
});

describe("bandwidth and packet loss on large transfers", () => {
  function download(props: Record<string, unknown>): Doc {
    return {
      version: 2,
      name: "download",
      scenario: { rps: 1, readRatio: 1 },
      nodes: [
        { id: "c", kind: "client" },
        { id: "files", kind: "service", props: { serviceTimeMs: 10, replicas: 2 } },
      ],
      edges: [{ id: "e1", from: "c", to: "files", props: { rttMs: 100, timeoutMs: 60_000, responseBytes: 10_000_000, ...props } }],
    };
  }
  const transfer = (r: ReturnType<typeof evalOk>) => r.latency.breakdown.find((s) => s.step === "transfer")?.ms ?? 0;

  it("a 10 MB response on a 10 Mbit/s link takes its climb to the link's rate and then the rest at the rate, 8.5 s", () => {
    const r = evalOk(download({ bandwidthMbps: 10 }));
    // Model 2.10 (transfer-fit.ts bottleneckTransferMs): 1,500-byte packets every 1.2 ms; windows of 10, 20, 40 and 80
    // leave the link idle for part of their 100 ms round, the rest (6,771 packets) follows back to back.
    const expected = 4 * (100 + 1.2) + (responseSegments(10_000_000) - 150) * 1.2 - 1.2;
    expect(expected).toBeGreaterThan(8000);
    expect(transfer(r)).toBeCloseTo(expected, 0);
    expect(r.latency.coldLastByteMs - r.latency.coldTtfbMs).toBeCloseTo(expected, 0);
  });
  it("1 % loss at 100 ms RTT: the calibrated CUBIC rule (transfer-fit.ts), near Mathis' 56 s for 10 MB", () => {
    const r = evalOk(download({ lossRate: 0.01 }));
    // The same rule the calibration lab checks: the loss-free rounds plus what loss adds — at its mean, since the
    // waterfall's steps are expected values (the median is the lab's figure and the percentiles').
    const input = { responseBytes: 10_000_000, rttMs: 100, connection: "new" as const, lossRate: 0.01 };
    const timers = requestLossOutcomesMs({ ...input, segments: responseSegments(input.responseBytes) });
    expect(transfer(r)).toBeCloseTo(
      transferTimeMs({ ...input, lossRate: 0 }) +
        outcomesMoments(pathPenaltyOutcomesMs(input)).mean +
        outcomesMoments(timers).mean -
        // A lost request delays the first byte: that wait is the request step's (model 2.6.0), not the transfer's.
        outcomesMoments(requestWaitOutcomesMs(input)).mean,
      0,
    );
    expect(transfer(r)).toBeGreaterThan(50_000);
    expect(transfer(r)).toBeLessThan(65_000);
  });
  it("BBR (edge congestionControl) slows less under loss than CUBIC; an internal hop charges loss on every call", () => {
    const cubic = transfer(evalOk(download({ lossRate: 0.01 })));
    const bbr = transfer(evalOk(download({ lossRate: 0.01, congestionControl: "bbr" })));
    expect(bbr).toBeLessThan(cubic / 2);
    expect(bbr).toBeGreaterThan(transfer(evalOk(download({ congestionControl: "bbr" }))));
    const internal = (lossRate?: number): Doc => ({
      version: 2,
      name: "internal",
      scenario: { rps: 1, readRatio: 1 },
      nodes: [
        { id: "c", kind: "client" },
        { id: "api", kind: "service", props: { serviceTimeMs: 5, replicas: 2 } },
        { id: "blob", kind: "service", props: { serviceTimeMs: 5, replicas: 2 } },
      ],
      edges: [
        { id: "e1", from: "c", to: "api", props: { rttMs: 10, timeoutMs: 60_000 } },
        { id: "e2", from: "api", to: "blob", props: { rttMs: 40, timeoutMs: 60_000, keepAlive: false, responseBytes: 1_000_000, ...(lossRate ? { lossRate } : {}) } },
      ],
    });
    const clean = evalOk(internal()).latency.p50Ms;
    const lossy = evalOk(internal(0.01)).latency.p50Ms;
    const added = transferTimeMs({ responseBytes: 1_000_000, rttMs: 40, connection: "new", lossRate: 0.01 }) - 6 * 40;
    expect(lossy - clean).toBeGreaterThan(0.9 * added);
  });
  it("v1 documents (no bandwidth, no loss) keep the slow-start rule alone; more loss never speeds a transfer", () => {
    const base = transfer(evalOk(download({})));
    expect(transfer(evalOk(download({ lossRate: 0 })))).toBe(base);
    // A version 1 document still parses and keeps the same transfer; congestionControl defaults to CUBIC.
    expect(transfer(evalOk({ ...download({}), version: 1 }))).toBe(base);
    expect(transfer(evalOk(download({ congestionControl: "cubic" })))).toBe(base);
    expect(transfer(evalOk(download({ lossRate: 0.001 })))).toBeLessThan(transfer(evalOk(download({ lossRate: 0.02 }))));
  });
  it("plain UDP resends nothing, so loss adds no rounds to it; a bottleneck still costs its serialization", () => {
    expect(transfer(evalOk(download({ protocol: "udp", lossRate: 0.01 })))).toBe(transfer(evalOk(download({ protocol: "udp" }))));
    expect(transfer(evalOk(download({ protocol: "udp", bandwidthMbps: 10 })))).toBeCloseTo(8000, 0);
  });
  it("bounds bandwidth and loss in the schema", () => {
    expect(evaluateDesign(download({ lossRate: 0.9 })).ok).toBe(false);
    expect(evaluateDesign(download({ bandwidthMbps: 0 })).ok).toBe(false);
    expect(evaluateDesign(download({ congestionControl: "reno" })).ok).toBe(false);
  });
});
