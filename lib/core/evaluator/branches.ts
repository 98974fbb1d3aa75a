import { DEFAULTS } from "./defaults";
import type { Edge, Graph, Node } from "./graph";

// Which calls a request makes: reads vs writes, the request mix an edge carries, cache-aside hit/miss, CDN
// hit/miss, callProbability and routing-group shares (the share is applied by the caller of these helpers).

export type RequestType = "read" | "write";
export const REQUEST_TYPES: readonly RequestType[] = ["read", "write"];

/** Cache hit ratio of a cache node (probability 0–1); default from the defaults table. */
export function cacheHitRatio(node: Node): number {
  if (node.kind === "cache") return node.props?.hitRatio ?? DEFAULTS.cache.hitRatio;
  if (node.kind === "cdn") return node.props?.cacheHitRatio ?? DEFAULTS.cdn.cacheHitRatio;
  return 0;
}

/**
 * Share (0–1) of the requests of a type arriving at the caller that this edge carries, from `requests`
 * (v2): "read" / "write" / "both" (default) or per-type probabilities, which then replace callProbability.
 */
export function carries(edge: Edge, type: RequestType): number | undefined {
  const r = edge.props.requests;
  if (r === undefined) return undefined;
  if (typeof r === "string") return r === "both" || r === type ? (edge.props.callProbability ?? 1) : 0;
  return r[type];
}

/**
 * Probability (0–1) that a request of the given type arriving at `edge.from` makes this call (before any
 * routing-group share). Rules (spec "Model rules"; cache-aside per the AWS caching whitepaper / brief 11.3):
 * - an edge with `requests` (v2) carries exactly the request types it names, with callProbability (or the
 *   per-type probabilities) and nothing implicit;
 * - otherwise writes bypass caches (a write never calls a `cache`) and pass through CDNs to the origin;
 * - a database fronted by caches the caller reads (caches whose `cacheFor` names it) is read only on a miss:
 *   Π (1 − hitRatio) over those caches. v2 has no implicit cache-aside; v1 documents get `cacheFor` on upgrade;
 * - a CDN forwards reads to its origin on a miss (1 − cacheHitRatio);
 * - an explicit `callProbability` overrides the implicit branch probability (writes still skip caches).
 */
export function callProbability(graph: Graph, edge: Edge, type: RequestType): number {
  const from = graph.byId.get(edge.from);
  const to = graph.byId.get(edge.to);
  if (!from || !to || edge.mode === "lookup") return 0;
  const carried = carries(edge, type);
  // An explicit request mix is authoritative: a cache that says it carries writes (rate-limit counters,
  // write-through) receives them.
  if (carried !== undefined) return carried;
  const explicit = edge.props.callProbability;
  if (to.kind === "cache") return type === "write" ? 0 : (explicit ?? 1);
  if (type === "write") return explicit ?? 1;
  if (explicit !== undefined) return explicit;
  if (from.kind === "cdn") return 1 - cacheHitRatio(from);
  if (to.kind === "database") {
    const miss = cacheMissRatio(graph, from.id, edge.mode, to.id);
    if (miss !== undefined) return miss;
  }
  return 1;
}

/** Whether cache node `cacheId` is declared as a cache for store `storeId` (`cacheFor`). */
export function isCacheFor(graph: Graph, cacheId: string, storeId: string): boolean {
  const c = graph.byId.get(cacheId);
  return c?.kind === "cache" && (c.props?.cacheFor ?? []).includes(storeId);
}

/**
 * Probability that a read from `nodeId` misses every cache it consults for `storeId` (caches whose `cacheFor`
 * names the store), or undefined when it consults none over edges of the same mode.
 */
export function cacheMissRatio(
  graph: Graph,
  nodeId: string,
  mode: Edge["mode"] = "sync",
  storeId?: string,
): number | undefined {
  let miss: number | undefined;
  for (const e of graph.out.get(nodeId) ?? []) {
    if (e.mode !== mode) continue;
    const t = graph.byId.get(e.to);
    if (t?.kind !== "cache") continue;
    if (storeId !== undefined && !isCacheFor(graph, t.id, storeId)) continue;
    if (storeId === undefined && (t.props?.cacheFor ?? []).length === 0) continue;
    const p = carries(e, "read") ?? e.props.callProbability ?? 1;
    // A cache consulted only part of the time lets the rest of the reads through.
    miss = (miss ?? 1) * (1 - p * cacheHitRatio(t));
  }
  return miss;
}

/** Whether the edge from `nodeId` to cache `cacheId` is a cache-aside read for a database the node calls. */
export function isSoftCacheCall(graph: Graph, nodeId: string, cacheId: string): boolean {
  const calls = (graph.out.get(nodeId) ?? []).filter((e) => e.mode === "sync");
  return calls.some((e) => graph.byId.get(e.to)?.kind === "database" && isCacheFor(graph, cacheId, e.to));
}
