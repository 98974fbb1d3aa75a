import dagre from "@dagrejs/dagre";

// Auto-layout, left to right. Positions are cosmetic in the design format, but they must be deterministic:
// the same nodes and edges give the same positions whatever their order in the document, so nodes and edges
// are sorted by id before they reach the layout engine.

export type XY = { x: number; y: number };
export type LayoutNode = { id: string; width?: number; height?: number };
export type LayoutEdge = { from: string; to: string };

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 56;

/** Above this many nodes dagre gets slow (seconds), so a linear layered layout is used instead. */
export const DAGRE_NODE_LIMIT = 400;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Top-left positions for every node, laid out left → right along the call direction. */
export function autoLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Map<string, XY> {
  const sortedNodes = [...nodes].sort(byId);
  const ids = new Set(sortedNodes.map((n) => n.id));
  const sortedEdges = edges
    .filter((e) => ids.has(e.from) && ids.has(e.to) && e.from !== e.to)
    .map((e) => ({ from: e.from, to: e.to }))
    .sort((a, b) => (a.from === b.from ? (a.to < b.to ? -1 : a.to > b.to ? 1 : 0) : a.from < b.from ? -1 : 1));
  if (sortedNodes.length > DAGRE_NODE_LIMIT) return layeredLayout(sortedNodes, sortedEdges);

  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: 30, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of sortedNodes) g.setNode(n.id, { width: n.width ?? NODE_WIDTH, height: n.height ?? NODE_HEIGHT });
  for (const e of sortedEdges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const out = new Map<string, XY>();
  for (const n of sortedNodes) {
    const p = g.node(n.id) as { x: number; y: number } | undefined;
    const w = n.width ?? NODE_WIDTH;
    const h = n.height ?? NODE_HEIGHT;
    out.set(n.id, { x: Math.round((p?.x ?? 0) - w / 2), y: Math.round((p?.y ?? 0) - h / 2) });
  }
  return out;
}

/**
 * Linear-time layered layout for very large graphs: each node's column is its longest distance from a node
 * without callers (cycles are broken by visiting order), rows are filled in id order within a column.
 */
export function layeredLayout(sortedNodes: readonly LayoutNode[], sortedEdges: readonly LayoutEdge[]): Map<string, XY> {
  const out = new Map<string, XY>();
  const indeg = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const n of sortedNodes) {
    indeg.set(n.id, 0);
    next.set(n.id, []);
  }
  for (const e of sortedEdges) {
    indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
    next.get(e.from)?.push(e.to);
  }
  const rank = new Map<string, number>();
  const queue: string[] = [];
  for (const n of sortedNodes) if (indeg.get(n.id) === 0) queue.push(n.id);
  const remaining = new Map(indeg);
  let head = 0;
  const visit = () => {
    while (head < queue.length) {
      const id = queue[head++] as string;
      const r = rank.get(id) ?? 0;
      if (!rank.has(id)) rank.set(id, r);
      for (const to of next.get(id) ?? []) {
        if (rank.has(to) && remaining.get(to) === -1) continue;
        rank.set(to, Math.max(rank.get(to) ?? 0, r + 1));
        const left = (remaining.get(to) ?? 0) - 1;
        remaining.set(to, left);
        if (left === 0) {
          remaining.set(to, -1);
          queue.push(to);
        }
      }
    }
  };
  visit();
  // Nodes on cycles never reach in-degree 0: release them one at a time in id order.
  for (const n of sortedNodes) {
    if ((remaining.get(n.id) ?? 0) > 0) {
      remaining.set(n.id, -1);
      queue.push(n.id);
      visit();
    }
  }
  const rows = new Map<number, number>();
  for (const n of sortedNodes) {
    const r = rank.get(n.id) ?? 0;
    const row = rows.get(r) ?? 0;
    rows.set(r, row + 1);
    out.set(n.id, { x: 20 + r * (NODE_WIDTH + 90), y: 20 + row * (NODE_HEIGHT + 24) });
  }
  return out;
}
