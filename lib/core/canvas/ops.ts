import type { DesignEdge, DesignNode, EdgeProps, NodeKind } from "@/lib/schemas/design";
import { toFlowEdge, type DesignFlowNode, type FlowState } from "./convert";
import { componentNames, effectiveZone, KIND_CATALOGUE, type ZoneName } from "./kinds";
import { NODE_HEIGHT, NODE_WIDTH, type XY } from "./layout";

// Pure edits of the editor's state. Every function returns a new state and leaves unchanged nodes and edges
// as the same objects, so React Flow only re-renders what changed.

/** `prefix-1`, `prefix-2`, … — the first one not in `taken`. */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  const base = prefix.replace(/-\d+$/, "") || "node";
  for (let i = 1; ; i++) {
    const id = `${base}-${i}`;
    if (!taken.has(id)) return id;
  }
}

const CELL_X = NODE_WIDTH + 40;
const CELL_Y = NODE_HEIGHT + 40;

/**
 * A free spot for a new node: the first grid cell, scanning rows near `near` (or the top-left of the
 * drawing), that no existing node overlaps. Linear in the number of nodes.
 */
export function freePosition(nodes: readonly { position: XY }[], near?: XY): XY {
  const occupied = new Set<string>();
  let minX = Infinity;
  let minY = Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
  }
  const origin = near ?? (nodes.length ? { x: minX, y: minY } : { x: 40, y: 40 });
  for (const n of nodes) {
    // A node overlaps up to four cells; mark all of them.
    const cx = Math.floor((n.position.x - origin.x) / CELL_X);
    const cy = Math.floor((n.position.y - origin.y) / CELL_Y);
    for (const dx of [0, 1]) for (const dy of [0, 1]) occupied.add(`${cx + dx},${cy + dy}`);
  }
  for (let r = 0; r < 10_000; r++) {
    for (let c = 0; c <= r; c++) {
      for (const [x, y] of [
        [c, r],
        [r, c],
      ] as const) {
        if (!occupied.has(`${x},${y}`)) return { x: origin.x + x * CELL_X, y: origin.y + y * CELL_Y };
      }
    }
  }
  return { x: origin.x, y: origin.y };
}

export function addNode(state: FlowState, kind: NodeKind, position?: XY): { state: FlowState; id: string } {
  const info = KIND_CATALOGUE[kind];
  const taken = new Set(state.nodes.map((n) => n.id));
  const id = uniqueId(info.idPrefix, taken);
  const node = { id, kind, label: info.title } as DesignNode;
  if (info.zone !== effectiveZone({ kind, zone: undefined })) node.zone = info.zone;
  if (Object.keys(info.defaultProps).length > 0) {
    (node as { props?: unknown }).props = structuredClone(info.defaultProps);
  }
  const flowNode: DesignFlowNode = {
    id,
    type: "design",
    position: position ?? freePosition(state.nodes),
    data: { node },
    selected: true,
  };
  const nodes = state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
  const edges = state.edges.map((e) => (e.selected ? { ...e, selected: false } : e));
  return { state: { ...state, nodes: [...nodes, flowNode], edges }, id };
}

export function removeElements(
  state: FlowState,
  nodeIds: readonly string[],
  edgeIds: readonly string[] = [],
): FlowState {
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  if (goneNodes.size === 0 && goneEdges.size === 0) return state;
  return {
    ...state,
    nodes: state.nodes.filter((n) => !goneNodes.has(n.id)),
    edges: state.edges.filter((e) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target)),
  };
}

export type AddEdgeResult = { ok: true; state: FlowState; id: string } | { ok: false; reason: string };

export function addEdge(state: FlowState, from: string, to: string, props?: EdgeProps): AddEdgeResult {
  if (from === to) return { ok: false, reason: "A node cannot call itself." };
  const ids = new Set(state.nodes.map((n) => n.id));
  if (!ids.has(from) || !ids.has(to)) return { ok: false, reason: "That component is no longer in the design." };
  if (state.edges.some((e) => e.source === from && e.target === to)) {
    const names = componentNames(state.nodes.map((n) => n.data.node));
    return { ok: false, reason: `${names.get(from)} already calls ${names.get(to)}.` };
  }
  const id = uniqueId(`${from}-${to}`, new Set(state.edges.map((e) => e.id)));
  const edge: DesignEdge = props ? { id, from, to, props } : { id, from, to };
  return { ok: true, state: { ...state, edges: [...state.edges, toFlowEdge(edge)] }, id };
}

export type NodePatch = { label?: string; zone?: ZoneName; region?: string; props?: Record<string, unknown> };

/** Applies a patch to a node's record; a key present with value `undefined` removes that field. */
export function updateNode(state: FlowState, id: string, patch: NodePatch): FlowState {
  return {
    ...state,
    nodes: state.nodes.map((n) => {
      if (n.id !== id) return n;
      const next = { ...n.data.node } as Record<string, unknown>;
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) delete next[k];
        else next[k] = v;
      }
      return { ...n, data: { ...n.data, node: next as DesignFlowNode["data"]["node"] } };
    }),
  };
}

export function updateEdgeProps(state: FlowState, id: string, props: Record<string, unknown> | undefined): FlowState {
  return {
    ...state,
    edges: state.edges.map((e) => {
      if (e.id !== id || !e.data) return e;
      const edge = { ...e.data.edge } as Record<string, unknown>;
      if (props === undefined || Object.keys(props).length === 0) delete edge.props;
      else edge.props = props;
      return { ...e, data: { edge: edge as DesignEdge } };
    }),
  };
}
