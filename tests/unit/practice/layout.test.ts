import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { autoLayout, DAGRE_NODE_LIMIT, NODE_HEIGHT, NODE_WIDTH } from "@/lib/core/canvas/layout";

const nodes = ["client", "lb", "api", "cache", "db"].map((id) => ({ id }));
const edges = [
  { from: "client", to: "lb" },
  { from: "lb", to: "api" },
  { from: "api", to: "cache" },
  { from: "api", to: "db" },
];

const shuffle = <T>(xs: T[], seed: number) => {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe("auto-layout", () => {
  it("lays calls out left to right", () => {
    const p = autoLayout(nodes, edges);
    const x = (id: string) => p.get(id)!.x;
    expect(x("client")).toBeLessThan(x("lb"));
    expect(x("lb")).toBeLessThan(x("api"));
    expect(x("api")).toBeLessThan(x("db"));
    expect(x("api")).toBeLessThan(x("cache"));
  });

  it("is deterministic whatever the order of nodes and edges", () => {
    const reference = autoLayout(nodes, edges);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const p = autoLayout(shuffle(nodes, seed), shuffle(edges, seed + 1));
        expect(Object.fromEntries(p)).toEqual(Object.fromEntries(reference));
      }),
      { numRuns: 25 },
    );
  });

  it("places no two nodes on top of each other", () => {
    const p = [...autoLayout(nodes, edges).values()];
    for (let i = 0; i < p.length; i++) {
      for (let j = i + 1; j < p.length; j++) {
        const a = p[i]!;
        const b = p[j]!;
        const overlap = Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;
        expect(overlap).toBe(false);
      }
    }
  });

  it("handles the 2,000-node example quickly and deterministically, cycles included", () => {
    const doc = JSON.parse(
      readFileSync(new URL("../../../lib/core/evaluator/examples/generated-2000.json", import.meta.url), "utf8"),
    ) as { nodes: { id: string }[]; edges: { from: string; to: string }[] };
    expect(doc.nodes.length).toBeGreaterThan(DAGRE_NODE_LIMIT);
    const t0 = performance.now();
    const a = autoLayout(doc.nodes, doc.edges);
    const ms = performance.now() - t0;
    expect(a.size).toBe(doc.nodes.length);
    expect(ms).toBeLessThan(1000);
    const b = autoLayout([...doc.nodes].reverse(), [...doc.edges].reverse());
    expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
    const cyc = autoLayout([{ id: "a" }, { id: "b" }], [{ from: "a", to: "b" }, { from: "b", to: "a" }]);
    expect(cyc.size).toBe(2);
  });
});
