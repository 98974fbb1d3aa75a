import { describe, expect, it } from "vitest";
import { designToFlow, flowToDesign, type DesignDocument } from "@/lib/core/canvas/convert";
import { KINDS } from "@/lib/core/canvas/kinds";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/core/canvas/layout";
import { addEdge, addNode, freePosition, removeElements, updateEdgeProps, updateNode, uniqueId } from "@/lib/core/canvas/ops";
import { validateDesign } from "@/lib/core/evaluator/validate";
import { NODE_KINDS } from "@/lib/schemas/design";

const empty: DesignDocument = { version: 1, name: "ops", nodes: [], edges: [] };

describe("editing operations", () => {
  it("the palette has every kind of the format, each with a description and icon", () => {
    expect(KINDS.map((k) => k.kind)).toEqual([...NODE_KINDS]);
    for (const k of KINDS) {
      expect(k.description.length).toBeGreaterThan(10);
      expect(k.icon.length).toBeGreaterThan(0);
    }
  });

  it("adds one node of every kind with unique ids, valid default props and no overlap", () => {
    let state = designToFlow(empty);
    for (const kind of NODE_KINDS) state = addNode(state, kind).state;
    const doc = flowToDesign(state);
    expect(validateDesign(doc)).toMatchObject({ ok: true });
    expect(doc.nodes.find((n) => n.kind === "database")?.zone).toBe("data");
    expect(doc.nodes.find((n) => n.kind === "client")?.zone).toBeUndefined();
    const pos = state.nodes.map((n) => n.position);
    for (let i = 0; i < pos.length; i++)
      for (let j = i + 1; j < pos.length; j++) {
        const overlap = Math.abs(pos[i]!.x - pos[j]!.x) < NODE_WIDTH && Math.abs(pos[i]!.y - pos[j]!.y) < NODE_HEIGHT;
        expect(overlap).toBe(false);
      }
    // Only the node added last is selected.
    expect(state.nodes.filter((n) => n.selected).map((n) => n.data.node.kind)).toEqual(["nat_gateway"]);
  });

  it("uniqueId skips taken ids and strips a numeric suffix", () => {
    expect(uniqueId("service", new Set(["service-1", "service-2"]))).toBe("service-3");
    expect(uniqueId("api-7", new Set())).toBe("api-1");
  });

  it("freePosition avoids an occupied origin", () => {
    const p = freePosition([{ position: { x: 0, y: 0 } }]);
    expect(Math.abs(p.x) >= NODE_WIDTH || Math.abs(p.y) >= NODE_HEIGHT).toBe(true);
  });

  it("connects nodes, refusing self-calls, duplicates and missing nodes", () => {
    let state = addNode(addNode(designToFlow(empty), "client").state, "service").state;
    const r = addEdge(state, "client-1", "service-1");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    state = r.state;
    expect(addEdge(state, "client-1", "service-1")).toMatchObject({ ok: false });
    expect(addEdge(state, "client-1", "client-1")).toMatchObject({ ok: false });
    expect(addEdge(state, "client-1", "ghost")).toEqual({ ok: false, reason: "That component is no longer in the design." });
    expect(flowToDesign(state).edges).toEqual([{ id: "client-1-service-1", from: "client-1", to: "service-1" }]);
  });

  it("removing a node removes its edges; patches add and remove fields", () => {
    let state = addNode(addNode(designToFlow(empty), "client").state, "service").state;
    const r = addEdge(state, "client-1", "service-1");
    if (!r.ok) throw new Error(r.reason);
    state = updateNode(r.state, "service-1", { label: "API", region: "eu-west", props: { replicas: 4 } });
    state = updateEdgeProps(state, r.id, { timeoutMs: 500 });
    let doc = flowToDesign(state);
    expect(doc.nodes[1]).toMatchObject({ label: "API", region: "eu-west", props: { replicas: 4 } });
    expect(doc.edges[0]?.props).toEqual({ timeoutMs: 500 });
    state = updateNode(state, "service-1", { region: undefined, props: undefined });
    state = updateEdgeProps(state, r.id, undefined);
    doc = flowToDesign(state);
    expect(doc.nodes[1]).not.toHaveProperty("region");
    expect(doc.nodes[1]).not.toHaveProperty("props");
    expect(doc.edges[0]).not.toHaveProperty("props");
    doc = flowToDesign(removeElements(state, ["service-1"]));
    expect(doc.nodes.map((n) => n.id)).toEqual(["client-1"]);
    expect(doc.edges).toEqual([]);
  });
});
