import { lbAlgorithmSchema } from "@/lib/core/evaluator/schema";
import { describe, expect, it } from "vitest";
import { assignRequests, hottestReplica, replicaShares } from "@/lib/core/evaluator/index";

const four = ["A", "B", "C", "D"].map((id) => ({ id }));
const weighted = (ws: number[]) => ws.map((weight, i) => ({ id: "ABCD"[i] as string, weight }));
const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("assignRequests (the load-balancer widget's rules)", () => {
  it("round robin: A, B, C, D, A… → 3/3/3/3", () => {
    const r = assignRequests("round_robin", four, 12);
    expect(r.counts).toEqual([3, 3, 3, 3]);
    expect(r.assignments.slice(0, 5)).toEqual([0, 1, 2, 3, 0]);
  });
  it("weighted round robin follows weights: 3:1:1:1 → 6/2/2/2, 4:4:2:2 → 4/4/2/2", () => {
    expect(assignRequests("weighted_round_robin", weighted([3, 1, 1, 1]), 12).counts).toEqual([6, 2, 2, 2]);
    expect(assignRequests("weighted_round_robin", weighted([4, 4, 2, 2]), 12).counts).toEqual([4, 4, 2, 2]);
  });
  it("weighted round robin is smooth (nginx): no long bursts on the heavy server", () => {
    const r = assignRequests("weighted_round_robin", weighted([3, 1, 1, 1]), 6);
    expect(r.assignments).toEqual([0, 1, 0, 2, 3, 0]);
  });
  it("ip hash: the same client always lands on the same server", () => {
    const reqs = Array.from({ length: 12 }, (_, i) => ({ clientIp: i % 2 ? "198.51.100.7" : "203.0.113.9" }));
    const r = assignRequests("ip_hash", four, reqs);
    const even = new Set(r.assignments.filter((_, i) => i % 2 === 0));
    const odd = new Set(r.assignments.filter((_, i) => i % 2 === 1));
    expect(even.size).toBe(1);
    expect(odd.size).toBe(1);
    expect(sumOf(r.counts)).toBe(12);
  });
  it("least connections sends new requests away from servers busy with long requests", () => {
    const reqs = [
      { arrivalMs: 0, durationMs: 1000 },
      { arrivalMs: 1, durationMs: 10 },
      { arrivalMs: 20, durationMs: 10 },
      { arrivalMs: 40, durationMs: 10 },
    ];
    const r = assignRequests("least_connections", four.slice(0, 2), reqs);
    expect(r.assignments).toEqual([0, 1, 1, 1]);
    expect(assignRequests("round_robin", four.slice(0, 2), reqs).assignments).toEqual([0, 1, 0, 1]);
  });
  it("least connections and least response time share ties by turn instead of always picking the first", () => {
    // Requests that finish before the next arrives leave every server idle: each pick is a four-way tie.
    const idle = Array.from({ length: 12 }, (_, i) => ({ arrivalMs: i * 1000, durationMs: 300 }));
    expect(assignRequests("least_connections", four, idle).counts).toEqual([3, 3, 3, 3]);
    expect(assignRequests("least_response_time", four, idle).counts).toEqual([3, 3, 3, 3]);
    // Ties follow the weights, as nginx's least_conn does with its weighted round robin.
    expect(assignRequests("least_connections", weighted([3, 1, 1, 1]), idle).counts).toEqual([6, 2, 2, 2]);
  });
  it("consistent hashing spreads similar keys (one /24 of clients, user-0…user-399) over every server", () => {
    const ips = Array.from({ length: 256 }, (_, i) => ({ clientIp: `198.51.100.${i}` }));
    const users = Array.from({ length: 400 }, (_, i) => ({ key: `user-${i}` }));
    for (const reqs of [ips, users]) {
      const { counts } = assignRequests("consistent_hash", four, reqs);
      const fair = reqs.length / 4;
      for (const n of counts) {
        expect(n).toBeGreaterThan(fair * 0.6);
        expect(n).toBeLessThan(fair * 1.4);
      }
    }
  });
  it("unhealthy servers get nothing; counts always total the requests", () => {
    const servers = four.map((s, i) => ({ ...s, healthy: i !== 2 }));
    for (const alg of lbAlgorithmSchema.options) {
      const r = assignRequests(alg, servers, 40, 3);
      expect(r.counts[2], alg).toBe(0);
      expect(sumOf(r.counts), alg).toBe(40);
    }
    expect(
      assignRequests(
        "round_robin",
        four.map((s) => ({ ...s, healthy: false })),
        3,
      ).assignments,
    ).toEqual([-1, -1, -1]);
  });
  it("is deterministic for a seed (random, power of two)", () => {
    expect(assignRequests("random", four, 50, 9)).toEqual(assignRequests("random", four, 50, 9));
    expect(assignRequests("power_of_two", four, 50, 9)).toEqual(assignRequests("power_of_two", four, 50, 9));
  });
  it("consistent hashing moves few keys when a server leaves", () => {
    const reqs = Array.from({ length: 400 }, (_, i) => ({ key: `user-${i}` }));
    const before = assignRequests("consistent_hash", four, reqs).assignments;
    const after = assignRequests(
      "consistent_hash",
      four.map((s, i) => ({ ...s, healthy: i !== 3 })),
      reqs,
    ).assignments;
    const moved = before.filter((s, i) => s !== 3 && after[i] !== s).length;
    expect(moved).toBe(0);
  });
  it("least response time prefers the faster server", () => {
    const r = assignRequests(
      "least_response_time",
      [
        { id: "fast", responseTimeMs: 10 },
        { id: "slow", responseTimeMs: 50 },
      ],
      5,
    );
    expect(r.counts[0]).toBe(5);
  });
});

describe("steady-state shares and the hottest replica", () => {
  it("capacity-blind algorithms overload the weak replica; weighted and adaptive ones do not", () => {
    const caps = [200, 100, 100];
    expect(replicaShares("round_robin", caps)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(replicaShares("weighted_round_robin", caps)).toEqual([0.5, 0.25, 0.25]);
    expect(replicaShares("least_connections", caps)).toEqual([0.5, 0.25, 0.25]);
    const rr = hottestReplica("round_robin", caps, 300);
    expect(rr.utilization).toBeCloseTo(1, 9);
    expect(rr.index).toBe(1);
    expect(rr.effectiveCapacityRps).toBeCloseTo(300, 9);
    const wrr = hottestReplica("weighted_round_robin", caps, 300);
    expect(wrr.utilization).toBeCloseTo(0.75, 9);
    expect(wrr.effectiveCapacityRps).toBeCloseTo(400, 9);
  });
  it("hash-based balancing has a hot replica (skew 1.25 on the weakest)", () => {
    const s = replicaShares("ip_hash", [100, 100, 100, 100]);
    expect(Math.max(...s)).toBeCloseTo(1.25 / 4, 9);
    expect(sumOf(s)).toBeCloseTo(1, 9);
  });
  it("per-replica queues (round robin) give a worse p99 than one pooled queue (least connections)", async () => {
    const { evaluateDesign } = await import("@/lib/core/evaluator/index");
    const design = (algorithm: string) => ({
      version: 1,
      name: "lb",
      scenario: { rps: 700, readRatio: 1 },
      nodes: [
        { id: "c", kind: "client" },
        { id: "lb", kind: "load_balancer", props: { algorithm, healthCheck: { enabled: true } } },
        { id: "api", kind: "service", props: { replicas: 4, concurrency: 1, serviceTimeMs: 5, serviceTimeP99Ms: 5 } },
      ],
      edges: [
        { id: "e1", from: "c", to: "lb", props: { rttMs: 1 } },
        { id: "e2", from: "lb", to: "api", props: { keepAlive: true, timeoutMs: 1000, rttMs: 0 } },
      ],
    });
    const rr = evaluateDesign(design("round_robin"));
    const lc = evaluateDesign(design("least_connections"));
    if (!rr.ok || !lc.ok) throw new Error("invalid");
    expect(rr.result.latency.p99Ms).toBeGreaterThan(lc.result.latency.p99Ms);
    const q = (r: typeof rr) => (r.ok ? (r.result.latency.breakdown.find((s) => s.step === "queueing")?.ms ?? 0) : 0);
    expect(q(rr)).toBeGreaterThan(q(lc));
  });
});
