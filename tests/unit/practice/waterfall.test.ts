import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { requestPaths, waterfallRows, waterfallTicks } from "@/lib/core/canvas/waterfall";
import { evaluateDesign, type EvaluationResult } from "@/lib/core/evaluator";

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../../lib/core/evaluator/examples/${name}.json`, import.meta.url), "utf8")) as unknown;
const evaluate = (name: string): EvaluationResult => {
  const out = evaluateDesign(example(name), { samples: 1000 });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.result;
};

describe("waterfalls per request path", () => {
  it("gives every client group its own waterfall, adding up to that group's time to first byte", () => {
    const result = evaluate("global-read-heavy");
    const paths = requestPaths(result.latency);
    expect(paths.map((p) => p.clientId).sort()).toEqual(["users-ap", "users-eu", "users-us"]);
    for (const path of paths) {
      const group = result.latency.clients.find((c) => c.clientId === path.clientId)!;
      expect(path.ttfbMs).toBeCloseTo(group.coldTtfbMs, 6);
      expect(path.steps.some((s) => s.step === "request")).toBe(true);
    }
    // Each waterfall leaves from its own client, not the main one's.
    const doc = example("global-read-heavy") as { edges: { id: string; from: string }[] };
    for (const path of paths) {
      const firstHop = path.steps.find((s) => s.edgeId)!;
      expect(doc.edges.find((e) => e.id === firstHop.edgeId)!.from).toBe(path.clientId);
    }
    // Only the main client's warm time is known.
    expect(paths.filter((p) => p.warmTtfbMs !== null)).toHaveLength(1);
  });

  it("falls back to the main client's waterfall for a result stored before per-group waterfalls", () => {
    const result = evaluate("three-tier");
    const old = { ...result.latency, clients: result.latency.clients.map(({ breakdown: _, ...c }) => c) } as unknown as EvaluationResult["latency"];
    const paths = requestPaths(old);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({ clientId: null, ttfbMs: result.latency.coldTtfbMs, lastByteMs: result.latency.coldLastByteMs, warmTtfbMs: result.latency.warmTtfbMs });
  });

  it("draws nothing when no request reaches a backend", () => {
    const lone = evaluateDesign({ version: 1, name: "Lone client", nodes: [{ id: "web", kind: "client" }], edges: [] });
    expect(lone.ok).toBe(true);
    if (lone.ok) expect(requestPaths(lone.result.latency)).toEqual([]);
  });

  it("starts each step where the previous one ended and leaves out invisible ones", () => {
    const rows = waterfallRows([
      { step: "dns", ms: 20 },
      { step: "processing", ms: 0.01 },
      { step: "tcp", ms: 12.3 },
      { step: "request", ms: 40 },
    ]);
    expect(rows.map((r) => [r.step.step, r.start])).toEqual([
      ["dns", 0],
      ["tcp", 20],
      ["request", 32.3],
    ]);
  });

  it("labels the time axis with round ticks that reach past the last byte", () => {
    expect(waterfallTicks(87)).toEqual([0, 50, 100]);
    expect(waterfallTicks(250)).toEqual([0, 100, 200, 300]);
    expect(waterfallTicks(0)).toEqual([0]);
    for (const total of [0.4, 3, 17, 999, 12_345]) {
      const t = waterfallTicks(total);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(total);
      expect(t.length).toBeLessThanOrEqual(5);
    }
  });
});
