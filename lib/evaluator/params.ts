import { DEFAULTS } from "./defaults";
import type { Node } from "./graph";
import type { RequestType } from "./branches";

// Each node's numbers with defaults applied, in one place so latency, capacity and availability agree.

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
};

/**
 * Own time of a node for a request type (ms, median). Databases use `unindexedQueryMs` when `indexed` is
 * false (brief 3.2: indexed 1–10 ms, no index 100–1,000+ ms). Sources: content brief Part 3.
 */
export function nodeParams(node: Node, _type: RequestType = "read"): NodeParams {
  const D = DEFAULTS;
  switch (node.kind) {
    case "service": {
      const p = node.props ?? {};
      const ownMs = p.serviceTimeMs ?? D.service.serviceTimeMs;
      return {
        ownMs,
        ownP99Ms: Math.max(ownMs, p.serviceTimeP99Ms ?? ownMs * D.service.p99OverMedian),
        replicas: p.replicas ?? D.service.replicas,
        concurrency: p.concurrency ?? D.service.concurrency,
        availability: p.availability ?? D.service.availability,
      };
    }
    case "worker": {
      const p = node.props ?? {};
      const ownMs = p.serviceTimeMs ?? D.worker.serviceTimeMs;
      return {
        ownMs,
        ownP99Ms: ownMs * D.service.p99OverMedian,
        replicas: p.replicas ?? D.worker.replicas,
        concurrency: p.concurrency ?? D.worker.concurrency,
        availability: D.service.availability,
      };
    }
    case "database": {
      const p = node.props ?? {};
      const ownMs =
        p.indexed === false ? (p.unindexedQueryMs ?? D.database.unindexedQueryMs) : (p.queryMs ?? D.database.queryMs);
      return {
        ownMs,
        ownP99Ms: ownMs * D.database.p99OverMedian,
        replicas: 1 + (p.readReplicas ?? 0),
        concurrency: Math.min(D.database.concurrency, p.maxConnections ?? D.database.maxConnections),
        availability: p.availability ?? D.database.availability,
      };
    }
    case "cache": {
      const p = node.props ?? {};
      const ownMs = p.latencyMs ?? D.cache.latencyMs;
      const replicas = p.replicas ?? D.cache.replicas;
      return {
        ownMs,
        ownP99Ms: ownMs * D.cache.p99OverMedian,
        replicas,
        concurrency: 0,
        fixedCapacityRps: replicas * D.cache.capacityRpsPerReplica,
        availability: p.availability ?? D.cache.availability,
      };
    }
    case "cdn": {
      const ownMs = node.props?.processingMs ?? D.cdn.processingMs;
      return fixed(ownMs, D.cdn.p99OverMedian, D.cdn.capacityRps, D.cdn.availability);
    }
    case "load_balancer": {
      const p = node.props ?? {};
      return fixed(
        p.processingMs ?? D.loadBalancer.processingMs,
        D.loadBalancer.p99OverMedian,
        D.loadBalancer.capacityRps,
        p.availability ?? D.loadBalancer.availability,
      );
    }
    case "gateway": {
      const p = node.props ?? {};
      return fixed(
        p.processingMs ?? D.gateway.processingMs,
        D.gateway.p99OverMedian,
        D.gateway.capacityRps,
        p.availability ?? D.gateway.availability,
      );
    }
    case "queue":
      return fixed(
        D.queue.processingMs,
        D.queue.p99OverMedian,
        D.queue.capacityRps,
        node.props?.availability ?? D.queue.availability,
      );
    case "object_storage": {
      const p = node.props ?? {};
      return fixed(
        p.latencyMs ?? D.objectStorage.latencyMs,
        D.objectStorage.p99OverMedian,
        D.objectStorage.capacityRps,
        p.availability ?? D.objectStorage.availability,
      );
    }
    case "external_api": {
      const p = node.props ?? {};
      const ownMs = p.latencyMs ?? D.externalApi.latencyMs;
      return {
        ownMs,
        ownP99Ms: Math.max(ownMs, p.latencyP99Ms ?? ownMs * D.externalApi.p99OverMedian),
        replicas: 1,
        concurrency: 0,
        fixedCapacityRps: D.externalApi.capacityRps,
        availability: p.availability ?? D.externalApi.availability,
      };
    }
    case "client":
    case "dns":
      return { ownMs: 0, ownP99Ms: 0, replicas: 1, concurrency: 0, availability: 1 };
    case "firewall":
    case "nat_gateway":
      return fixed(
        D.passThrough.processingMs,
        D.passThrough.p99OverMedian,
        D.passThrough.capacityRps,
        D.passThrough.availability,
      );
  }
}

function fixed(ownMs: number, p99OverMedian: number, capacityRps: number, availability: number): NodeParams {
  return {
    ownMs,
    ownP99Ms: ownMs * p99OverMedian,
    replicas: 1,
    concurrency: 0,
    fixedCapacityRps: capacityRps,
    availability,
  };
}
