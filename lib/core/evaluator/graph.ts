import { DEFAULTS } from "./defaults";
import type { Design, DesignEdge, DesignNode, EdgeProps, NodeKind } from "./schema";
import { componentNames } from "@/lib/core/canvas/kinds";
import { mapArray } from "@/lib/core/util/arrays";

// The normalised graph every other module works on. Nodes and edges are sorted by id so that nothing
// downstream can depend on the order of the document; positions are dropped here.

export type Edge = {
  id: string;
  from: string;
  to: string;
  props: EdgeProps;
  /** Synchronous call (the caller waits), asynchronous hand-off, or a client's DNS lookup. */
  mode: "sync" | "async" | "lookup";
};

export type Node = DesignNode & { region?: string };

export type Graph = {
  design: Design;
  nodes: Node[];
  edges: Edge[];
  byId: Map<string, Node>;
  edgeById: Map<string, Edge>;
  out: Map<string, Edge[]>;
  inc: Map<string, Edge[]>;
  /** Nodes in a topological order of the synchronous call graph (ties broken by id). */
  topo: string[];
  mainClientId: string | undefined;
};

const byIdCompare = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * How an edge behaves: a client→dns edge is a lookup; edges into or out of a queue are asynchronous unless
 * the design says otherwise; everything else is synchronous. (Spec "Edge": mode sync/async.)
 */
export function edgeMode(
  edge: Pick<DesignEdge, "props">,
  fromKind: NodeKind | undefined,
  toKind: NodeKind | undefined,
): Edge["mode"] {
  if (fromKind === "client" && toKind === "dns") return "lookup";
  if (edge.props?.mode) return edge.props.mode;
  if (toKind === "queue" || fromKind === "queue") return "async";
  return "sync";
}

/**
 * Builds the normalised, id-sorted graph of a validated design. Pure; O(n log n). The arrays it hands on are built with
 * mapArray, not map (util/arrays.ts): readers optimised on one elements kind would deopt when this is optimised.
 */
export function buildGraph(design: Design): Graph {
  const nodes = [...design.nodes].sort(byIdCompare) as Node[];
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const edges: Edge[] = mapArray([...design.edges].sort(byIdCompare), (e) => ({
    id: e.id,
    from: e.from,
    to: e.to,
    props: e.props ?? {},
    mode: edgeMode(e, byId.get(e.from)?.kind, byId.get(e.to)?.kind),
  }));
  const edgeById = new Map(edges.map((e) => [e.id, e] as const));
  const out = new Map<string, Edge[]>();
  const inc = new Map<string, Edge[]>();
  for (const n of nodes) {
    out.set(n.id, []);
    inc.set(n.id, []);
  }
  for (const e of edges) {
    out.get(e.from)?.push(e);
    inc.get(e.to)?.push(e);
  }
  const topo = topologicalOrder(
    mapArray(nodes, (n) => n.id),
    edges.filter((e) => e.mode === "sync"),
  );
  return { design, nodes, edges, byId, edgeById, out, inc, topo, mainClientId: mainClient(nodes) };
}

/**
 * The main client: the `client` node with the largest `share` (default 1), ties to the smallest id (spec).
 */
export function mainClient(nodes: readonly DesignNode[]): string | undefined {
  let best: { id: string; share: number } | undefined;
  for (const n of [...nodes].sort(byIdCompare)) {
    if (n.kind !== "client") continue;
    const share = n.props?.share ?? 1;
    if (!best || share > best.share) best = { id: n.id, share };
  }
  return best?.id;
}

/**
 * Kahn's algorithm with an id-ordered ready list. Nodes on a cycle (only possible on unvalidated input)
 * are appended at the end in id order so callers never loop forever. `ids` are distinct (a design's node ids).
 */
export function topologicalOrder(ids: readonly string[], edges: readonly { from: string; to: string }[]): string[] {
  // Numbered nodes and plain arrays instead of a Map per node: called five times per evaluation (the graph, the
  // flow and each client group's latency model), it was ~3 % of one on generated-50; the order is the same.
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i] as string, i);
  const indeg = new Int32Array(ids.length);
  const succ: number[][] = mapArray(ids, () => []);
  for (const e of edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined) continue;
    indeg[to] = (indeg[to] as number) + 1;
    (succ[from] as number[]).push(to);
  }
  const ready = ids.filter((_, i) => indeg[i] === 0).sort();
  const order: string[] = [];
  const seen = new Uint8Array(ids.length);
  while (ready.length > 0) {
    const id = ready.shift() as string;
    const i = index.get(id) as number;
    order.push(id);
    seen[i] = 1;
    for (const t of succ[i] as number[]) {
      const d = (indeg[t] as number) - 1;
      indeg[t] = d;
      if (d === 0) insertSorted(ready, ids[t] as string);
    }
  }
  if (order.length < ids.length) for (const i of sortedIndices(ids)) if (!seen[i]) order.push(ids[i] as string);
  return order;
}

/** Indices of ids in the order of their ids (as a default sort orders the strings). */
function sortedIndices(ids: readonly string[]): number[] {
  return mapArray(ids, (_, i) => i).sort((a, b) => ((ids[a] as string) < (ids[b] as string) ? -1 : (ids[a] as string) > (ids[b] as string) ? 1 : 0));
}

function insertSorted(list: string[], value: string): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
}

/**
 * Finds synchronous cycles (iterative DFS, O(V+E)). Returns, per cycle found, the index of the edge that
 * closes it and the node ids around it. Used by validation: a synchronous cycle would make a request wait
 * on itself forever.
 */
export function findSyncCycles(
  ids: readonly string[],
  edges: readonly { from: string; to: string; index: number }[],
): { edgeIndex: number; cycle: string[] }[] {
  const succ = new Map<string, { to: string; index: number }[]>();
  for (const id of ids) succ.set(id, []);
  for (const e of edges) succ.get(e.from)?.push({ to: e.to, index: e.index });
  for (const list of succ.values()) list.sort((a, b) => a.index - b.index);
  const state = new Map<string, 0 | 1 | 2>();
  const found: { edgeIndex: number; cycle: string[] }[] = [];
  for (const root of [...ids].sort()) {
    if (state.get(root)) continue;
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    const path: string[] = [root];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; i: number };
      const next = succ.get(top.id)?.[top.i];
      if (!next) {
        state.set(top.id, 2);
        stack.pop();
        path.pop();
        continue;
      }
      top.i += 1;
      const s = state.get(next.to) ?? 0;
      if (s === 1) {
        const start = path.indexOf(next.to);
        found.push({ edgeIndex: next.index, cycle: [...path.slice(start), next.to] });
      } else if (s === 0 && succ.has(next.to)) {
        state.set(next.to, 1);
        stack.push({ id: next.to, i: 0 });
        path.push(next.to);
      }
    }
  }
  return found;
}

/** Synchronous outgoing calls of a node, in id order (the order sequential calls are made in). */
export function syncCalls(graph: Graph, nodeId: string): Edge[] {
  return (graph.out.get(nodeId) ?? []).filter((e) => e.mode === "sync");
}

/**
 * Whether the caller waits on an asynchronous edge: a producer (anything but a queue) publishing to a queue
 * waits for the broker's acknowledgement unless `ack: false` (issue #12 item 9). Consumers are asynchronous,
 * and so are asynchronous calls to anything that is not a broker.
 */
export function producerWaits(graph: Graph, e: Edge): boolean {
  if (e.mode !== "async") return false;
  // Only a publish to a broker is acknowledged; other asynchronous calls are fire-and-forget.
  if (graph.byId.get(e.from)?.kind === "queue" || graph.byId.get(e.to)?.kind !== "queue") return false;
  return e.props.ack ?? DEFAULTS.resilience.producerAckDefault;
}

/**
 * The calls a request waits on at a node: synchronous calls and acknowledged publishes, in id order. Asked for
 * every node by the capacity, latency and percentile models and again for each client group, so each node's
 * list is worked out once per graph (a graph is never changed once built): callers must not change it.
 */
export function requestCalls(graph: Graph, nodeId: string): readonly Edge[] {
  let byNode = requestCallsMemo.get(graph);
  if (!byNode) requestCallsMemo.set(graph, (byNode = new Map()));
  let calls = byNode.get(nodeId);
  if (!calls) {
    calls = (graph.out.get(nodeId) ?? []).filter((e) => e.mode === "sync" || producerWaits(graph, e));
    byNode.set(nodeId, calls);
  }
  return calls;
}
const requestCallsMemo = new WeakMap<Graph, Map<string, readonly Edge[]>>();

/** Nodes reachable from `start` over the edges `calls` yields at each node (including start), depth first. */
function reachableOver(graph: Graph, start: string, calls: (graph: Graph, id: string) => readonly Edge[]): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const e of calls(graph, id)) {
      if (!seen.has(e.to)) {
        seen.add(e.to);
        stack.push(e.to);
      }
    }
  }
  return seen;
}

/** Nodes reachable from `start` over the calls a request waits on (including start). */
export function requestReachable(graph: Graph, start: string): Set<string> {
  return reachableOver(graph, start, requestCalls);
}

/** Nodes reachable from `start` over synchronous edges (including start). */
export function syncReachable(graph: Graph, start: string): Set<string> {
  return reachableOver(graph, start, syncCalls);
}

/** The DNS node a client resolves through: its lookup edge with the smallest id, if any. */
export function clientDns(graph: Graph, clientId: string): Node | undefined {
  const e = (graph.out.get(clientId) ?? []).find((x) => x.mode === "lookup");
  return e ? graph.byId.get(e.to) : undefined;
}

/** Entry nodes: targets of clients' synchronous calls. */
export function entryNodes(graph: Graph): Node[] {
  const ids = new Set<string>();
  for (const n of graph.nodes) {
    if (n.kind !== "client") continue;
    for (const e of graph.out.get(n.id) ?? []) if (e.mode === "sync") ids.add(e.to);
  }
  return mapArray([...ids].sort(), (id) => graph.byId.get(id) as Node);
}

/** The main client's region, used as the location of CDN points of presence that have none. */
export function clientRegion(graph: Graph): string | undefined {
  return graph.mainClientId ? graph.byId.get(graph.mainClientId)?.region : undefined;
}

/**
 * The canvas's names of the design's components (componentNames), worked out once per graph: the findings and the
 * assumptions both name nodes, and each pass sorted every node by id again (~1 % of an evaluation of generated-50).
 * The map is shared: callers only read it.
 */
export function nodeNames(graph: Graph): ReadonlyMap<string, string> {
  let names = nodeNamesMemo.get(graph);
  if (!names) nodeNamesMemo.set(graph, (names = componentNames(graph.design.nodes)));
  return names;
}
const nodeNamesMemo = new WeakMap<Graph, ReadonlyMap<string, string>>();
