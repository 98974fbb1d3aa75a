import dagre from "@dagrejs/dagre";
import { DAGRE_NODE_LIMIT, layeredLayout, MARGIN, NODE_HEIGHT, NODE_SEP, NODE_WIDTH, RANK_SEP, requestOrder, type LayoutEdge, type LayoutNode, type XY } from "./layout";

// dagre's layered layout in request order (layout.ts says how), apart from the sizes and orders in layout.ts so that
// dagre (48 kB of script) is fetched only when a design has a node without a position: the practice page's server
// lays out its first document (layoutOf), and the editor imports this module for an import, a draft or Lay out.

/** Top-left positions for every node, laid out left → right along the call direction, in request order. */
export function autoLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Map<string, XY> {
  const seq = requestOrder(nodes, edges);
  const rank = (id: string) => seq.get(id) ?? 0;
  const ordered = [...nodes].sort((a, b) => rank(a.id) - rank(b.id));
  const ids = new Set(ordered.map((n) => n.id));
  const seen = new Set<string>();
  const orderedEdges = edges
    .filter((e) => ids.has(e.from) && ids.has(e.to) && e.from !== e.to)
    .map((e) => ({ from: e.from, to: e.to }))
    .sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to))
    .filter((e) => {
      const key = `${e.from}\u0000${e.to}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  if (ordered.length > DAGRE_NODE_LIMIT) return layeredLayout(ordered, orderedEdges);

  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: NODE_SEP, ranksep: RANK_SEP, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of ordered) g.setNode(n.id, { width: n.width ?? NODE_WIDTH, height: n.height ?? NODE_HEIGHT });
  for (const e of orderedEdges) g.setEdge(e.from, e.to);
  dagre.layout(g);

  // dagre picks the columns (from the edges) and the spacing; within a column its crossing minimisation may
  // still put a later step above an earlier one, so each column's slots are handed out again in request order.
  const columns = new Map<number, { id: string; x: number; y: number; w: number; h: number }[]>();
  for (const n of ordered) {
    const p = g.node(n.id) as { x: number; y: number } | undefined;
    const cell = { id: n.id, x: p?.x ?? 0, y: p?.y ?? 0, w: n.width ?? NODE_WIDTH, h: n.height ?? NODE_HEIGHT };
    const col = Math.round(cell.x);
    columns.set(col, [...(columns.get(col) ?? []), cell]);
  }
  const out = new Map<string, XY>();
  for (const cells of columns.values()) {
    const top = Math.min(...cells.map((c) => c.y - c.h / 2));
    const slots = cells.map((c) => c.y - c.h / 2).sort((a, b) => a - b);
    const sameHeights = cells.every((c) => c.h === cells[0]!.h);
    let cursor = top;
    for (const [i, c] of cells.sort((a, b) => rank(a.id) - rank(b.id)).entries()) {
      // With equal heights dagre's own slots are reused (keeping its alignment); otherwise the column is restacked.
      const y = sameHeights ? slots[i]! : cursor;
      cursor = y + c.h + NODE_SEP;
      out.set(c.id, { x: Math.round(c.x - c.w / 2), y: Math.round(y) });
    }
  }
  return out;
}


/** Positions for the nodes of a document that has none stored, or undefined when every node has one. */
export function layoutOf(doc: { nodes: readonly (LayoutNode & { position?: XY })[]; edges: readonly LayoutEdge[] }): Record<string, XY> | undefined {
  if (doc.nodes.every((n) => n.position)) return undefined;
  return Object.fromEntries(autoLayout(doc.nodes, doc.edges));
}
