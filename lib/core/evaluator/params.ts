import { DEFAULTS } from "./defaults";
import type { Node } from "./graph";
import type { RequestType } from "./branches";

// Each node's numbers with defaults applied, in one place so latency, capacity and availability agree.
// No hidden spreads (issue #12 item 12): p99 of a node's own time comes from its `…P99Ms` field; without one the
// time is constant (p99 = median), and the result lists the defaults it used under `assumptions`.

export type NodeParams = {
  /** Median own time per request (ms), never including the hop's RTT. */
  ownMs: number;
  /** p99 of own time (ms); equals ownMs when the node's time does not vary. */
  ownP99Ms: number;
  /** Identical instances serving the node's traffic. */
  replicas: number;
  /** Requests in flight per replica (the c of M/M/c per replica); 0 means "not modelled as servers". */
  concurrency: number;
  /** Fixed capacity (rps) for managed components; undefined when derived from replicas × concurrency. */
  fixedCapacityRps?: number;
  /** Availability of one replica (probability 0–1). */
  availability: number;
  /** Availability zones the replicas spread over; 0 for managed components whose figure already covers zones. */
  zones: number;
  /** Which fields took their default value (for the result's `assumptions`). */
  defaulted: string[];
};

const p99 = (ownMs: number, field: number | undefined) => Math.max(ownMs, field ?? ownMs);

/**
 * Own time of a node for a request type (ms, median). Databases use `unindexedQueryMs` when `indexed` is
 * false (brief 3.2: indexed 1–10 ms, no index 100–1,000+ ms). Sources: content brief Part 3.
 */
export function nodeParams(node: Node, _type: RequestType = "read"): NodeParams {
  // Nodes are never modified during an evaluation, so their parameters are computed once per node object.
  const hit = cache.get(node);
  if (hit) return hit;
  const p = computeParams(node);
  cache.set(node, p);
  return p;
}

const cache = new WeakMap<Node, NodeParams>();

function computeParams(node: Node): NodeParams {
  const D = DEFAULTS;
  const defaulted: string[] = [];
  const pick = <T>(value: T | undefined, fallback: T, name: string): T => {
    if (value !== undefined) return value;
    defaulted.push(name);
    return fallback;
  };
  switch (node.kind) {
    case "service":
    case "worker": {
      // Services and workers take the same parameters; only their defaults differ.
      const d = D[node.kind];
      const p = node.props ?? {};
      const ownMs = pick(p.serviceTimeMs, d.serviceTimeMs, "serviceTimeMs");
      return {
        ownMs,
        ownP99Ms: p99(ownMs, p.serviceTimeP99Ms),
        replicas: p.replicas ?? d.replicas,
        concurrency: pick(p.concurrency, d.concurrency, "concurrency"),
        availability: pick(p.availability, d.availability, "availability"),
        zones: pick(p.zones, Math.min(p.replicas ?? d.replicas, 2), "zones"),
        defaulted,
      };
    }
    case "database": {
      const p = node.props ?? {};
      const ownMs =
        p.indexed === false
          ? pick(p.unindexedQueryMs, D.database.unindexedQueryMs, "unindexedQueryMs")
          : pick(p.queryMs, D.database.queryMs, "queryMs");
      return {
        ownMs,
        ownP99Ms: p99(ownMs, p.indexed === false ? undefined : p.queryP99Ms),
        replicas: 1 + (p.readReplicas ?? 0),
        concurrency: Math.min(D.database.concurrency, p.maxConnections ?? D.database.maxConnections),
        availability: pick(p.availability, D.database.availability, "availability"),
        zones: p.zones ?? D.database.zones,
        defaulted,
      };
    }
    case "cache": {
      const p = node.props ?? {};
      const ownMs = pick(p.latencyMs, D.cache.latencyMs, "latencyMs");
      const replicas = p.replicas ?? D.cache.replicas;
      return {
        ownMs,
        ownP99Ms: p99(ownMs, p.latencyP99Ms),
        replicas,
        concurrency: 0,
        fixedCapacityRps: replicas * D.cache.capacityRpsPerReplica,
        availability: pick(p.availability, D.cache.availability, "availability"),
        zones: pick(p.zones, Math.min(replicas, 2), "zones"),
        defaulted,
      };
    }
    case "cdn": {
      const p = node.props ?? {};
      const ownMs = p.processingMs ?? D.cdn.processingMs;
      return fixed(ownMs, p99(ownMs, p.processingP99Ms), D.cdn.capacityRps, D.cdn.availability, defaulted);
    }
    case "load_balancer": {
      const p = node.props ?? {};
      const ownMs = p.processingMs ?? D.loadBalancer.processingMs;
      const a = p.availability ?? D.loadBalancer.availability;
      return fixed(ownMs, p99(ownMs, p.processingP99Ms), D.loadBalancer.capacityRps, a, defaulted);
    }
    case "gateway": {
      const p = node.props ?? {};
      const ownMs = p.processingMs ?? D.gateway.processingMs;
      const a = p.availability ?? D.gateway.availability;
      return fixed(ownMs, p99(ownMs, p.processingP99Ms), D.gateway.capacityRps, a, defaulted);
    }
    case "queue":
      return fixed(
        D.queue.processingMs,
        D.queue.processingMs,
        D.queue.capacityRps,
        node.props?.availability ?? D.queue.availability,
        defaulted,
      );
    case "object_storage": {
      const p = node.props ?? {};
      const ownMs = pick(p.latencyMs, D.objectStorage.latencyMs, "latencyMs");
      const a = p.availability ?? D.objectStorage.availability;
      return fixed(ownMs, p99(ownMs, p.latencyP99Ms), D.objectStorage.capacityRps, a, defaulted);
    }
    case "external_api": {
      const p = node.props ?? {};
      const ownMs = pick(p.latencyMs, D.externalApi.latencyMs, "latencyMs");
      const a = pick(p.availability, D.externalApi.availability, "availability");
      return fixed(ownMs, p99(ownMs, p.latencyP99Ms), D.externalApi.capacityRps, a, defaulted);
    }
    case "client":
    case "dns":
      return { ownMs: 0, ownP99Ms: 0, replicas: 1, concurrency: 0, availability: 1, zones: 0, defaulted };
    case "firewall":
    case "nat_gateway":
      return fixed(
        D.passThrough.processingMs,
        D.passThrough.processingMs,
        D.passThrough.capacityRps,
        D.passThrough.availability,
        defaulted,
      );
  }
}

function fixed(
  ownMs: number,
  ownP99Ms: number,
  capacityRps: number,
  availability: number,
  defaulted: string[],
): NodeParams {
  return { ownMs, ownP99Ms, replicas: 1, concurrency: 0, fixedCapacityRps: capacityRps, availability, zones: 0, defaulted };
}
