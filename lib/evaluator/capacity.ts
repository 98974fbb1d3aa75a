import { callProbability, REQUEST_TYPES, type RequestType } from "./branches";
import { DEFAULTS } from "./defaults";
import { topologicalOrder, type Graph, type Node } from "./graph";
import { hottestReplica, isAdaptive, replicaShares } from "./load-balancing";
import { nodeParams } from "./params";
import { mmcQueue, type QueueModel } from "./queueing";
import type { LbAlgorithm } from "./schema";

export type NodeLoad = { read: number; write: number };

export type NodeCapacity = {
  nodeId: string;
  arrivalRps: number;
  capacityRps: number;
  utilization: number;
};

export type QueueComponent = { share: number; queue: QueueModel };

export type CapacityModel = {
  loads: Map<string, NodeLoad>;
  nodes: NodeCapacity[];
  bottleneckNodeId: string | null;
  /** Queueing at each node: a mixture of M/M/c queues (one per replica unless the balancer pools them). */
  queues: Map<string, QueueComponent[]>;
  /** Expected queueing delay per node (ms). */
  meanQueueMs: Map<string, number>;
  /** Algorithm balancing each replicated node, and the balancer it came from. */
  balancing: Map<string, { algorithm: LbAlgorithm; lbId?: string }>;
};

/**
 * Arrival rate (rps, split by reads and writes) at every node: the scenario's rps enters at the clients
 * (split by `share`) and flows along every call — synchronous and asynchronous, every parallel branch —
 * weighted by each call's probability. Edges that would close a cycle (possible only through async hops)
 * are ignored so a message loop cannot multiply load forever.
 */
export function nodeLoads(graph: Graph, rps: number, readRatio: number): Map<string, NodeLoad> {
  const loads = new Map<string, NodeLoad>();
  for (const n of graph.nodes) loads.set(n.id, { read: 0, write: 0 });
  const clients = graph.nodes.filter((n) => n.kind === "client");
  const totalShare = clients.reduce((s, c) => s + (c.kind === "client" ? (c.props?.share ?? 1) : 0), 0);
  for (const c of clients) {
    const share = c.kind === "client" ? (c.props?.share ?? 1) : 0;
    const f = totalShare > 0 ? share / totalShare : 1 / clients.length;
    loads.set(c.id, { read: rps * readRatio * f, write: rps * (1 - readRatio) * f });
  }
  const flowEdges = graph.edges.filter((e) => e.mode !== "lookup");
  const order = topologicalOrder(
    graph.nodes.map((n) => n.id),
    flowEdges,
  );
  const rank = new Map(order.map((id, i) => [id, i] as const));
  for (const id of order) {
    const here = loads.get(id) as NodeLoad;
    if (here.read === 0 && here.write === 0) continue;
    for (const e of graph.out.get(id) ?? []) {
      if (e.mode === "lookup") continue;
      if ((rank.get(e.to) ?? -1) <= (rank.get(id) ?? 0)) continue;
      const t = loads.get(e.to);
      if (!t) continue;
      for (const type of REQUEST_TYPES) t[type] += here[type] * callProbability(graph, e, type);
    }
  }
  return loads;
}

/** Relative capacity of each replica of a service (probabilities of the node's total capacity). */
function replicaWeights(node: Node, replicas: number): number[] {
  const w = node.kind === "service" ? node.props?.capacityWeights : undefined;
  if (w && w.length === replicas) return [...w];
  return Array.from({ length: replicas }, () => 1);
}

/** The algorithm that spreads a node's traffic: that of its first load-balancer caller (by edge id). */
export function balancingFor(graph: Graph, nodeId: string): { algorithm: LbAlgorithm; lbId?: string } {
  for (const e of graph.inc.get(nodeId) ?? []) {
    const from = graph.byId.get(e.from);
    if (from?.kind === "load_balancer" && e.mode === "sync") {
      return { algorithm: from.props?.algorithm ?? "round_robin", lbId: from.id };
    }
  }
  // Callers without a balancer spread calls evenly (client-side round robin or DNS).
  return { algorithm: "round_robin" };
}

/**
 * Capacity, utilisation and queueing of every node (rps, 0–1+, ms).
 * Service/worker capacity = replicas × concurrency × 1000 / serviceTimeMs (spec), split over replicas by
 * capacityWeights; the balancer's algorithm decides each replica's share, so utilisation is that of the
 * hottest replica. Queueing below saturation follows M/M/c (Erlang C): one pooled queue when the balancer
 * is adaptive (least connections, power of two, least response time), one queue per replica otherwise.
 * Databases: the primary takes all writes plus its share of reads; read replicas take the rest.
 * Managed components (LB, CDN, cache, queue…) have a fixed capacity from the defaults table.
 */
export function computeCapacity(graph: Graph, rps: number, readRatio: number): CapacityModel {
  const loads = nodeLoads(graph, rps, readRatio);
  const overloadMs = DEFAULTS.resilience.overloadQueueingMs;
  const nodes: NodeCapacity[] = [];
  const queues = new Map<string, QueueComponent[]>();
  const meanQueueMs = new Map<string, number>();
  const balancing = new Map<string, { algorithm: LbAlgorithm; lbId?: string }>();

  for (const node of graph.nodes) {
    if (node.kind === "client" || node.kind === "dns") continue;
    const load = loads.get(node.id) as NodeLoad;
    const arrival = load.read + load.write;
    const p = nodeParams(node);
    let capacity: number;
    let utilization: number;
    let comps: QueueComponent[] = [];

    if ((node.kind === "service" || node.kind === "worker") && p.ownMs > 0) {
      const bal = balancingFor(graph, node.id);
      balancing.set(node.id, bal);
      const weights = replicaWeights(node, p.replicas);
      const wSum = weights.reduce((a, b) => a + b, 0);
      const total = (p.replicas * p.concurrency * 1000) / p.ownMs;
      const caps = weights.map((w) => (total * w) / wSum);
      const hot = hottestReplica(bal.algorithm, caps, arrival);
      capacity = hot.effectiveCapacityRps;
      utilization = arrival > 0 ? hot.utilization : 0;
      if (isAdaptive(bal.algorithm) || p.replicas === 1) {
        comps = [{ share: 1, queue: mmcQueue(arrival, p.replicas * p.concurrency, p.ownMs, overloadMs) }];
      } else {
        const shares = replicaShares(bal.algorithm, caps);
        const meanW = wSum / weights.length;
        // Replicas with the same weight and share have identical queues: keep one component per distinct pair.
        const groups = new Map<string, { share: number; weight: number; count: number }>();
        shares.forEach((share, i) => {
          const weight = weights[i] as number;
          const k = `${share}|${weight}`;
          const g = groups.get(k);
          if (g) g.count += 1;
          else groups.set(k, { share, weight, count: 1 });
        });
        comps = [...groups.values()].map((g) => ({
          share: g.share * g.count,
          queue: mmcQueue(arrival * g.share, p.concurrency, (p.ownMs * meanW) / g.weight, overloadMs),
        }));
      }
    } else if (node.kind === "database" && p.ownMs > 0) {
      const perInstance = (p.concurrency * 1000) / p.ownMs;
      const primary = load.write + load.read / p.replicas;
      utilization = primary / perInstance;
      capacity = arrival > 0 && utilization > 0 ? arrival / utilization : perInstance * p.replicas;
      comps = [{ share: 1, queue: mmcQueue(primary, p.concurrency, p.ownMs, overloadMs) }];
    } else {
      let cap = p.fixedCapacityRps ?? DEFAULTS.passThrough.capacityRps;
      if (node.kind === "gateway" && node.props?.rateLimitRps !== undefined)
        cap = Math.min(cap, node.props.rateLimitRps);
      capacity = cap;
      utilization = cap > 0 ? arrival / cap : arrival > 0 ? Infinity : 0;
      comps = utilization >= 1 ? [{ share: 1, queue: overloaded(overloadMs) }] : [];
    }
    queues.set(node.id, comps);
    meanQueueMs.set(
      node.id,
      comps.reduce((s, c) => s + c.share * c.queue.meanWaitMs, 0),
    );
    nodes.push({
      nodeId: node.id,
      // Reported values are capped so that degenerate inputs (a 1e-300 ms service time) stay JSON-safe.
      arrivalRps: round(Math.min(arrival, 1e12), 2),
      capacityRps: round(Math.min(capacity, 1e12), 2),
      utilization: round(Math.min(utilization, 1e6), 4),
    });
  }
  let bottleneck: NodeCapacity | undefined;
  for (const n of nodes) if (!bottleneck || n.utilization > bottleneck.utilization) bottleneck = n;
  return {
    loads,
    nodes,
    bottleneckNodeId: bottleneck && bottleneck.arrivalRps > 0 ? bottleneck.nodeId : (bottleneck?.nodeId ?? null),
    queues,
    meanQueueMs,
    balancing,
  };
}

function overloaded(overloadMs: number): QueueModel {
  return { pWait: 1, drainPerMs: Infinity, meanWaitMs: overloadMs, overloaded: true };
}

/** Rounds to a number of decimals (half away from zero). */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

export type { RequestType };
