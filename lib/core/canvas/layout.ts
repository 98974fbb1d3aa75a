// Auto-layout, left to right in the order a request travels: client → DNS/CDN → firewall/gateway → load balancer
// → service → cache → database. Positions are cosmetic in the design format, but they must be deterministic:
// the same nodes and edges give the same positions whatever their order in the document. Ids only break ties, so
// a design whose ids happen to sort backwards is not drawn backwards. autoLayout (dagre) is in auto-layout.ts: the
// editor's first script needs only the sizes here, and loads dagre when a design lacks positions.

export type XY = { x: number; y: number };
/** `kind` (a design node kind) orders siblings along the request path; without it only the edges decide. */
export type LayoutNode = { id: string; kind?: string; width?: number; height?: number };
export type LayoutEdge = { from: string; to: string };

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 56;
export const NODE_SEP = 30;
export const RANK_SEP = 90;
export const MARGIN = 20;

/** Above this many nodes dagre gets slow (seconds), so a linear layered layout is used instead. */
export const DAGRE_NODE_LIMIT = 400;

// Where a kind sits on a request's way in: a name is resolved before a connection is opened, the edge and the
// filters come before the balancer, the service reads a cache before its database.
const STAGE: Record<string, number> = {
  client: 0,
  dns: 1,
  cdn: 2,
  firewall: 3,
  gateway: 4,
  load_balancer: 5,
  service: 6,
  cache: 7,
  database: 8,
  object_storage: 9,
  queue: 10,
  worker: 11,
  external_api: 12,
  nat_gateway: 13,
};
const stageOf = (n: LayoutNode | undefined) => (n?.kind !== undefined ? (STAGE[n.kind] ?? 50) : 50);
const cmpId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every node's position in request order (0 = first): a depth-first walk from the clients, each node's callees
 * visited by stage then id; nodes no client reaches follow, walked from those without callers first.
 */
export function requestOrder(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Map<string, number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const byStage = (a: string, b: string) => stageOf(byId.get(a)) - stageOf(byId.get(b)) || cmpId(a, b);
  const next = new Map<string, string[]>();
  const callers = new Map<string, number>();
  for (const n of nodes) next.set(n.id, []);
  for (const e of edges) {
    if (!byId.has(e.from) || !byId.has(e.to) || e.from === e.to) continue;
    next.get(e.from)!.push(e.to);
    callers.set(e.to, (callers.get(e.to) ?? 0) + 1);
  }
  for (const list of next.values()) list.sort(byStage);
  const seq = new Map<string, number>();
  // Iterative, so a 2,000-node chain cannot overflow the stack; callees are pushed in reverse to pop in order.
  const walk = (root: string) => {
    const stack = [root];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seq.has(id)) continue;
      seq.set(id, seq.size);
      const out = next.get(id)!;
      for (let i = out.length - 1; i >= 0; i--) if (!seq.has(out[i]!)) stack.push(out[i]!);
    }
  };
  const ids = nodes.map((n) => n.id).sort(byStage);
  for (const id of ids) if (byId.get(id)?.kind === "client") walk(id);
  for (const id of ids) if (!callers.has(id)) walk(id);
  for (const id of ids) walk(id);
  return seq;
}

/**
 * Linear-time layered layout for very large graphs: each node's column is its longest distance from a node
 * without callers (cycles are broken by visiting order), rows are filled in the given order within a column.
 */
export function layeredLayout(orderedNodes: readonly LayoutNode[], orderedEdges: readonly LayoutEdge[]): Map<string, XY> {
  const out = new Map<string, XY>();
  const indeg = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const n of orderedNodes) {
    indeg.set(n.id, 0);
    next.set(n.id, []);
  }
  for (const e of orderedEdges) {
    indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
    next.get(e.from)?.push(e.to);
  }
  const rank = new Map<string, number>();
  const queue: string[] = [];
  for (const n of orderedNodes) if (indeg.get(n.id) === 0) queue.push(n.id);
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
  // Nodes on cycles never reach in-degree 0: release them one at a time in the given order.
  for (const n of orderedNodes) {
    if ((remaining.get(n.id) ?? 0) > 0) {
      remaining.set(n.id, -1);
      queue.push(n.id);
      visit();
    }
  }
  const rows = new Map<number, number>();
  for (const n of orderedNodes) {
    const r = rank.get(n.id) ?? 0;
    const row = rows.get(r) ?? 0;
    rows.set(r, row + 1);
    out.set(n.id, { x: MARGIN + r * (NODE_WIDTH + RANK_SEP), y: MARGIN + row * (NODE_HEIGHT + 24) });
  }
  return out;
}
