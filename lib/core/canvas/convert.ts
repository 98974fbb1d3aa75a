import type { Edge, Node } from "@xyflow/react";
import type { Design, DesignEdge, DesignNode } from "@/lib/schemas/design";
import type { XY } from "./layout";

// Conversion between the design document (the saved format) and React Flow's nodes and edges. Each flow
// element carries its document record untouched in `data`, so every field — including props the editor does
// not know about — survives the round trip. Only the position lives outside: React Flow owns it while editing.

export type DesignDocument = Design;

export type DesignNodeData = {
  /** The document's node without its position. */
  node: Omit<DesignNode, "position">;
  /**
   * Set when the document had no position for this node and the editor invented one; if the node is never
   * moved, the document gets no position back (lossless).
   */
  autoPosition?: XY;
};
export type DesignEdgeData = { edge: DesignEdge };

export type DesignFlowNode = Node<DesignNodeData, "design">;
export type DesignFlowEdge = Edge<DesignEdgeData>;

/** Everything in the document except its nodes and edges (version, name, scenario, future fields). */
export type DesignMeta = Omit<DesignDocument, "nodes" | "edges">;

export type FlowState = { meta: DesignMeta; nodes: DesignFlowNode[]; edges: DesignFlowEdge[] };

/**
 * The flow for a document. A node without a stored position is drawn at `laid[id]`: positions from autoLayout
 * (auto-layout.ts, dagre), which the caller computes (on the server for a page's first document, or after
 * importing dagre) so that this module, and the editor's first script, stay free of dagre.
 */
export function designToFlow(doc: DesignDocument, laid: Readonly<Record<string, XY>> = {}): FlowState {
  const { nodes, edges, ...meta } = doc;
  const flowNodes: DesignFlowNode[] = nodes.map((n) => {
    const { position, ...rest } = n;
    if (position) return { id: n.id, type: "design", position: { x: position.x, y: position.y }, data: { node: rest } };
    const auto = laid[n.id] ?? { x: 0, y: 0 };
    return { id: n.id, type: "design", position: { ...auto }, data: { node: rest, autoPosition: auto } };
  });
  const flowEdges: DesignFlowEdge[] = edges.map((e) => toFlowEdge(e));
  return { meta, nodes: flowNodes, edges: flowEdges };
}

/** designToFlow with the positions the document lacks laid out by dagre, which is imported only when one lacks them. */
export async function designToFlowLaidOut(doc: DesignDocument): Promise<FlowState> {
  if (doc.nodes.every((n) => n.position)) return designToFlow(doc);
  const { layoutOf } = await import("./auto-layout");
  return designToFlow(doc, layoutOf(doc));
}

export function toFlowEdge(e: DesignEdge): DesignFlowEdge {
  return { id: e.id, source: e.from, target: e.to, data: { edge: e } };
}

export function toFlowNode(n: DesignNode): DesignFlowNode {
  const { position, ...rest } = n;
  return { id: n.id, type: "design", position: position ? { ...position } : { x: 0, y: 0 }, data: { node: rest } };
}

export function flowNodeToDesign(n: DesignFlowNode): DesignNode {
  const { props, ...rest } = n.data.node;
  const auto = n.data.autoPosition;
  const keep = !auto || auto.x !== n.position.x || auto.y !== n.position.y;
  const out = { ...rest, id: n.id } as DesignNode;
  if (keep) out.position = { x: n.position.x, y: n.position.y };
  if (props !== undefined) (out as { props?: unknown }).props = props;
  return out;
}

export function flowEdgeToDesign(e: DesignFlowEdge): DesignEdge {
  const base = e.data?.edge;
  return { ...(base ?? {}), id: e.id, from: e.source, to: e.target } as DesignEdge;
}

export function flowToDesign(state: FlowState): DesignDocument {
  return {
    ...state.meta,
    nodes: state.nodes.map(flowNodeToDesign),
    edges: state.edges.map(flowEdgeToDesign),
  } as DesignDocument;
}
