import { describe, expect, it } from "vitest";
import { assignRequests } from "@/lib/core/evaluator/load-balancing";
import { ALGORITHMS, defaultConfig, runLoadBalancer, type LbConfig } from "@/lib/core/widgets/load-balancer/model";

const counts = (c: LbConfig) => runLoadBalancer(c).servers.map((s) => s.count);
const withWeights = (w: number[]): LbConfig => {
  const c = defaultConfig();
  return { ...c, algorithm: "weighted_round_robin", servers: c.servers.map((s, i) => ({ ...s, weight: w[i] as number })) };
};

describe("W9 load balancer simulator", () => {
  it("round robin cycles A, B, C, D → 3/3/3/3", () => {
    const run = runLoadBalancer(defaultConfig());
    expect(run.servers.map((s) => s.count)).toEqual([3, 3, 3, 3]);
    expect(run.log.slice(0, 5).map((l) => l.server)).toEqual(["A", "B", "C", "D", "A"]);
  });

  it("weighted 3:1:1:1 → 6/2/2/2 and 4:4:2:2 → 4/4/2/2", () => {
    expect(counts(withWeights([3, 1, 1, 1]))).toEqual([6, 2, 2, 2]);
    expect(counts(withWeights([4, 4, 2, 2]))).toEqual([4, 4, 2, 2]);
  });

  it("IP hash sends the same client to the same server every time", () => {
    const c = { ...defaultConfig(), algorithm: "ip_hash" as const };
    const run = runLoadBalancer(c);
    const seen = new Map<string, string | null>();
    for (const l of run.log) {
      if (seen.has(l.clientIp)) expect(l.server).toBe(seen.get(l.clientIp));
      seen.set(l.clientIp, l.server);
    }
  });

  it("least connections steers new traffic away from a long request", () => {
    const c = defaultConfig();
    const cfg: LbConfig = { ...c, algorithm: "least_connections", spacingMs: 100, requests: c.requests.map((r, i) => ({ ...r, durationMs: i === 0 ? 10_000 : 150 })) };
    const run = runLoadBalancer(cfg);
    expect(run.log[0]?.server).toBe("A");
    expect(run.log.slice(1).some((l) => l.server === "A")).toBe(false);
  });

  it("least connections with the default requests (each done before the next) spreads 3/3/3/3, not 12 on A", () => {
    expect(counts({ ...defaultConfig(), algorithm: "least_connections" })).toEqual([3, 3, 3, 3]);
  });

  it("consistent hashing puts the six default clients (one /24) on more than one server", () => {
    const used = new Set(runLoadBalancer({ ...defaultConfig(), algorithm: "consistent_hash" }).log.map((l) => l.server));
    expect(used.size).toBeGreaterThan(1);
  });

  it("agrees with the evaluator when nothing is unhealthy", () => {
    for (const a of ALGORITHMS) {
      const c = { ...defaultConfig(), algorithm: a.id, seed: 5 };
      const direct = assignRequests(a.id, c.servers.map((s) => ({ id: s.name, weight: s.weight, responseTimeMs: 50 })), c.requests.map((r, i) => ({ clientIp: r.clientIp, durationMs: r.durationMs, arrivalMs: i * c.spacingMs })), 5);
      expect(counts(c)).toEqual(direct.counts);
    }
  });

  it("counts always total 12, for every algorithm and health mode", () => {
    for (const a of ALGORITHMS) {
      for (const health of ["none", "passive", "active"] as const) {
        const c = defaultConfig();
        const cfg: LbConfig = { ...c, algorithm: a.id, health, servers: c.servers.map((s) => ({ ...s, failing: s.name === "C", slow: s.name === "B" })) };
        const run = runLoadBalancer(cfg);
        expect(run.servers.reduce((n, s) => n + s.count, 0)).toBe(12);
        expect(run.total).toBe(12);
      }
    }
  });

  it("failing C: no checks keeps feeding it, passive removes it after 3 failures for 30 s, active on the first failed probe", () => {
    const base = defaultConfig();
    const failing = { ...base, servers: base.servers.map((s) => ({ ...s, failing: s.name === "C" })) };
    const none = runLoadBalancer(failing);
    expect(none.servers[2]?.count).toBe(3);
    expect(none.servers[2]?.markedDownAtMs).toBeNull();

    const passive = runLoadBalancer({ ...failing, health: "passive", spacingMs: 500 });
    const c = passive.servers[2];
    expect(c?.errors).toBe(3);
    expect(c?.markedDownAtMs).not.toBeNull();
    expect(c?.retryAtMs).toBe((c?.markedDownAtMs as number) + 30_000);
    const downAt = c?.markedDownAtMs as number;
    expect(passive.log.filter((l) => l.atMs > downAt && l.server === "C")).toEqual([]);

    const active = runLoadBalancer({ ...failing, health: "active" });
    expect(active.servers[2]?.markedDownAtMs).toBe(5_000);
    expect(active.log.filter((l) => l.atMs >= 5_000 && l.server === "C")).toEqual([]);
  });

  it("is reproducible for random algorithms with the same seed", () => {
    const c = { ...defaultConfig(), algorithm: "random" as const, seed: 9 };
    expect(runLoadBalancer(c)).toEqual(runLoadBalancer(c));
  });
});
