import { callProbability, REQUEST_TYPES, usesCacheAside, type RequestType } from "./branches";
import { clientDns, syncCalls, syncReachable, type Graph, type Node } from "./graph";
import { nodeParams } from "./params";

// Availability: expected share of the main client's requests that succeed, and single points of failure.

/**
 * Availability of n replicas of availability a (probability 0–1). Behind a health-checked balancer a request
 * fails only when every replica is down: 1 − (1 − a)^n. Without health checks a dead replica keeps its share
 * of traffic, so on average a fraction a of requests succeeds, whatever n. Source: Google SRE book ch. 3
 * ("Embracing risk") for composing availabilities; spec "Model rules".
 */
export function replicatedAvailability(a: number, replicas: number, healthChecked: boolean): number {
  if (replicas <= 1 || !healthChecked) return a;
  return 1 - Math.pow(1 - a, replicas);
}

/**
 * Whether failed replicas of a node are taken out of rotation: every load balancer in front of it has health
 * checks enabled, clients reach it only through failover/geo/anycast DNS (which health-checks), and other
 * callers (gateways, services with client-side balancing) are assumed to eject failed instances.
 */
export function isHealthChecked(graph: Graph, nodeId: string): boolean {
  for (const e of graph.inc.get(nodeId) ?? []) {
    if (e.mode !== "sync") continue;
    const from = graph.byId.get(e.from);
    if (!from) continue;
    if (from.kind === "load_balancer" && from.props?.healthCheck?.enabled !== true) return false;
    if (from.kind === "client") {
      const dns = clientDns(graph, from.id);
      const routing = dns?.kind === "dns" ? (dns.props?.routing ?? "simple") : "simple";
      if (routing !== "failover" && routing !== "geo" && routing !== "anycast") return false;
    }
  }
  return true;
}

/** Effective availability of one node for a request type (probability 0–1), replicas and health checks included. */
export function nodeAvailability(graph: Graph, node: Node, type: RequestType): number {
  const p = nodeParams(node);
  switch (node.kind) {
    case "service":
    case "worker":
      return replicatedAvailability(p.availability, p.replicas, isHealthChecked(graph, node.id));
    case "database":
      // Reads can be served by any replica; writes need the primary.
      return type === "read" ? replicatedAvailability(p.availability, p.replicas, true) : p.availability;
    case "cache":
      return replicatedAvailability(p.availability, p.replicas, true);
    default:
      return p.availability;
  }
}

export type AvailabilityResult = { estimate: number; nines: number; spofs: string[] };

/**
 * Expected success probability of the main client's request (0–1), mixing reads and writes:
 * A(n) = a(n) × Π over calls (1 − p·(1 − A(callee))). Serial components multiply (SRE book); a call made
 * with probability p only fails the request when it is made. In cache-aside a cache outage turns hits into
 * misses (a soft dependency): reads fall through to the database. Shared dependencies are treated as
 * independent per path (a slight over-count of failures, on the safe side).
 */
export function computeAvailability(graph: Graph, readRatio: number): AvailabilityResult {
  const clientId = graph.mainClientId;
  const share: Record<RequestType, number> = { read: readRatio, write: 1 - readRatio };
  let estimate: number;
  let scope: Set<string>;
  if (clientId) {
    scope = syncReachable(graph, clientId);
    const order = graph.topo.filter((id) => scope.has(id));
    const A = { read: new Map<string, number>(), write: new Map<string, number>() };
    for (let i = order.length - 1; i >= 0; i--) {
      const id = order[i] as string;
      const node = graph.byId.get(id) as Node;
      for (const t of REQUEST_TYPES) {
        let a = node.kind === "client" ? 1 : nodeAvailability(graph, node, t);
        const cacheAside = t === "read" && usesCacheAside(graph, id);
        let cacheUp = 1;
        if (cacheAside) {
          for (const e of syncCalls(graph, id)) {
            if (graph.byId.get(e.to)?.kind !== "cache") continue;
            cacheUp *= 1 - callProbability(graph, e, t) * (1 - (A[t].get(e.to) ?? 1));
          }
        }
        for (const e of syncCalls(graph, id)) {
          const kind = graph.byId.get(e.to)?.kind;
          let p = callProbability(graph, e, t);
          if (cacheAside && kind === "cache") continue;
          if (cacheAside && kind === "database") p = cacheUp * p + (1 - cacheUp);
          a *= 1 - p * (1 - (A[t].get(e.to) ?? 1));
        }
        A[t].set(id, a);
      }
    }
    estimate = share.read * (A.read.get(clientId) ?? 1) + share.write * (A.write.get(clientId) ?? 1);
  } else {
    scope = new Set(graph.nodes.map((n) => n.id));
    estimate = 1;
    for (const n of graph.nodes) estimate *= nodeAvailability(graph, n, "read");
  }
  estimate = Math.min(1, Math.max(0, estimate));
  return { estimate: Math.round(estimate * 1e8) / 1e8, nines: nines(estimate), spofs: findSpofs(graph, scope) };
}

/** "Nines" of an availability: −log10(1 − a), capped at 9, two decimals (0.999 → 3). */
export function nines(a: number): number {
  if (a >= 1 - 1e-9) return 9;
  // "+ 0" turns −0 (a = 0) into 0 so the result survives a JSON round trip unchanged.
  return Math.round(-Math.log10(1 - a) * 100) / 100 + 0;
}

/**
 * Single points of failure among the nodes a request needs: a service or worker with one replica, a
 * database without a read replica to fail over to, a cache with one replica that something depends on
 * outside cache-aside. Managed, redundant-by-construction components (balancers, CDNs, gateways, queues,
 * object storage, DNS) are not counted.
 */
export function findSpofs(graph: Graph, scope: Set<string>): string[] {
  const out: string[] = [];
  for (const n of graph.nodes) {
    if (!scope.has(n.id)) continue;
    if (!isHardDependency(graph, n.id, scope)) continue;
    if ((n.kind === "service" || n.kind === "worker") && (n.props?.replicas ?? 1) <= 1) out.push(n.id);
    else if (n.kind === "database" && (n.props?.readReplicas ?? 0) === 0) out.push(n.id);
    else if (n.kind === "cache" && (n.props?.replicas ?? 1) <= 1) out.push(n.id);
  }
  return out;
}

function isHardDependency(graph: Graph, id: string, scope: Set<string>): boolean {
  const node = graph.byId.get(id);
  if (!node || node.kind === "client") return false;
  const callers = (graph.inc.get(id) ?? []).filter((e) => e.mode === "sync" && scope.has(e.from));
  if (callers.length === 0) return scope.size === graph.nodes.length; // no client: every node counts
  if (node.kind !== "cache") return true;
  return callers.some((e) => !usesCacheAside(graph, e.from));
}
