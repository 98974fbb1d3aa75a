import { readFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator";
import { EVALUATION_LIMITS, EvaluationRefused, evaluateInPool } from "@/lib/server/evaluation/pool";

const large = JSON.parse(readFileSync("lib/core/evaluator/examples/generated-2000.json", "utf8")) as { nodes: unknown[]; edges: unknown[] };
const small = JSON.parse(readFileSync("lib/core/evaluator/examples/three-tier.json", "utf8")) as unknown;
const defaults = { ...EVALUATION_LIMITS };

async function refusal(promise: Promise<unknown>): Promise<EvaluationRefused> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EvaluationRefused);
  return error as EvaluationRefused;
}

afterEach(() => Object.assign(EVALUATION_LIMITS, defaults));
afterAll(async () => {
  await (await (globalThis as { roundtripEvaluator?: { pool: Promise<{ destroy(): Promise<void> }> } }).roundtripEvaluator?.pool)?.destroy();
});

describe("evaluator pool", () => {
  it("gives the same result as the evaluator on the calling thread", async () => {
    const inPool = await evaluateInPool(small, { owner: "same", seed: 7 });
    expect(inPool).toEqual(evaluateDesign(small, { seed: 7 }));
  });

  it("keeps the event loop free while a 2,000-node design is scored", async () => {
    let ticks = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      ticks++;
      setTimeout(tick, 0);
    };
    const scored = evaluateInPool(large, { owner: "loop" }).finally(() => {
      done = true;
    });
    setTimeout(tick, 0);
    const outcome = await scored;
    expect(outcome.ok).toBe(true);
    // Scoring on this thread (the old way) would finish before a single timer could fire.
    expect(ticks).toBeGreaterThan(2);
  });

  it("refuses designs over the node and edge limits with 413 naming the field, before any work", async () => {
    const nodes = Array.from({ length: EVALUATION_LIMITS.maxNodes + 1 }, (_, i) => ({ id: `n${i}`, kind: "service" }));
    const tooMany = await refusal(evaluateInPool({ version: 1, name: "x", nodes, edges: [] }, { owner: "size" }));
    expect([tooMany.status, tooMany.path]).toEqual([413, "nodes"]);
    const edges = Array.from({ length: EVALUATION_LIMITS.maxEdges + 1 }, (_, i) => ({ id: `e${i}`, from: "a", to: "b" }));
    const tooManyEdges = await refusal(evaluateInPool({ version: 1, name: "x", nodes: [], edges }, { owner: "size" }));
    expect([tooManyEdges.status, tooManyEdges.path]).toEqual([413, "edges"]);
  });

  it("stops an evaluation over its time budget with 422, and the pool keeps working", async () => {
    await evaluateInPool(small, { owner: "budget" }); // a warm thread, so the budget is spent on the design
    EVALUATION_LIMITS.timeoutMs = 1;
    const stopped = await refusal(evaluateInPool(large, { owner: "budget" }));
    expect(stopped.status).toBe(422);
    expect(stopped.message).toMatch(/longer than/);
    Object.assign(EVALUATION_LIMITS, defaults);
    expect((await evaluateInPool(small, { owner: "budget" })).ok).toBe(true);
  });

  it("caps the evaluations one user has in flight (429) without touching other users", async () => {
    EVALUATION_LIMITS.perUser = 2;
    const runs = [1, 2, 3].map(() => evaluateInPool(large, { owner: "greedy" }).then(() => "ok", (e: EvaluationRefused) => e.status));
    const other = evaluateInPool(small, { owner: "patient" });
    expect(await Promise.all(runs)).toEqual(["ok", "ok", 429]);
    expect((await other).ok).toBe(true);
  });

  it("answers 503 when every thread is busy and the waiting line is full", async () => {
    EVALUATION_LIMITS.queueLength = 0;
    const busy = Array.from({ length: EVALUATION_LIMITS.threads }, (_, i) => evaluateInPool(large, { owner: `busy-${i}` }));
    const refused = await refusal(evaluateInPool(small, { owner: "late" }));
    expect(refused.status).toBe(503);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    await Promise.all(busy);
  });
});
