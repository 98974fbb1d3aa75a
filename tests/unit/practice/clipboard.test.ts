import { describe, expect, it } from "vitest";
import { copySelection, pasteFragment, PASTE_OFFSET } from "@/lib/core/canvas/clipboard";
import { designToFlow, flowToDesign, type DesignDocument } from "@/lib/core/canvas/convert";
import { validateDesign } from "@/lib/core/evaluator/validate";

const doc: DesignDocument = {
  version: 1,
  name: "copy me",
  nodes: [
    { id: "client", kind: "client", position: { x: 0, y: 0 } },
    { id: "api-1", kind: "service", position: { x: 200, y: 0 }, props: { replicas: 3 } },
    { id: "db", kind: "database", position: { x: 400, y: 0 }, zone: "data", props: { indexed: true } },
  ],
  edges: [
    { id: "client-api-1", from: "client", to: "api-1" },
    { id: "api-db", from: "api-1", to: "db", props: { protocol: "postgres", timeoutMs: 200 } },
  ],
};

describe("copy and paste", () => {
  it("copies the selected nodes and only the edges between them", () => {
    const frag = copySelection(designToFlow(doc), ["api-1", "db"]);
    expect(frag.nodes.map((n) => n.id)).toEqual(["api-1", "db"]);
    expect(frag.edges.map((e) => e.id)).toEqual(["api-db"]);
  });

  it("pastes with fresh ids, rewires copied edges, offsets positions and keeps the document valid", () => {
    const state = designToFlow(doc);
    const frag = copySelection(state, ["api-1", "db"]);
    const r = pasteFragment(state, frag);
    expect(r.idMap.get("api-1")).toBe("api-2");
    expect(r.idMap.get("db")).toBe("db-1");
    const out = flowToDesign(r.state);
    expect(out.nodes).toHaveLength(5);
    const ids = out.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const copyEdge = out.edges.find((e) => e.id === r.edgeIds[0]);
    expect(copyEdge).toMatchObject({ from: "api-2", to: "db-1", props: { protocol: "postgres", timeoutMs: 200 } });
    const copyDb = out.nodes.find((n) => n.id === "db-1");
    expect(copyDb).toMatchObject({ kind: "database", zone: "data", props: { indexed: true }, position: { x: 400 + PASTE_OFFSET, y: PASTE_OFFSET } });
    expect(validateDesign(out).ok).toBe(true);
    // Only the pasted copies are selected.
    expect(r.state.nodes.filter((n) => n.selected).map((n) => n.id).sort()).toEqual(["api-2", "db-1"]);
  });

  it("pasting twice never reuses an id, and the copy is independent of the original", () => {
    const state = designToFlow(doc);
    const frag = copySelection(state, ["api-1"]);
    const once = pasteFragment(state, frag);
    const twice = pasteFragment(once.state, frag);
    const ids = twice.state.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(twice.nodeIds).toEqual(["api-3"]);
    (frag.nodes[0]!.props as Record<string, unknown>).replicas = 99;
    expect((twice.state.nodes.find((n) => n.id === "api-3")!.data.node.props as Record<string, unknown>).replicas).toBe(3);
  });
});
