import type { DesignEdge, DesignNode } from "@/lib/schemas/design";
import { flowEdgeToDesign, flowNodeToDesign, toFlowEdge, toFlowNode, type FlowState } from "./convert";
import { uniqueId } from "./ops";

// Copy and paste of a selection. The clipboard holds plain design records (the document format), so a copy
// can be pasted into another editor; pasting gives every node and edge a fresh id and rewires the copied
// edges to the copies.

export type Fragment = { nodes: DesignNode[]; edges: DesignEdge[] };

export const PASTE_OFFSET = 40;

/** The selected nodes and the edges running between two of them. */
export function copySelection(state: FlowState, nodeIds: readonly string[]): Fragment {
  const ids = new Set(nodeIds);
  return {
    nodes: state.nodes.filter((n) => ids.has(n.id)).map((n) => structuredClone(flowNodeToDesign(n))),
    edges: state.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => structuredClone(flowEdgeToDesign(e))),
  };
}

export type PasteResult = { state: FlowState; nodeIds: string[]; edgeIds: string[]; idMap: Map<string, string> };

/** Adds the fragment with new ids, offset so the copies do not cover the originals, and selects them. */
export function pasteFragment(state: FlowState, fragment: Fragment, offset = PASTE_OFFSET): PasteResult {
  const takenNodes = new Set(state.nodes.map((n) => n.id));
  const takenEdges = new Set(state.edges.map((e) => e.id));
  const idMap = new Map<string, string>();
  const newNodes = fragment.nodes.map((n, i) => {
    const id = uniqueId(n.id, takenNodes);
    takenNodes.add(id);
    idMap.set(n.id, id);
    const base = n.position ?? { x: 40 + i * 20, y: 40 + i * 20 };
    const copy = structuredClone({ ...n, id, position: { x: base.x + offset, y: base.y + offset } }) as DesignNode;
    return { ...toFlowNode(copy), selected: true };
  });
  const newEdges = fragment.edges.flatMap((e) => {
    const from = idMap.get(e.from);
    const to = idMap.get(e.to);
    if (!from || !to) return [];
    const id = uniqueId(`${from}-${to}`, takenEdges);
    takenEdges.add(id);
    return [toFlowEdge(structuredClone({ ...e, id, from, to }))];
  });
  return {
    state: {
      ...state,
      nodes: [...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...newNodes],
      edges: [...state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...newEdges],
    },
    nodeIds: newNodes.map((n) => n.id),
    edgeIds: newEdges.map((e) => e.id),
    idMap,
  };
}
