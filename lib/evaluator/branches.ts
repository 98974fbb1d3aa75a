import { DEFAULTS } from "./defaults";
import type { Edge, Graph, Node } from "./graph";

// Which calls a request makes: reads vs writes, cache-aside hit/miss, CDN hit/miss and callProbability.

export type RequestType = "read" | "write";
export const REQUEST_TYPES: readonly RequestType[] = ["read", "write"];

/** Cache hit ratio of a cache node (probability 0–1); default from the defaults table. */
export function cacheHitRatio(node: Node): number {
  if (node.kind === "cache") return node.props?.hitRatio ?? DEFAULTS.cache.hitRatio;
  if (node.kind === "cdn") return node.props?.cacheHitRatio ?? DEFAULTS.cdn.cacheHitRatio;
  return 0;
}

/**
 * Probability (0–1) that a request of the given type arriving at `edge.from` makes this call.
 * Rules (spec "Model rules"; cache-aside per the AWS caching whitepaper / content brief 11.3):
 * - writes bypass caches (a write never calls a `cache`) and pass through CDNs to the origin;
 * - a node that calls both a cache and a database reads the database only on a miss: 1 − Π hitRatio of
 *   its caches (several caches in front of one database each have to miss);
 * - a CDN forwards reads to its origin on a miss (1 − cacheHitRatio);
 * - an explicit `callProbability` overrides the implicit branch probability (except that writes still skip
 *   caches).
 */
export function callProbability(graph: Graph, edge: Edge, type: RequestType): number {
  const from = graph.byId.get(edge.from);
  const to = graph.byId.get(edge.to);
  if (!from || !to || edge.mode === "lookup") return 0;
  const explicit = edge.props.callProbability;
  if (to.kind === "cache") return type === "write" ? 0 : (explicit ?? 1);
  if (type === "write") return explicit ?? 1;
  if (explicit !== undefined) return explicit;
  if (from.kind === "cdn") return 1 - cacheHitRatio(from);
  if (to.kind === "database") {
    const miss = cacheMissRatio(graph, from.id, edge.mode);
    if (miss !== undefined) return miss;
  }
  return 1;
}

/**
 * Probability that a read from `nodeId` misses every cache it consults, or undefined when the node calls no
 * cache over edges of the same mode (cache-aside only applies between calls of one kind of flow).
 */
export function cacheMissRatio(graph: Graph, nodeId: string, mode: Edge["mode"] = "sync"): number | undefined {
  let miss: number | undefined;
  for (const e of graph.out.get(nodeId) ?? []) {
    if (e.mode !== mode) continue;
    const t = graph.byId.get(e.to);
    if (t?.kind !== "cache") continue;
    const p = e.props.callProbability ?? 1;
    // A cache consulted only part of the time lets the rest of the reads through.
    miss = (miss ?? 1) * (1 - p * cacheHitRatio(t));
  }
  return miss;
}

/** Whether a node reads through cache-aside: it calls at least one cache and at least one database. */
export function usesCacheAside(graph: Graph, nodeId: string): boolean {
  let cache = false;
  let db = false;
  for (const e of graph.out.get(nodeId) ?? []) {
    if (e.mode !== "sync") continue;
    const k = graph.byId.get(e.to)?.kind;
    if (k === "cache") cache = true;
    if (k === "database") db = true;
  }
  return cache && db;
}
