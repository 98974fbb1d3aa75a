import { describe, expect, it } from "vitest";
import { DETECTION_S, failoverCurve, formatDuration, shareOnOldIp, simulateFailover, TTL_CHOICES } from "@/lib/core/widgets/dns-failover";

describe("W24 DNS TTL failover", () => {
  it("reproduces the chapter's TTL table: worst case = 30 s detection + TTL; load = 10,000 / TTL", () => {
    const rows = TTL_CHOICES.map((ttl) => simulateFailover({ ttl, misbehaving: false, seed: 1 }));
    expect(rows.map((r) => r.worstHonestS)).toEqual([90, 330, 3_630, 86_430]);
    expect(rows.map((r) => Math.round(r.queriesPerSecond * 100) / 100)).toEqual([166.67, 33.33, 2.78, 0.12]);
    expect(formatDuration(330)).toBe("5.5 min");
    expect(formatDuration(90)).toBe("90 s");
  });
  it("honest resolvers all move by detection + TTL, and none before the switch", () => {
    for (const ttl of TTL_CHOICES) {
      const run = simulateFailover({ ttl, misbehaving: false, seed: 7 });
      expect(run.worstS).toBeLessThanOrEqual(DETECTION_S + ttl);
      for (const r of run.resolvers) expect(r.movesAtS).toBeGreaterThanOrEqual(DETECTION_S);
      expect(shareOnOldIp(run, DETECTION_S + ttl)).toBe(0);
      expect(shareOnOldIp(run, 0)).toBe(1);
    }
  });
  it("misbehaving caches stretch the tail to about an hour even with a 60 s TTL", () => {
    const honest = simulateFailover({ ttl: 60, misbehaving: false, seed: 3 });
    const bad = simulateFailover({ ttl: 60, misbehaving: true, seed: 3 });
    expect(honest.worstS).toBeLessThanOrEqual(90);
    expect(bad.resolvers.some((r) => r.misbehaving)).toBe(true);
    expect(bad.worstS).toBeGreaterThan(600);
    expect(bad.worstS).toBeLessThanOrEqual(DETECTION_S + 3_600);
  });
  it("the same seed gives the same run; another seed a different one", () => {
    const a = simulateFailover({ ttl: 300, misbehaving: true, seed: 42 });
    expect(simulateFailover({ ttl: 300, misbehaving: true, seed: 42 })).toEqual(a);
    expect(simulateFailover({ ttl: 300, misbehaving: true, seed: 43 }).resolvers).not.toEqual(a.resolvers);
  });
  it("the curve only ever goes down, from 1 to 0", () => {
    const c = failoverCurve(simulateFailover({ ttl: 300, misbehaving: false, seed: 1 }));
    expect(c[0]?.share).toBe(1);
    expect(c.at(-1)?.share).toBe(0);
    for (let i = 1; i < c.length; i++) expect(c[i]!.share).toBeLessThanOrEqual(c[i - 1]!.share);
  });
});
