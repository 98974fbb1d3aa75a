import { DEFAULTS } from "./defaults";
import { clientDns, entryNodes, type Graph, type Node } from "./graph";
import { type ChecklistId } from "./links";
import { poolPressure } from "./resilience";

// The 10-item network design checklist (content brief 3.1 / chapter 14.8), in its order.

export type ChecklistItem = { id: ChecklistId; status: "pass" | "fail" | "n/a"; nodeIds: string[] };

const EDGE_KINDS = new Set(["cdn", "load_balancer", "gateway"]);
const SERVER_KINDS = new Set(["service", "database", "cache", "queue", "worker"]);

type EdgeSettingsNode = Extract<Node, { kind: "cdn" | "load_balancer" | "gateway" }>;
const isEdgeNode = (n: Node): n is EdgeSettingsNode => EDGE_KINDS.has(n.kind);

/** The HTTP version clients speak to an entry node: explicit client edges first, then the node's setting. */
export function entryHttpVersion(graph: Graph, node: Node): string {
  const versions = (graph.inc.get(node.id) ?? [])
    .filter((e) => graph.byId.get(e.from)?.kind === "client" && e.mode === "sync")
    .map((e) => e.props.httpVersion ?? (isEdgeNode(node) ? node.props?.http : undefined) ?? "1.1");
  if (versions.length === 0) return (isEdgeNode(node) ? node.props?.http : undefined) ?? "1.1";
  // The weakest version any client uses decides.
  return versions.includes("1.1") ? "1.1" : versions.includes("2") ? "2" : "3";
}

/** Nodes exposed to the internet that should be private: public zone, publicAccess, or called directly by clients. */
export function publicServerNodes(graph: Graph): string[] {
  const entries = new Set(entryNodes(graph).map((n) => n.id));
  return graph.nodes
    .filter(
      (n) =>
        SERVER_KINDS.has(n.kind) &&
        (n.zone === "public" || entries.has(n.id) || (n.kind === "database" && n.props?.publicAccess === true)),
    )
    .map((n) => n.id);
}

/** Entry nodes that do not terminate TLS with a managed certificate (a missing certificate counts as managed). */
export function edgeTlsFailures(graph: Graph): string[] {
  return entryNodes(graph)
    .filter(
      (n) => !(isEdgeNode(n) && n.props?.tlsTermination === true && (n.props.certificate ?? "managed") === "managed"),
    )
    .map((n) => n.id);
}

/** Nodes or edges still allowing TLS 1.0/1.1. A terminating node without `minTls` defaults to 1.2. */
export function deprecatedTls(graph: Graph): { nodeIds: string[]; edgeIds: string[]; applicable: boolean } {
  const nodeIds: string[] = [];
  const edgeIds: string[] = [];
  let applicable = false;
  for (const n of graph.nodes) {
    if (!isEdgeNode(n) || n.props?.tlsTermination !== true) continue;
    applicable = true;
    const min = n.props.minTls ?? "1.2";
    if (min === "1.0" || min === "1.1") nodeIds.push(n.id);
  }
  for (const e of graph.edges) {
    const tls = e.props.tls;
    if (tls && tls !== "none") applicable = true;
    if (tls === "1.0" || tls === "1.1") edgeIds.push(e.id);
  }
  return { nodeIds, edgeIds, applicable };
}

/** Nodes whose CORS list has a wildcard, and whether any node sets CORS at all. */
export function corsWildcards(graph: Graph): { nodeIds: string[]; applicable: boolean } {
  const nodeIds: string[] = [];
  let applicable = false;
  for (const n of graph.nodes) {
    const origins = n.kind === "service" || isEdgeNode(n) ? n.props?.corsOrigins : undefined;
    if (!origins) continue;
    applicable = true;
    if (origins.some((o) => o.includes("*"))) nodeIds.push(n.id);
  }
  return { nodeIds, applicable };
}

/** Internal HTTP/gRPC calls (not to data stores or queues) made without keep-alive. */
export function internalHttpWithoutKeepAlive(graph: Graph): {
  edgeIds: string[];
  callerIds: string[];
  applicable: boolean;
} {
  const edgeIds: string[] = [];
  const callers = new Set<string>();
  let applicable = false;
  for (const e of graph.edges) {
    if (e.mode !== "sync") continue;
    const from = graph.byId.get(e.from);
    const to = graph.byId.get(e.to);
    if (!from || !to || from.kind === "client") continue;
    const proto = e.props.protocol ?? "http";
    if (proto !== "http" && proto !== "grpc") continue;
    if (to.kind === "database" || to.kind === "cache" || to.kind === "queue") continue;
    applicable = true;
    const keepAlive = e.props.keepAlive ?? e.props.poolSize !== undefined;
    if (!keepAlive) {
      edgeIds.push(e.id);
      callers.add(from.id);
    }
  }
  return { edgeIds, callerIds: [...callers].sort(), applicable };
}

/**
 * Evaluates the 10 checklist items in order. "n/a" when the design has nothing the item applies to (no
 * database pools, no CORS settings, a single region…). Sources: content brief 3.1 and the chapters linked.
 */
export function evaluateChecklist(graph: Graph): ChecklistItem[] {
  const entries = entryNodes(graph);
  const items: ChecklistItem[] = [];
  const add = (id: ChecklistId, applicable: boolean, failing: string[]) =>
    items.push({
      id,
      status: !applicable ? "n/a" : failing.length === 0 ? "pass" : "fail",
      nodeIds: [...new Set(failing)].sort(),
    });

  add(
    "private-services",
    graph.nodes.some((n) => SERVER_KINDS.has(n.kind)),
    publicServerNodes(graph),
  );
  add("edge-tls", entries.length > 0, edgeTlsFailures(graph));
  add(
    "edge-http2",
    entries.length > 0,
    entries.filter((n) => entryHttpVersion(graph, n) === "1.1").map((n) => n.id),
  );

  const dbEdges = graph.edges.filter(
    (e) => e.mode === "sync" && graph.byId.get(e.to)?.kind === "database" && graph.byId.get(e.from)?.kind !== "client",
  );
  const pressure = poolPressure(graph);
  add("bounded-pools", dbEdges.length > 0, [
    ...dbEdges.filter((e) => e.props.poolSize === undefined).map((e) => e.from),
    ...pressure.map((p) => p.dbId),
  ]);

  const ka = internalHttpWithoutKeepAlive(graph);
  add("keep-alive", ka.applicable, ka.callerIds);

  const dnsNodes = graph.nodes.filter((n) => n.kind === "dns");
  add(
    "dns-ttl",
    dnsNodes.length > 0,
    dnsNodes
      .filter((n) => {
        const ttl = (n.kind === "dns" ? n.props?.ttlSeconds : undefined) ?? DEFAULTS.dns.ttlSeconds;
        return ttl < DEFAULTS.dns.goodTtlMinSeconds || ttl > DEFAULTS.dns.goodTtlMaxSeconds;
      })
      .map((n) => n.id),
  );

  // Global entry matters when users are spread over regions or far from the region they enter.
  const clients = graph.nodes.filter((n) => n.kind === "client");
  const clientRegions = new Set(clients.map((c) => c.region).filter((r): r is string => !!r));
  let global = clientRegions.size > 1;
  const failingGlobal: string[] = [];
  for (const c of clients) {
    const dns = clientDns(graph, c.id);
    const steering = dns?.kind === "dns" && (dns.props?.routing === "geo" || dns.props?.routing === "anycast");
    for (const e of graph.out.get(c.id) ?? []) {
      if (e.mode !== "sync") continue;
      const to = graph.byId.get(e.to);
      if (!to) continue;
      if (c.region && to.region && c.region !== to.region) global = true;
      if (!steering && to.kind !== "cdn") failingGlobal.push(to.id);
    }
  }
  add("global-entry", global, global ? failingGlobal : []);

  const cors = corsWildcards(graph);
  add("cors-origins", cors.applicable, cors.nodeIds);

  const tls = deprecatedTls(graph);
  add("tls-versions", tls.applicable, [...tls.nodeIds, ...tls.edgeIds.map((id) => graph.edgeById.get(id)?.from ?? id)]);

  const l7Entries = entries.filter(
    (n): n is EdgeSettingsNode => isEdgeNode(n) && !(n.kind === "load_balancer" && n.props?.layer === 4),
  );
  add(
    "compression",
    l7Entries.length > 0,
    l7Entries
      .filter((n) => (n.props?.compression ?? "none") === "none" || n.props?.varyAcceptEncoding !== true)
      .map((n) => n.id),
  );
  return items;
}
