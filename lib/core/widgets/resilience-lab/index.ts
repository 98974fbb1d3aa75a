import { buildGraph } from "@/lib/core/evaluator/graph";
import { backoffTotalMs, callBudgetMs, retryAmplification } from "@/lib/core/evaluator/resilience";
import type { Design } from "@/lib/core/evaluator/schema";

// W25: a chain A → B → C under one deadline. Each "send" runs one user request through the chain with the
// chosen timeouts, retries, idempotency keys and circuit breaker. Backoff, the worst-case call budget and the
// retry amplification are the evaluator's functions, applied to the same chain expressed as a design.
// Deterministic: no randomness, backoff without jitter.

export type CMode = "healthy" | "slow" | "failing";
export type TimeoutMode = "static" | "adaptive";

export type LabConfig = {
  deadlineMs: number;
  timeoutMode: TimeoutMode;
  propagateDeadline: boolean;
  abTimeoutMs: number;
  bcTimeoutMs: number;
  /** Retries per layer (A retries B, B retries C); 0 turns retries off. */
  retries: number;
  idempotencyKeys: boolean;
  breaker: boolean;
  breakerThreshold: number;
  cMode: CMode;
};

export const OWN_MS = { a: 20, b: 50, c: 200 } as const;
export const SLOW_C_MS = 4_000;
export const FAILING_C_MS = 30;
export const BREAKER_COOLDOWN_MS = 5_000;
export const ADAPTIVE_BUFFER_MS = 100;
export const THINK_TIME_MS = 1_000;
const SAMPLE_WINDOW = 20;

export const DEFAULT_LAB: LabConfig = {
  deadlineMs: 5_000,
  timeoutMode: "static",
  propagateDeadline: false,
  abTimeoutMs: 3_000,
  bcTimeoutMs: 2_000,
  retries: 2,
  idempotencyKeys: false,
  breaker: false,
  breakerThreshold: 3,
  cMode: "healthy",
};

export type BreakerState = "closed" | "open" | "half-open";
export type Breaker = { state: BreakerState; failures: number; openedAt: number };

export type CallRecord = {
  hop: "A→B" | "B→C";
  startMs: number;
  timeoutMs: number;
  /** Budget left before the deadline when the call started. */
  remainingMs: number;
  outcome: "ok" | "timeout" | "error" | "fast-fail" | "no budget";
  /** The callee did the work (C only): a charge happened, or was deduplicated by its idempotency key. */
  charged?: "new" | "deduplicated";
};

export type RequestTrace = {
  n: number;
  startMs: number;
  userOutcome: "ok" | "error" | "deadline exceeded";
  userMs: number;
  callsToB: number;
  callsToC: number;
  charges: number;
  duplicateCharges: number;
  breakerAfter: BreakerState;
  calls: CallRecord[];
};

export type LabState = {
  clockMs: number;
  breaker: Breaker;
  /** Durations of recent answered B→C calls (ms), for adaptive timeouts. */
  samples: number[];
  traces: RequestTrace[];
};

export function newLabState(): LabState {
  return { clockMs: 0, breaker: { state: "closed", failures: 0, openedAt: 0 }, samples: Array(SAMPLE_WINDOW).fill(OWN_MS.c), traces: [] };
}

/** The chain as a design document, so the evaluator's resilience rules can read it. */
export function labDesign(config: LabConfig): Design {
  const retries = Math.max(0, config.retries);
  const design = {
    version: 1 as const,
    name: "Resilience lab",
    nodes: [
      { id: "user", kind: "client" as const },
      { id: "a", kind: "service" as const, props: { serviceTimeMs: OWN_MS.a } },
      { id: "b", kind: "service" as const, props: { serviceTimeMs: OWN_MS.b } },
      { id: "c", kind: "service" as const, props: { serviceTimeMs: OWN_MS.c } },
    ],
    edges: [
      { id: "user-a", from: "user", to: "a", props: { method: "POST" as const } },
      { id: "a-b", from: "a", to: "b", props: { method: "POST" as const, timeoutMs: config.abTimeoutMs, retries, backoff: "exponential" as const, idempotencyKey: config.idempotencyKeys } },
      { id: "b-c", from: "b", to: "c", props: { method: "POST" as const, timeoutMs: config.bcTimeoutMs, retries, backoff: "exponential" as const, idempotencyKey: config.idempotencyKeys, circuitBreaker: config.breaker } },
    ],
  };
  return design as unknown as Design;
}

export type LabSummary = {
  /** Worst case: calls reaching C for one user request, (1 + retries)² (evaluator's retryAmplification). */
  worstCallsToC: number;
  /** Longest A can spend on B: every attempt to its timeout plus backoff (evaluator's callBudgetMs). */
  abBudgetMs: number;
  bcBudgetMs: number;
  /** A's worst case does not fit inside the deadline. */
  abBudgetExceedsDeadline: boolean;
};

export function summariseConfig(config: LabConfig): LabSummary {
  const graph = buildGraph(labDesign(config));
  const amp = retryAmplification(graph).get("c");
  const ab = graph.edgeById.get("a-b");
  const bc = graph.edgeById.get("b-c");
  const abBudgetMs = (ab && callBudgetMs(ab)) ?? 0;
  const bcBudgetMs = (bc && callBudgetMs(bc)) ?? 0;
  return { worstCallsToC: amp?.factor ?? 1, abBudgetMs, bcBudgetMs, abBudgetExceedsDeadline: OWN_MS.a + abBudgetMs > config.deadlineMs };
}

/** Wait before retry number k (1-based): the evaluator's exponential backoff, base 100 ms, no jitter. */
export function backoffBeforeRetry(k: number): number {
  return backoffTotalMs(k, "exponential") - backoffTotalMs(k - 1, "exponential");
}

/** Nearest-rank p99 of the samples (ms). */
function p99(samples: readonly number[]): number {
  const sorted = [...samples].sort((x, y) => x - y);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(0.99 * sorted.length) - 1));
  return sorted[i] ?? OWN_MS.c;
}

/** The B→C timeout in force: static, or recent p99 plus a buffer, never above the static value. */
export function bcTimeoutFor(config: LabConfig, samples: readonly number[]): number {
  if (config.timeoutMode === "static") return config.bcTimeoutMs;
  return Math.min(config.bcTimeoutMs, p99(samples) + ADAPTIVE_BUFFER_MS);
}

type Ctx = {
  config: LabConfig;
  breaker: Breaker;
  samples: number[];
  calls: CallRecord[];
  charged: boolean;
  charges: number;
  callsToB: number;
  callsToC: number;
  deadlineAt: number;
};

function cLatency(mode: CMode): { ms: number; ok: boolean } {
  if (mode === "slow") return { ms: SLOW_C_MS, ok: true };
  if (mode === "failing") return { ms: FAILING_C_MS, ok: false };
  return { ms: OWN_MS.c, ok: true };
}

function recordFailure(ctx: Ctx, now: number) {
  if (!ctx.config.breaker) return;
  const b = ctx.breaker;
  b.failures += 1;
  if (b.state === "half-open" || b.failures >= ctx.config.breakerThreshold) {
    b.state = "open";
    b.openedAt = now;
  }
}

/** B's work for one call from A, starting at `start`; returns when and how B answers. */
function runB(ctx: Ctx, start: number, deadline: number | undefined): { endMs: number; ok: boolean } {
  const { config } = ctx;
  let t = start + OWN_MS.b;
  for (let attempt = 0; attempt <= config.retries; attempt++) {
    if (attempt > 0) t += backoffBeforeRetry(attempt);
    const remainingMs = ctx.deadlineAt - t;
    if (config.breaker && ctx.breaker.state === "open") {
      if (t - ctx.breaker.openedAt >= BREAKER_COOLDOWN_MS) ctx.breaker.state = "half-open";
      else {
        ctx.calls.push({ hop: "B→C", startMs: t, timeoutMs: 0, remainingMs, outcome: "fast-fail" });
        return { endMs: t, ok: false };
      }
    }
    let timeout = bcTimeoutFor(config, ctx.samples);
    if (deadline !== undefined) timeout = Math.min(timeout, deadline - t);
    if (timeout <= 0) {
      ctx.calls.push({ hop: "B→C", startMs: t, timeoutMs: 0, remainingMs, outcome: "no budget" });
      return { endMs: t, ok: false };
    }
    ctx.callsToC += 1;
    const c = cLatency(config.cMode);
    const record: CallRecord = { hop: "B→C", startMs: t, timeoutMs: timeout, remainingMs, outcome: "ok" };
    // C finishes its work even when the caller has stopped waiting: that is where duplicates come from.
    if (c.ok) {
      if (config.idempotencyKeys && ctx.charged) record.charged = "deduplicated";
      else {
        record.charged = "new";
        ctx.charged = true;
        ctx.charges += 1;
      }
    }
    ctx.calls.push(record);
    const observed = Math.min(c.ms, timeout);
    if (c.ok && c.ms <= timeout) {
      // Adaptive timeouts learn from answered calls only; a timed-out call says nothing about its real length.
      ctx.samples.push(c.ms);
      if (ctx.samples.length > SAMPLE_WINDOW) ctx.samples.shift();
      if (config.breaker) ctx.breaker = { state: "closed", failures: 0, openedAt: ctx.breaker.openedAt };
      return { endMs: t + c.ms, ok: true };
    }
    record.outcome = c.ok ? "timeout" : "error";
    t += observed;
    recordFailure(ctx, t);
  }
  return { endMs: t, ok: false };
}

/** Runs one user request through the chain and returns the new lab state. */
export function sendRequest(state: LabState, config: LabConfig): LabState {
  const start = state.clockMs;
  const ctx: Ctx = {
    config,
    breaker: { ...state.breaker },
    samples: [...state.samples],
    calls: [],
    charged: false,
    charges: 0,
    callsToB: 0,
    callsToC: 0,
    deadlineAt: start + config.deadlineMs,
  };
  let t = start + OWN_MS.a;
  let aResult: { endMs: number; ok: boolean } = { endMs: t, ok: false };
  for (let attempt = 0; attempt <= config.retries; attempt++) {
    if (attempt > 0) t += backoffBeforeRetry(attempt);
    const remainingMs = ctx.deadlineAt - t;
    let timeout = config.abTimeoutMs;
    if (config.propagateDeadline) timeout = Math.min(timeout, remainingMs);
    if (timeout <= 0) {
      ctx.calls.push({ hop: "A→B", startMs: t, timeoutMs: 0, remainingMs, outcome: "no budget" });
      aResult = { endMs: t, ok: false };
      break;
    }
    ctx.callsToB += 1;
    const record: CallRecord = { hop: "A→B", startMs: t, timeoutMs: timeout, remainingMs, outcome: "ok" };
    ctx.calls.push(record);
    const b = runB(ctx, t, config.propagateDeadline ? t + timeout : undefined);
    if (b.ok && b.endMs - t <= timeout) {
      aResult = { endMs: b.endMs, ok: true };
      break;
    }
    if (b.endMs - t > timeout) {
      record.outcome = "timeout";
      t += timeout;
    } else {
      record.outcome = "error";
      t = b.endMs;
    }
    aResult = { endMs: t, ok: false };
  }
  const userEnd = Math.min(aResult.endMs, ctx.deadlineAt);
  const userOutcome: RequestTrace["userOutcome"] = aResult.endMs > ctx.deadlineAt ? "deadline exceeded" : aResult.ok ? "ok" : "error";
  const trace: RequestTrace = {
    n: state.traces.length + 1,
    startMs: start,
    userOutcome,
    userMs: userEnd - start,
    callsToB: ctx.callsToB,
    callsToC: ctx.callsToC,
    charges: ctx.charges,
    duplicateCharges: Math.max(0, ctx.charges - 1),
    breakerAfter: ctx.breaker.state,
    calls: ctx.calls.sort((x, y) => x.startMs - y.startMs),
  };
  return {
    clockMs: userEnd + THINK_TIME_MS,
    breaker: ctx.breaker,
    samples: ctx.samples,
    traces: [...state.traces, trace],
  };
}

export function totals(state: LabState): { requests: number; callsToC: number; charges: number; duplicateCharges: number; failed: number } {
  let callsToC = 0;
  let charges = 0;
  let duplicateCharges = 0;
  let failed = 0;
  for (const t of state.traces) {
    callsToC += t.callsToC;
    charges += t.charges;
    duplicateCharges += t.duplicateCharges;
    if (t.userOutcome !== "ok") failed += 1;
  }
  return { requests: state.traces.length, callsToC, charges, duplicateCharges, failed };
}

/** The deadline arithmetic of Chapter 14: budget minus time spent (ms), never below zero. */
export function remainingBudget(deadlineMs: number, spentMs: number): number {
  return Math.max(0, deadlineMs - spentMs);
}
