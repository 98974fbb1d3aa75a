import { readFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator";
import { structuralDiff } from "@/lib/core/canvas/diff";
import type { Design } from "@/lib/core/evaluator/schema";
import { AppError } from "@/lib/server/kernel/errors";
import { refusedWith } from "../../support/refusal";
import {
  compareInPool,
  EVALUATION_LIMITS,
  EvaluationRefused,
  evaluateInPool,
  evaluateJsonInPool,
  startEvaluator,
  stopEvaluator,
} from "@/lib/server/evaluation/pool";
import { warm } from "@/lib/server/evaluation/worker-entry";

const large = JSON.parse(readFileSync("lib/core/evaluator/examples/generated-2000.json", "utf8")) as { nodes: unknown[]; edges: unknown[] };
const smallText = readFileSync("lib/core/evaluator/examples/three-tier.json", "utf8");
const small = JSON.parse(smallText) as unknown;
const defaults = { ...EVALUATION_LIMITS };

const refusal = (promise: Promise<unknown>) => refusedWith(promise, EvaluationRefused);

afterEach(() => Object.assign(EVALUATION_LIMITS, defaults));
afterAll(stopEvaluator);

describe("evaluator pool", () => {
  it("warms every thread on the examples when it starts, before any design arrives", { timeout: 10 * 60_000 }, async () => {
    const warmups = await startEvaluator();
    // Every loop ran all of its steps (none was cut short by an error or a busy pool): ten rounds of 12 examples.
    expect(warmups).toEqual(Array.from({ length: EVALUATION_LIMITS.threads }, () => 120));
  });

  it("lets an evaluation that arrives during the warm-up go ahead of the rest of it", { timeout: 10 * 60_000 }, async () => {
    await stopEvaluator();
    let warmedUp = false;
    const warming = startEvaluator().then((steps) => {
      warmedUp = true;
      return steps;
    });
    // The first step of 120 may run before it; the other 119 wait behind it in the thread hand-out.
    expect((await evaluateInPool(small, { owner: "early" })).ok).toBe(true);
    expect(warmedUp).toBe(false);
    expect(await warming).toEqual(Array.from({ length: EVALUATION_LIMITS.threads }, () => 120));
  });

  it("a pool stopped during its warm-up ends it there and starts no other pool", { timeout: 10 * 60_000 }, async () => {
    await stopEvaluator();
    const warming = startEvaluator();
    expect((await evaluateInPool(small, { owner: "early" })).ok).toBe(true); // the threads are up, the warm-up running
    await stopEvaluator();
    for (const steps of await warming) expect(steps).toBeLessThan(120);
    // A warm-up step that ended after the stop once released its thread into a fresh pool, started for nothing.
    expect((globalThis as { roundtripEvaluator?: unknown }).roundtripEvaluator).toBeUndefined();
    await startEvaluator(); // the tests below expect warm, idle threads
  });

  it("warm-up steps evaluate each example through the request path and count down to the last", () => {
    // One round: eight small examples and generated-50 four times; an example that failed to evaluate would throw.
    const remaining = Array.from({ length: 12 }, (_, step) => warm({ step }).remaining);
    expect(remaining).toEqual(Array.from({ length: 12 }, (_, step) => 119 - step));
    expect(warm({ step: 119 }).remaining).toBe(0);
  });

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
    // Three large designs queue for the threads; on a busy host that can outlast the default wait, and a 503
    // for "patient" is not what this test is about.
    EVALUATION_LIMITS.queueWaitMs = 10 * 60_000;
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

  it("scores a raw JSON body on a thread and hands back the result serialised, equal to the evaluator's", async () => {
    const outcome = await evaluateJsonInPool(smallText, { owner: "text", seed: 7 });
    const direct = evaluateDesign(small, { seed: 7 });
    if (!outcome.ok || !direct.ok) throw new Error("expected both to score");
    expect(JSON.parse(outcome.json)).toEqual(direct.result);
  });

  it("refuses a raw body that is not JSON, holds a NUL or is nested too deep (400 naming the field), or is too large (413)", async () => {
    const caught = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as AppError);
    const notJson = await caught(evaluateJsonInPool("{ nodes: [", { owner: "text" }));
    expect(notJson).toBeInstanceOf(AppError);
    expect([notJson?.status, notJson?.field]).toEqual([400, "body"]);
    const nul = await caught(evaluateJsonInPool(JSON.stringify({ version: 1, name: "a\u0000b", nodes: [], edges: [] }), { owner: "text" }));
    expect([nul?.status, nul?.field]).toEqual([400, "name"]);
    const deep = await caught(evaluateJsonInPool(`${"[".repeat(5000)}${"]".repeat(5000)}`, { owner: "text" }));
    expect(deep?.status).toBe(400);
    expect(deep?.message).toMatch(/nested more than/);
    const nodes = Array.from({ length: EVALUATION_LIMITS.maxNodes + 1 }, (_, i) => ({ id: `n${i}`, kind: "service" }));
    const tooMany = await caught(evaluateJsonInPool(JSON.stringify({ version: 1, name: "x", nodes, edges: [] }), { owner: "text" }));
    expect(tooMany).toBeInstanceOf(EvaluationRefused);
    expect([tooMany?.status, tooMany?.field]).toEqual([413, "nodes"]);
  });

  it("lists validation problems of a raw body with their paths, as the evaluator does", async () => {
    const outcome = await evaluateJsonInPool(JSON.stringify({ version: 1, name: "x", nodes: [{ id: "a", kind: "teapot" }], edges: [] }), { owner: "text" });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => e.path)).toContain("nodes[0].kind");
  });

  it("builds the reference comparison on a thread, the same as scoring and diffing on this one", async () => {
    const reference = small as Design;
    const candidate = { ...reference, nodes: reference.nodes.filter((n) => n.kind !== "cache" && n.kind !== "cdn") } as Design;
    candidate.edges = reference.edges.filter((e) => candidate.nodes.some((n) => n.id === e.from) && candidate.nodes.some((n) => n.id === e.to));
    const score = (doc: Design) => {
      const out = evaluateDesign(doc, { seed: 3 });
      return out.ok ? out.result : null;
    };
    const compared = await compareInPool(candidate, reference, { owner: "compare", seed: 3 });
    expect(compared).not.toBeNull();
    expect(compared?.referenceResult).toEqual(score(reference));
    expect(compared?.candidateResult).toEqual(score(candidate));
    expect(compared?.diff).toEqual(structuralDiff(candidate, reference, score));
    expect(compared?.diff.items.length).toBeGreaterThan(0);
    // A document that does not validate gives no comparison (the page then shows its closed state).
    expect(await compareInPool({ ...candidate, nodes: [{ id: "x", kind: "teapot" }] } as unknown as Design, reference, { owner: "compare", seed: 3 })).toBeNull();
  });
});
