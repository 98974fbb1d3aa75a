import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { designToFlow, flowToDesign, type DesignDocument } from "@/lib/core/canvas/convert";
import { designArb } from "./arbitraries";

const EXAMPLES = new URL("../../../lib/core/evaluator/examples/", import.meta.url);
const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"));
const load = (f: string) => JSON.parse(readFileSync(new URL(f, EXAMPLES), "utf8")) as DesignDocument;

describe("design ⇄ React Flow conversion", () => {
  it.each(exampleFiles)("round-trips the example %s exactly", (file) => {
    const doc = load(file);
    const back = flowToDesign(designToFlow(structuredClone(doc)));
    expect(back).toStrictEqual(doc);
  });

  it("round-trips generated designs, including unknown props, scenario and missing positions", () => {
    fc.assert(
      fc.property(designArb, (doc) => {
        const copy = structuredClone(doc);
        expect(flowToDesign(designToFlow(copy))).toStrictEqual(doc);
      }),
      { numRuns: 150 },
    );
  });

  it("maps ids, endpoints and positions onto React Flow elements", () => {
    const doc: DesignDocument = {
      version: 1,
      name: "two",
      nodes: [
        { id: "a", kind: "client", position: { x: 10, y: 20 } },
        { id: "b", kind: "service", props: { replicas: 3 } },
      ],
      edges: [{ id: "a-b", from: "a", to: "b", props: { protocol: "http" } }],
    };
    const flow = designToFlow(doc);
    expect(flow.nodes.map((n) => [n.id, n.type])).toEqual([
      ["a", "design"],
      ["b", "design"],
    ]);
    expect(flow.nodes[0]?.position).toEqual({ x: 10, y: 20 });
    expect(flow.edges[0]).toMatchObject({ id: "a-b", source: "a", target: "b" });
    expect(flow.meta).toEqual({ version: 1, name: "two" });
  });

  it("stores a position once a node without one has been moved, and only then", () => {
    const doc: DesignDocument = { version: 1, name: "n", nodes: [{ id: "a", kind: "cache" }, { id: "b", kind: "dns" }], edges: [] };
    const flow = designToFlow(doc);
    const moved = { ...flow, nodes: flow.nodes.map((n) => (n.id === "a" ? { ...n, position: { x: 999, y: 5 } } : n)) };
    const out = flowToDesign(moved);
    expect(out.nodes[0]).toStrictEqual({ id: "a", kind: "cache", position: { x: 999, y: 5 } });
    expect(out.nodes[1]).toStrictEqual({ id: "b", kind: "dns" });
  });
});
