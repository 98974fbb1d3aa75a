import { describe, expect, it } from "vitest";
import {
  backoffBeforeRetry,
  bcTimeoutFor,
  DEFAULT_LAB,
  newLabState,
  OWN_MS,
  remainingBudget,
  sendRequest,
  summariseConfig,
  totals,
  type LabConfig,
  type LabState,
} from "@/lib/core/widgets/resilience-lab";

const cfg = (o: Partial<LabConfig>): LabConfig => ({ ...DEFAULT_LAB, ...o });
function run(config: LabConfig, n: number): LabState {
  let s = newLabState();
  for (let i = 0; i < n; i++) s = sendRequest(s, config);
  return s;
}

describe("W25 timeouts, retries and circuit breaker lab", () => {
  it("a 5 s budget with 2 s spent leaves 3 s", () => {
    expect(remainingBudget(5_000, 2_000)).toBe(3_000);
    expect(remainingBudget(5_000, 6_000)).toBe(0);
  });
  it("healthy chain: one call each, one charge, answer in A + B + C time", () => {
    const t = run(cfg({}), 1).traces[0];
    expect(t).toMatchObject({ userOutcome: "ok", userMs: OWN_MS.a + OWN_MS.b + OWN_MS.c, callsToB: 1, callsToC: 1, charges: 1, duplicateCharges: 0 });
  });
  it("backoff comes from the evaluator: 100, 200, 400 ms", () => {
    expect([1, 2, 3].map(backoffBeforeRetry)).toEqual([100, 200, 400]);
  });
  it("retries without idempotency keys against a slow C cause duplicate charges", () => {
    const t = run(cfg({ cMode: "slow", retries: 2 }), 1).traces[0];
    expect(t?.charges).toBeGreaterThan(1);
    expect(t?.duplicateCharges).toBe((t?.charges ?? 0) - 1);
  });
  it("idempotency keys deduplicate the same retries: exactly one charge", () => {
    const t = run(cfg({ cMode: "slow", retries: 2, idempotencyKeys: true }), 1).traces[0];
    expect(t?.charges).toBe(1);
    expect(t?.callsToC).toBeGreaterThan(1);
    expect(t?.calls.some((c) => c.charged === "deduplicated")).toBe(true);
  });
  it("retries at two layers multiply the load on a failing C: (1 + r)² calls", () => {
    const t = run(cfg({ cMode: "failing", retries: 2 }), 1).traces[0];
    expect(t?.callsToC).toBe(9);
    expect(t?.userOutcome).toBe("error");
    expect(summariseConfig(cfg({ retries: 2 })).worstCallsToC).toBe(9);
    expect(summariseConfig(cfg({ retries: 0 })).worstCallsToC).toBe(1);
  });
  it("without retries a failing C costs one call and no charge", () => {
    const t = run(cfg({ cMode: "failing", retries: 0 }), 1).traces[0];
    expect(t).toMatchObject({ callsToC: 1, charges: 0, userOutcome: "error" });
  });
  it("the breaker opens after N failures and then fails fast without reaching C", () => {
    const s = run(cfg({ cMode: "failing", retries: 0, breaker: true, breakerThreshold: 3 }), 5);
    expect(s.traces.map((t) => t.callsToC)).toEqual([1, 1, 1, 0, 0]);
    expect(s.traces[2]?.breakerAfter).toBe("open");
    expect(s.traces[3]?.calls.some((c) => c.outcome === "fast-fail")).toBe(true);
  });
  it("after the cool-down a half-open trial closes the breaker when C has recovered", () => {
    let s = run(cfg({ cMode: "failing", retries: 0, breaker: true }), 3);
    expect(s.breaker.state).toBe("open");
    for (let i = 0; i < 5; i++) s = sendRequest(s, cfg({ cMode: "healthy", retries: 0, breaker: true }));
    expect(s.traces.at(-1)?.userOutcome).toBe("ok");
    expect(s.breaker.state).toBe("closed");
  });
  it("static timeouts can blow the deadline; propagating the deadline keeps every call inside it", () => {
    const loose = cfg({ cMode: "slow", retries: 2, abTimeoutMs: 3_000, bcTimeoutMs: 2_000 });
    const a = run(loose, 1).traces[0];
    expect(a?.userOutcome).toBe("deadline exceeded");
    expect(summariseConfig(loose).abBudgetExceedsDeadline).toBe(true);
    const b = run({ ...loose, propagateDeadline: true }, 1).traces[0];
    for (const c of b?.calls ?? []) if (c.outcome !== "no budget") expect(c.startMs + c.timeoutMs).toBeLessThanOrEqual(5_000);
    expect(b?.userMs).toBeLessThanOrEqual(5_000);
    expect(b?.callsToC).toBeLessThan(a?.callsToC ?? 0);
  });
  it("adaptive timeouts follow recent p99 plus a buffer, never above the static value", () => {
    const s = newLabState();
    expect(bcTimeoutFor(cfg({ timeoutMode: "adaptive" }), s.samples)).toBe(300);
    expect(bcTimeoutFor(cfg({ timeoutMode: "adaptive", bcTimeoutMs: 250 }), s.samples)).toBe(250);
    expect(bcTimeoutFor(cfg({}), s.samples)).toBe(2_000);
    const slow = run(cfg({ cMode: "slow", retries: 0, timeoutMode: "adaptive" }), 1).traces[0];
    expect(slow?.calls.find((c) => c.hop === "B→C")?.timeoutMs).toBe(300);
  });
  it("the worst-case call budget is the evaluator's (1 + r) × timeout + backoff", () => {
    expect(summariseConfig(cfg({ retries: 2, abTimeoutMs: 1_000 })).abBudgetMs).toBe(3 * 1_000 + 100 + 200);
  });
  it("totals add up over requests", () => {
    const s = run(cfg({ cMode: "slow", retries: 1 }), 3);
    const t = totals(s);
    expect(t.requests).toBe(3);
    expect(t.callsToC).toBe(s.traces.reduce((n, x) => n + x.callsToC, 0));
  });
});
