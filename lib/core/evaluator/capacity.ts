import { callProbability, isSoftCacheCall, REQUEST_TYPES, type RequestType } from "./branches";
import { nodeAvailability, regionAvailability } from "./availability";
import { DEFAULTS } from "./defaults";
import { clientDns, producerWaits, topologicalOrder, type Edge, type Graph, type Node } from "./graph";
import { connectionRoundsMs, hopModel, hopRttMs, type HopModel } from "./latency";
import { hottestReplica, isAdaptive, replicaShares } from "./load-balancing";
import { nodeParams, type NodeParams } from "./params";
import { lognormalTail, mmcQueue, type QueueModel } from "./queueing";
import { backoffTotalMs } from "./resilience";
import { routingOf, type Group, type Routing } from "./routing";
import type { LbAlgorithm } from "./schema";
import { mapArray } from "@/lib/core/util/arrays";

// The flow model: load, capacity, queueing, expected time and success probability of every node, solved
// together because each depends on the others — a slot is held while its request waits downstream (Little's
// law), retries add load where attempts fail, overload turns into failures, and failures trigger retries.

export type NodeLoad = { read: number; write: number };

export type NodeCapacity = {
  nodeId: string;
  arrivalRps: number;
  capacityRps: number;
  utilization: number;
};

export type QueueComponent = { share: number; queue: QueueModel };

export type Typed<T> = Record<RequestType, Map<string, T>>;

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
  hops: Map<string, HopModel>;
  routing: Routing;
  /** Expected time (ms) of a request of each type arriving at a node, downstream included, timeouts applied. */
  expected: Typed<number>;
  /** Probability (0–1) that a request of each type arriving at a node succeeds, downstream included. */
  success: Typed<number>;
  /** Share (0–1) of a node's arrivals it serves: capacity / arrival when overloaded, limit / arrival when rate limited. */
  goodput: Map<string, number>;
  /** Share (0–1) of a gateway's arrivals rejected with 429 by its rate limit. */
  rejected: Map<string, number>;
  /** Probability (0–1) that one attempt over an edge fails (callee failure, overload or timeout). */
  attemptFailure: Map<string, number>;
  /** Probability (0–1) that one attempt over an edge is cut by its timeout. */
  timeoutShare: Map<string, number>;
  /** Expected attempts per call over an edge (1 + retries that happen). */
  attempts: Map<string, number>;
  /** Time a request holds a slot of the node (ms): own time plus the expected wait on its downstream calls. */
  holdingMs: Map<string, number>;
};

/** A caller's calls as units: a single edge, or a routing group whose members are alternatives. */
export type CallUnit = { group?: Group; edges: Edge[] };

/** The synchronous (and acknowledged asynchronous) calls of a node, grouped into units, in edge-id order. */
export function callUnits(graph: Graph, routing: Routing, nodeId: string): readonly CallUnit[] {
  // Asked for every node on every pass of computeCapacity: worked out once per routing (one per graph).
  let byNode = unitMemo.get(routing);
  if (!byNode) unitMemo.set(routing, (byNode = new Map()));
  let units = byNode.get(nodeId);
  if (!units) byNode.set(nodeId, (units = unitsOf(graph, routing, nodeId)));
  return units;
}
const unitMemo = new WeakMap<Routing, Map<string, readonly CallUnit[]>>();

function unitsOf(graph: Graph, routing: Routing, nodeId: string): CallUnit[] {
  const units: CallUnit[] = [];
  const seen = new Set<string>();
  for (const e of graph.out.get(nodeId) ?? []) {
    if (e.mode === "lookup") continue;
    if (e.mode === "async" && !producerWaits(graph, e)) continue;
    const g = routing.groupOf.get(e.id);
    if (g) {
      if (seen.has(g.key)) continue;
      seen.add(g.key);
      units.push({ group: g, edges: g.edges });
    } else units.push({ edges: [e] });
  }
  return units;
}

/** Relative capacity of each replica of a service (probabilities of the node's total capacity). */
function replicaWeights(node: Node, replicas: number): number[] {
  const w = node.kind === "service" ? node.props?.capacityWeights : undefined;
  if (w && w.length === replicas) return [...w];
  return new Array<number>(replicas).fill(1);
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

type Pass = {
  loads: Map<string, NodeLoad>;
  attempts: Map<string, number>;
  goodput: Map<string, number>;
};

/**
 * Arrival rate (rps, split by reads and writes) at every node: the scenario's rps enters at the clients
 * (split by `share`) and flows along every call — synchronous and asynchronous — weighted by each call's
 * probability, its routing-group share, the caller's goodput (rejected requests go no further) and the
 * expected number of attempts (retry amplification). Edges that would close a cycle (possible only through
 * async hops) are ignored so a message loop cannot multiply load forever.
 */
/**
 * The nodes in a topological order of the edges that carry load (all but DNS lookups), with each node's rank:
 * the same for every pass of computeCapacity, so worked out once per graph (never changed once built).
 */
function flowOrder(graph: Graph): { order: string[]; rank: Map<string, number> } {
  let known = flowOrders.get(graph);
  if (!known) {
    const order = topologicalOrder(
      mapArray(graph.nodes, (n) => n.id),
      graph.edges.filter((e) => e.mode !== "lookup"),
    );
    known = { order, rank: new Map(order.map((id, i) => [id, i] as const)) };
    flowOrders.set(graph, known);
  }
  return known;
}
const flowOrders = new WeakMap<Graph, { order: string[]; rank: Map<string, number> }>();

export function nodeLoads(
  graph: Graph,
  rps: number,
  readRatio: number,
  routing: Routing,
  prev?: Pick<Pass, "attempts" | "goodput">,
): Map<string, NodeLoad> {
  const loads = new Map<string, NodeLoad>();
  for (const n of graph.nodes) loads.set(n.id, { read: 0, write: 0 });
  const clients = graph.nodes.filter((n) => n.kind === "client");
  const totalShare = clients.reduce((s, c) => s + (c.kind === "client" ? (c.props?.share ?? 1) : 0), 0);
  for (const c of clients) {
    const share = c.kind === "client" ? (c.props?.share ?? 1) : 0;
    const f = totalShare > 0 ? share / totalShare : 1 / clients.length;
    loads.set(c.id, { read: rps * readRatio * f, write: rps * (1 - readRatio) * f });
  }
  const { order, rank } = flowOrder(graph);
  for (const id of order) {
    const here = loads.get(id) as NodeLoad;
    if (here.read === 0 && here.write === 0) continue;
    const served = prev?.goodput.get(id) ?? 1;
    for (const e of graph.out.get(id) ?? []) {
      if (e.mode === "lookup") continue;
      if ((rank.get(e.to) ?? -1) <= (rank.get(id) ?? 0)) continue;
      const t = loads.get(e.to);
      if (!t) continue;
      const share = routing.share.get(e.id) ?? 1;
      const attempts = prev?.attempts.get(e.id) ?? 1;
      for (const type of REQUEST_TYPES) t[type] += here[type] * served * share * attempts * callProbability(graph, e, type);
    }
  }
  return loads;
}

type Moments = { mean: number; variance: number };

/**
 * Capacity, utilisation, queueing, expected time and success of every node (rps, 0–1+, ms, probability).
 * - Service/worker capacity = replicas × concurrency × 1000 / holding time, where the holding time is the
 *   node's own time plus the expected time of its downstream calls: utilisation = λ × (own + downstream) /
 *   slots (Little's law, issue #12 item 2). The balancer's algorithm decides each replica's share, so the
 *   utilisation is that of the hottest replica. Queueing below saturation follows M/M/c (Erlang C) with the
 *   holding time as service time: one pooled queue when the balancer is adaptive, one queue per replica
 *   otherwise.
 * - Databases: the primary takes all writes plus its share of reads; read replicas take the rest; a sharded
 *   store splits load over shards, the hottest shard taking max(1/shards, hotKeyShare).
 * - Managed components (LB, CDN, cache, queue…) have a fixed capacity from the defaults table; a gateway's
 *   `rateLimitRps` rejects the excess at once with 429s (no queueing; counted as failures).
 * - Past capacity a node serves capacity/arrival of its requests (goodput) and the rest fail.
 * - A call's attempt fails when the callee fails or is cut by the timeout; with r retries the call fails with
 *   probability f^(1+r) and costs 1 + f + … + f^r attempts of load (retry amplification, in rps).
 * Solved by fixed-point iteration (three passes: loads depend on attempts and goodput, which depend on loads).
 */
export function computeCapacity(graph: Graph, rps: number, readRatio: number, coldRatio = 0): CapacityModel {
  const hops = new Map<string, HopModel>();
  for (const e of graph.edges) if (e.mode !== "lookup") hops.set(e.id, hopModel(graph, e));
  const routing = routingOf(graph, (e) => hops.get(e.id)?.rttMs ?? hopRttMs(graph, e));
  const params = new Map<string, NodeParams>(graph.nodes.map((n) => [n.id, nodeParams(n)] as const));
  let prev: Pick<Pass, "attempts" | "goodput"> | undefined;
  let result: CapacityModel | undefined;
  for (let iteration = 0; iteration < 3; iteration++) {
    const loads = nodeLoads(graph, rps, readRatio, routing, prev);
    result = solve(graph, loads, hops, routing, params, coldRatio);
    const next = { attempts: result.attempts, goodput: result.goodput };
    // Converged when no retry count or goodput moved: another pass would give the same loads.
    if (prev && sameValues(prev.attempts, next.attempts) && sameValues(prev.goodput, next.goodput)) break;
    if (!prev && [...next.attempts.values()].every((a) => a === 1) && [...next.goodput.values()].every((g) => g === 1)) break;
    prev = next;
  }
  return result as CapacityModel;
}

function solve(
  graph: Graph,
  loads: Map<string, NodeLoad>,
  hops: Map<string, HopModel>,
  routing: Routing,
  params: Map<string, NodeParams>,
  coldRatio: number,
): CapacityModel {
  const overloadMs = DEFAULTS.resilience.overloadQueueingMs;
  const nodes: NodeCapacity[] = [];
  const queues = new Map<string, QueueComponent[]>();
  const meanQueueMs = new Map<string, number>();
  const balancing = new Map<string, { algorithm: LbAlgorithm; lbId?: string }>();
  const expected: Typed<number> = { read: new Map(), write: new Map() };
  // Time without any overload wait, as mean and variance: what a timeout is judged against.
  const moments: Typed<Moments> = { read: new Map(), write: new Map() };
  const success: Typed<number> = { read: new Map(), write: new Map() };
  const goodput = new Map<string, number>();
  const rejected = new Map<string, number>();
  const attemptFailure = new Map<string, number>();
  const timeoutShare = new Map<string, number>();
  const attempts = new Map<string, number>();
  const holdingMs = new Map<string, number>();

  // Reverse topological order of the synchronous graph: every callee is solved before its callers.
  for (let i = graph.topo.length - 1; i >= 0; i--) {
    const id = graph.topo[i] as string;
    const node = graph.byId.get(id) as Node;
    const p = params.get(id) as NodeParams;
    const load = loads.get(id) as NodeLoad;
    const arrival = load.read + load.write;
    const units = callUnits(graph, routing, id);

    // Downstream time, variance and success per type (callees are solved).
    const down: Record<RequestType, { mean: number; variance: number; success: number; overloadMean: number }> = {
      read: { mean: 0, variance: 0, success: 1, overloadMean: 0 },
      write: { mean: 0, variance: 0, success: 1, overloadMean: 0 },
    };
    for (const type of REQUEST_TYPES) {
      const d = down[type];
      let par: { mean: number; variance: number; full: number } | undefined;
      for (const unit of units) {
        // Each member: probability of the call, its time (with and without overload waits) and its success.
        let pUnit = 0;
        let unitMean = 0;
        let unitFull = 0;
        let unitSecond = 0;
        const memberSuccess: { share: number; success: number }[] = [];
        for (const e of unit.edges) {
          const share = routing.share.get(e.id) ?? 1;
          const pe = callProbability(graph, e, type);
          const c = callCost(graph, e, type, hops, expected, moments, success, goodput, params, coldRatio);
          // The write pass's figures are the ones kept; setting them on the read pass too only to overwrite them
          // cost three map writes per call (the keys still go in in the same order: the node's two passes are
          // consecutive and walk the same calls).
          if (type === "write") {
            attemptFailure.set(e.id, c.attemptFailure);
            timeoutShare.set(e.id, c.timeoutShare);
            attempts.set(e.id, c.attempts);
          }
          memberSuccess.push({ share, success: c.success });
          const w = share * pe;
          pUnit += w;
          unitMean += w * c.mean;
          unitFull += w * c.full;
          unitSecond += w * (c.variance + c.mean * c.mean);
        }
        if (pUnit <= 0) continue;
        const condMean = unitMean / pUnit;
        const condVar = Math.max(0, unitSecond / pUnit - condMean * condMean);
        // Success of the unit when it is called.
        let unitSuccess: number;
        if (unit.group && unit.group.healthChecked) {
          let allFail = 1;
          for (const m of memberSuccess) allFail *= 1 - m.success;
          unitSuccess = 1 - allFail;
        } else {
          const total = memberSuccess.reduce((s, m) => s + m.share, 0) || 1;
          unitSuccess = memberSuccess.reduce((s, m) => s + (m.share / total) * m.success, 0);
        }
        const pCall = Math.min(1, pUnit);
        const soft = type === "read" && unit.edges.length === 1 && isSoftCacheCall(graph, id, (unit.edges[0] as Edge).to);
        // A cache-aside cache that fails turns hits into misses: the read still succeeds through the store.
        if (!soft) d.success *= 1 - pCall * (1 - unitSuccess);
        const mean = unitMean;
        const variance = pCall * condVar + pCall * (1 - pCall) * condMean * condMean;
        if (unit.edges.length === 1 && (unit.edges[0] as Edge).props.parallel) {
          if (!par || unitFull > par.full) par = { mean, variance, full: unitFull };
        } else {
          d.mean += mean;
          d.variance += variance;
          d.overloadMean += unitFull - unitMean;
        }
      }
      if (par) {
        d.mean += par.mean;
        d.variance += par.variance;
        d.overloadMean += par.full - par.mean;
      }
    }

    // Capacity and queueing with the holding time of a slot.
    const typeShare = arrival > 0 ? { read: load.read / arrival, write: load.write / arrival } : { read: 1, write: 0 };
    const downFull = (t: RequestType) => down[t].mean + down[t].overloadMean;
    const holding =
      p.ownMs + typeShare.read * downFull("read") + typeShare.write * downFull("write");
    holdingMs.set(id, holding);
    let capacity = Infinity;
    let utilization = 0;
    let comps: QueueComponent[] = [];
    let served = 1;
    if (node.kind === "client" || node.kind === "dns") {
      // Clients and DNS are not servers.
    } else if ((node.kind === "service" || node.kind === "worker") && holding > 0) {
      const bal = balancingFor(graph, node.id);
      balancing.set(node.id, bal);
      const weights = replicaWeights(node, p.replicas);
      const wSum = weights.reduce((a, b) => a + b, 0);
      const total = (p.replicas * p.concurrency * 1000) / holding;
      const caps = mapArray(weights, (w) => (total * w) / wSum);
      const hot = hottestReplica(bal.algorithm, caps, arrival);
      capacity = hot.effectiveCapacityRps;
      utilization = arrival > 0 ? hot.utilization : 0;
      if (isAdaptive(bal.algorithm) || p.replicas === 1) {
        comps = [{ share: 1, queue: mmcQueue(arrival, p.replicas * p.concurrency, holding, overloadMs) }];
      } else {
        const shares = replicaShares(bal.algorithm, caps);
        const meanW = wSum / weights.length;
        // Replicas with the same weight and share have identical queues: keep one component per distinct pair, in
        // order of first appearance. Looked up by the two numbers (a Map compares them as their strings would, 0 and
        // -0 as one), not by a printed `${share}|${weight}` key: printing those doubles (654 on generated-50: 109
        // replicas, 3 passes) cost ~0.15 ms per evaluation.
        const groups: { share: number; weight: number; count: number }[] = [];
        const byShare = new Map<number, Map<number, { share: number; weight: number; count: number }>>();
        for (let k = 0; k < shares.length; k++) {
          const share = shares[k] as number;
          const weight = weights[k] as number;
          let byWeight = byShare.get(share);
          if (!byWeight) byShare.set(share, (byWeight = new Map()));
          const g = byWeight.get(weight);
          if (g) g.count += 1;
          else {
            const added = { share, weight, count: 1 };
            byWeight.set(weight, added);
            groups.push(added);
          }
        }
        comps = mapArray(groups, (g) => ({
          share: g.share * g.count,
          queue: mmcQueue(arrival * g.share, p.concurrency, (holding * meanW) / g.weight, overloadMs),
        }));
      }
    } else if (node.kind === "database" && p.ownMs > 0) {
      const perInstance = (p.concurrency * 1000) / p.ownMs;
      const shards = node.props?.shards ?? 1;
      const hotShare = Math.max(1 / shards, node.props?.hotKeyShare ?? 0);
      const primary = (load.write + load.read / p.replicas) * hotShare;
      utilization = primary / perInstance;
      capacity = arrival > 0 && utilization > 0 ? arrival / utilization : perInstance * p.replicas * shards;
      comps = [{ share: 1, queue: mmcQueue(primary, p.concurrency, p.ownMs, overloadMs) }];
    } else {
      const cap = p.fixedCapacityRps ?? DEFAULTS.passThrough.capacityRps;
      capacity = cap;
      utilization = cap > 0 ? arrival / cap : arrival > 0 ? Infinity : 0;
      comps = utilization >= 1 ? [{ share: 1, queue: overloaded(overloadMs) }] : [];
      if (node.kind === "gateway" && node.props?.rateLimitRps !== undefined && arrival > node.props.rateLimitRps) {
        // The limiter answers the excess with an immediate 429: a failure, not a delay.
        const limit = node.props.rateLimitRps;
        rejected.set(id, arrival > 0 ? 1 - limit / arrival : 0);
        served = arrival > 0 ? limit / arrival : 1;
        capacity = Math.min(capacity, limit);
        utilization = Math.max(utilization, limit > 0 ? arrival / limit : Infinity);
      }
    }
    if (utilization > 1 && !rejected.has(id)) served = Math.min(served, 1 / utilization);
    goodput.set(id, served);
    queues.set(id, comps);
    const queueMean = comps.reduce((s, c) => s + c.share * c.queue.meanWaitMs, 0);
    meanQueueMs.set(id, queueMean);
    const overloadWait = comps.some((c) => c.queue.overloaded);
    const queueVar = comps.reduce((s, c) => s + c.share * queueVariance(c.queue), 0);
    const a = nodeAvailability(graph, node, "read");
    const aw = nodeAvailability(graph, node, "write");
    const own = node.kind === "client" ? 0 : p.ownMs;
    const ownVar = node.kind === "client" ? 0 : lognormalVariance(p.ownMs, p.ownP99Ms);
    for (const type of REQUEST_TYPES) {
      const d = down[type];
      expected[type].set(id, own + queueMean + d.mean + d.overloadMean);
      moments[type].set(id, {
        mean: own + (overloadWait ? 0 : queueMean) + d.mean,
        variance: ownVar + (overloadWait ? 0 : queueVar) + d.variance,
      });
      const base = node.kind === "client" ? 1 : type === "read" ? a : aw;
      success[type].set(id, clamp01(base * served * d.success));
    }
    if (node.kind !== "client" && node.kind !== "dns") {
      nodes.push({
        nodeId: node.id,
        // Reported values are capped so that degenerate inputs stay JSON-safe (issue #12 item 14).
        arrivalRps: round(Math.min(arrival, 1e12), 2),
        capacityRps: round(Math.min(Number.isFinite(capacity) ? capacity : 1e12, 1e12), 2),
        utilization: round(Math.min(Number.isFinite(utilization) ? utilization : 1e6, 1e6), 4),
      });
    }
  }
  nodes.sort((x, y) => (x.nodeId < y.nodeId ? -1 : x.nodeId > y.nodeId ? 1 : 0));
  let bottleneck: NodeCapacity | undefined;
  for (const n of nodes) if (!bottleneck || n.utilization > bottleneck.utilization) bottleneck = n;
  return {
    loads,
    nodes,
    bottleneckNodeId: bottleneck?.nodeId ?? null,
    queues,
    meanQueueMs,
    balancing,
    hops,
    routing,
    expected,
    success,
    goodput,
    rejected,
    attemptFailure,
    timeoutShare,
    attempts,
    holdingMs,
  };
}

type CallCost = {
  /** Expected time of the call (ms) without overload waits, all attempts and backoff included. */
  mean: number;
  variance: number;
  /** Expected time with overload waits (what the caller's slot is really held for). */
  full: number;
  success: number;
  attemptFailure: number;
  timeoutShare: number;
  attempts: number;
};

/**
 * Cost of one call over an edge: each attempt takes the hop plus the callee's time, cut at `timeoutMs`;
 * an attempt fails when the callee fails or the timeout cuts it (P from a lognormal matched to the callee's
 * mean and variance); with r retries the call makes 1 + f + … + f^r attempts and fails with f^(1+r).
 * A producer's acknowledged publish costs the hop plus the broker's own time and fails with the broker.
 * Sources: AWS Builders' Library "Timeouts, retries, and backoff with jitter"; Google SRE book ch. 22.
 */
/** Expected time a client's attempt spends on its connection (ms): on a new one (cold), the expected DNS miss,
 * the handshakes, slow start and loss; on a reused one, the kept-alive rounds and loss (or all of a new one when
 * the connection is not kept alive). The rounds come from latency.ts connectionRoundsMs, as the percentiles' do. */
function clientSetupMs(graph: Graph, e: Edge, hop: HopModel, cold: boolean): { mean: number; variance: number } {
  const L = hop.lossMean;
  const w = L.handshakeWaitMs;
  // Loss at its mean and variance (HopModel.lossMean), handshake waits included: the same distribution the
  // percentiles draw from, so a lossy connection's long draws count against the timeout too.
  const fresh = {
    mean: connectionRoundsMs(hop, true) + w.tcp + w.tls + w.quic + L.newTransferMs,
    variance: L.newVariance,
  };
  if (!cold)
    return hop.keepAlive
      ? { mean: connectionRoundsMs(hop, false) + L.keptAliveTransferMs, variance: L.keptAliveVariance }
      : fresh;
  const dns = clientDns(graph, e.from);
  const miss =
    dns?.kind === "dns"
      ? (1 - (dns.props?.cacheHitRatio ?? DEFAULTS.dns.cacheHitRatio)) * (dns.props?.lookupMs ?? DEFAULTS.dns.lookupMs)
      : 0;
  return { mean: miss + fresh.mean, variance: fresh.variance };
}

function callCost(
  graph: Graph,
  e: Edge,
  type: RequestType,
  hops: Map<string, HopModel>,
  expected: Typed<number>,
  moments: Typed<Moments>,
  success: Typed<number>,
  goodput: Map<string, number>,
  params: Map<string, NodeParams>,
  coldRatio: number,
): CallCost {
  const hop = hops.get(e.id) as HopModel;
  // Expected values: a lossy internal hop at its mean (Little's law holds slots for the mean time), with its variance.
  const callMs = hop.fromClient ? hop.rttMs : hop.expectedCallMs;
  const hopVariance = hop.fromClient ? 0 : hop.keepAlive ? hop.lossMean.keptAliveVariance : hop.lossMean.newVariance;
  const retries = e.props.retries ?? 0;
  const timeout = e.props.timeoutMs;
  let attemptMean: number;
  let attemptVar: number;
  let attemptFull: number;
  let pSuccess: number;
  if (e.mode === "async") {
    const broker = params.get(e.to);
    attemptMean = callMs + (broker?.ownMs ?? 0);
    attemptVar = hopVariance;
    attemptFull = attemptMean;
    const b = graph.byId.get(e.to);
    pSuccess = (b ? nodeAvailability(graph, b, type) : 1) * (goodput.get(e.to) ?? 1);
  } else {
    const m = moments[type].get(e.to) ?? { mean: 0, variance: 0 };
    attemptMean = callMs + m.mean;
    attemptVar = m.variance + hopVariance;
    attemptFull = callMs + (expected[type].get(e.to) ?? 0);
    pSuccess = (success[type].get(e.to) ?? 1) * (entersRegion(graph, e) ? regionAvailability() : 1);
  }
  let pTimeout = 0;
  if (timeout !== undefined) {
    // Judged on the callee's time without overload waits: the requests an overloaded callee cannot serve are
    // already failures (its goodput), the ones it serves are assumed to be answered (load shedding).
    // A client's timeout also covers connecting (docs/model.md 4.5): a new connection's DNS miss, handshakes and
    // slow start, or a kept-alive one's rounds, count against it, weighted by the share of cold requests.
    const setupTail = (cold: boolean) => {
      const s = clientSetupMs(graph, e, hop, cold);
      return lognormalTail(attemptMean + s.mean, attemptVar + s.variance, timeout);
    };
    pTimeout = hop.fromClient
      ? coldRatio * setupTail(true) + (1 - coldRatio) * setupTail(false)
      : lognormalTail(attemptMean, attemptVar, timeout);
    attemptMean = Math.min(attemptMean, timeout);
    attemptFull = Math.min(attemptFull, timeout);
  }
  const f = clamp01(1 - pSuccess * (1 - pTimeout));
  let expAttempts = 1;
  let fk = 1;
  for (let k = 1; k <= retries; k++) {
    fk *= f;
    expAttempts += fk;
  }
  const backoff = retries > 0 ? expectedBackoff(retries, e.props.backoff, f) : 0;
  return {
    mean: expAttempts * attemptMean + backoff,
    variance: expAttempts * attemptVar,
    full: expAttempts * attemptFull + backoff,
    success: 1 - f ** (1 + retries),
    attemptFailure: f,
    timeoutShare: pTimeout,
    attempts: expAttempts,
  };
}

/**
 * Whether a call enters a region (and so depends on that region as a failure domain): from a client or a
 * global edge (CDN) into a regional component, or across regions. CDNs, DNS and external APIs are global.
 */
function entersRegion(graph: Graph, e: Edge): boolean {
  const from = graph.byId.get(e.from);
  const to = graph.byId.get(e.to);
  if (!from || !to) return false;
  if (to.kind === "cdn" || to.kind === "external_api" || to.kind === "dns") return false;
  if (from.kind === "client" || from.kind === "cdn") return true;
  return !!to.region && !!from.region && to.region !== from.region;
}

/** Expected total backoff (ms): the k-th wait happens with probability f^k. */
function expectedBackoff(retries: number, backoff: Edge["props"]["backoff"], f: number): number {
  let total = 0;
  let fk = 1;
  for (let k = 1; k <= retries; k++) {
    fk *= f;
    total += fk * (backoffTotalMs(k, backoff) - backoffTotalMs(k - 1, backoff));
  }
  return total;
}

/** Variance (ms²) of a lognormal with this median and p99 (0 when the time does not vary). */
function lognormalVariance(medianMs: number, p99Ms: number): number {
  if (!(medianMs > 0) || !(p99Ms > medianMs)) return 0;
  const sigma = Math.log(Math.min(1000, p99Ms / medianMs)) / 2.3263478740408408;
  const s2 = sigma * sigma;
  return medianMs * medianMs * Math.exp(s2) * (Math.exp(s2) - 1);
}

/** Variance of an M/M/c wait (ms²): P(wait) = C, exponential with rate d given a wait: 2C/d² − (C/d)². */
function queueVariance(q: QueueModel): number {
  if (q.overloaded || !(q.pWait > 0) || !Number.isFinite(q.drainPerMs)) return 0;
  const mean = q.pWait / q.drainPerMs;
  return Math.max(0, (2 * q.pWait) / (q.drainPerMs * q.drainPerMs) - mean * mean);
}

function overloaded(overloadMs: number): QueueModel {
  return { pWait: 1, drainPerMs: Infinity, meanWaitMs: overloadMs, overloaded: true };
}

function sameValues(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (Math.abs((b.get(k) ?? NaN) - v) > 1e-9) return false;
  return true;
}

const clamp01 = (x: number) => (x > 1 ? 1 : x > 0 ? x : 0);

/** Rounds to a number of decimals (half away from zero). */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

export type { RequestType };
