import type { RequestType } from "./branches";
import { isSoftCacheCall } from "./branches";
import type { CapacityModel } from "./capacity";
import { DEFAULTS } from "./defaults";
import { clientDns, syncReachable, type Graph, type Node } from "./graph";
import { nodeParams } from "./params";
import { ninesOf } from "@/lib/core/util/nines";

// Availability: the share of requests that succeed, with failure domains, and single points of failure.

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
 * Unavailability (0–1) added by the time it takes to notice a failed replica: each replica is down a share
 * (1 − a) of the time, in outages of mean length MTTR; each outage costs its 1/n share of traffic for the
 * detection time D, so the loss is (1 − a) × D / MTTR (issue #12 item 10). D = interval × unhealthy threshold.
 */
export function detectionLoss(a: number, detectionSeconds: number): number {
  return ((1 - a) * Math.min(detectionSeconds, DEFAULTS.availability.mttrSeconds)) / DEFAULTS.availability.mttrSeconds;
}

/** Availability of the zones a component spreads over: 1 − (1 − A_zone)^zones (zones 0: not counted). */
export function zonesAvailability(zones: number): number {
  if (zones <= 0) return 1;
  return 1 - Math.pow(1 - DEFAULTS.availability.zone, zones);
}

/**
 * How failed replicas of a node are taken out of rotation: `healthChecked` when every load balancer in front of
 * it has health checks enabled, clients reach it only through failover/geo/latency/anycast DNS (which
 * health-checks), and other callers (gateways, services with client-side balancing) are assumed to eject
 * failed instances after the default detection time. `detectionSeconds` is the slowest caller's.
 */
export function healthCheck(graph: Graph, nodeId: string): { healthChecked: boolean; detectionSeconds: number } {
  let memo = healthMemo.get(graph);
  if (!memo) healthMemo.set(graph, (memo = new Map()));
  const hit = memo.get(nodeId);
  if (hit) return hit;
  const v = computeHealthCheck(graph, nodeId);
  memo.set(nodeId, v);
  return v;
}

const healthMemo = new WeakMap<Graph, Map<string, { healthChecked: boolean; detectionSeconds: number }>>();

function computeHealthCheck(graph: Graph, nodeId: string): { healthChecked: boolean; detectionSeconds: number } {
  let detection = 0;
  let checked = true;
  let any = false;
  for (const e of graph.inc.get(nodeId) ?? []) {
    if (e.mode !== "sync") continue;
    const from = graph.byId.get(e.from);
    if (!from) continue;
    any = true;
    if (from.kind === "load_balancer") {
      const hc = from.props?.healthCheck;
      if (hc?.enabled !== true) checked = false;
      else detection = Math.max(detection, (hc.intervalSeconds ?? 10) * (hc.unhealthyThreshold ?? 3));
    } else if (from.kind === "client") {
      const dns = clientDns(graph, from.id);
      const routing = dns?.kind === "dns" ? (dns.props?.routing ?? "simple") : "simple";
      if (routing !== "failover" && routing !== "geo" && routing !== "anycast" && routing !== "latency")
        checked = false;
      // DNS-based ejection waits for the record's TTL on top of the check.
      const ttl = dns?.kind === "dns" ? (dns.props?.ttlSeconds ?? DEFAULTS.dns.ttlSeconds) : DEFAULTS.dns.ttlSeconds;
      detection = Math.max(detection, DEFAULTS.availability.defaultDetectionSeconds + ttl);
    } else detection = Math.max(detection, DEFAULTS.availability.defaultDetectionSeconds);
  }
  if (!any) detection = DEFAULTS.availability.defaultDetectionSeconds;
  return { healthChecked: checked, detectionSeconds: detection };
}

/**
 * Effective availability of one node for a request type (probability 0–1): replicas with health checks and
 * detection time, times the availability of the zones its replicas spread over.
 */
export function nodeAvailability(graph: Graph, node: Node, type: RequestType): number {
  const p = nodeParams(node);
  const zones = zonesAvailability(p.zones);
  switch (node.kind) {
    case "service":
    case "worker": {
      const hc = healthCheck(graph, node.id);
      const r = replicatedAvailability(p.availability, p.replicas, hc.healthChecked);
      const loss = hc.healthChecked && p.replicas > 1 ? detectionLoss(p.availability, hc.detectionSeconds) : 0;
      return Math.max(0, r - loss) * zones;
    }
    case "database":
      // Reads can be served by any replica; writes need the primary.
      return (type === "read" ? replicatedAvailability(p.availability, p.replicas, true) : p.availability) * zones;
    case "cache":
      return replicatedAvailability(p.availability, p.replicas, true) * zones;
    default:
      return p.availability;
  }
}

/**
 * Availability (0–1) of a region as a failure domain, charged once where a request enters a region: from a
 * client or global edge, or on a call that crosses regions.
 */
export function regionAvailability(): number {
  return DEFAULTS.availability.region;
}

export type AvailabilityResult = { estimate: number; nines: number; spofs: string[] };

/**
 * Expected success probability of the clients' requests (0–1), mixing reads and writes and weighting
 * clients by share (the main client only when no shares differ). The success of every node comes from the
 * flow model (capacity.ts): A(n) = a(n) × goodput(n) × Π over calls (1 − p·f^(1+r)), groups of alternatives
 * failing only together, a cache-aside cache failing soft. Shared dependencies are treated as independent
 * per path (a slight over-count of failures, on the safe side).
 */
export function computeAvailability(graph: Graph, readRatio: number, capacity: CapacityModel): AvailabilityResult {
  const share: Record<RequestType, number> = { read: readRatio, write: 1 - readRatio };
  const clients = graph.nodes.filter((n) => n.kind === "client");
  let estimate: number;
  let scope: Set<string>;
  if (clients.length > 0) {
    scope = new Set<string>();
    const total = clients.reduce((s, c) => s + (c.kind === "client" ? (c.props?.share ?? 1) : 0), 0);
    estimate = 0;
    for (const c of clients) {
      const w = total > 0 ? (c.kind === "client" ? (c.props?.share ?? 1) : 0) / total : 1 / clients.length;
      for (const id of syncReachable(graph, c.id)) scope.add(id);
      estimate +=
        w *
        (share.read * (capacity.success.read.get(c.id) ?? 1) + share.write * (capacity.success.write.get(c.id) ?? 1));
    }
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
  return Math.round(ninesOf(a) * 100) / 100 + 0;
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
  return callers.some((e) => !isSoftCacheCall(graph, e.from, id));
}
