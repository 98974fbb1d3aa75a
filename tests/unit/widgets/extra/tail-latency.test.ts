import { describe, expect, it } from "vitest";
import { clampCalls, formatPercent, tailOdds } from "@/lib/core/widgets/tail-latency";

describe("W21 tail-latency calculator", () => {
  it("50 calls at p99: about 39.5 % of pages hit the tail", () => {
    const o = tailOdds(50, "p99");
    expect(o.slowPageProbability).toBeCloseTo(0.395, 3);
    expect(o.perTen).toBe(4);
    expect(formatPercent(o.slowPageProbability)).toBe("39.5 %");
  });
  it("100 calls at p99 ≈ 63 %; 50 calls at p99.9 ≈ 4.9 %; one call equals the tail itself", () => {
    expect(tailOdds(100, "p99").slowPageProbability).toBeCloseTo(0.634, 3);
    expect(tailOdds(50, "p99.9").slowPageProbability).toBeCloseTo(0.0488, 4);
    expect(tailOdds(1, "p95").slowPageProbability).toBeCloseTo(0.05, 9);
  });
  it("finds the fan-out at which a slow page becomes more likely than not", () => {
    expect(tailOdds(10, "p99").callsForCoinFlip).toBe(69);
    expect(tailOdds(10, "p90").callsForCoinFlip).toBe(7);
    expect(1 - 0.99 ** 69).toBeGreaterThanOrEqual(0.5);
    expect(1 - 0.99 ** 68).toBeLessThan(0.5);
  });
  it("clamps the number of calls to 1–200", () => {
    expect(clampCalls(0)).toBe(1);
    expect(clampCalls(1e6)).toBe(200);
    expect(clampCalls(Number.NaN)).toBe(1);
    expect(tailOdds(500, "p99").calls).toBe(200);
  });
  it("more calls or a looser percentile always raise the odds", () => {
    expect(tailOdds(20, "p99").slowPageProbability).toBeGreaterThan(tailOdds(10, "p99").slowPageProbability);
    expect(tailOdds(20, "p95").slowPageProbability).toBeGreaterThan(tailOdds(20, "p99").slowPageProbability);
  });
});
