import { callProbability, REQUEST_TYPES, type RequestType } from "./branches";
import type { CapacityModel } from "./capacity";
import { DEFAULTS } from "./defaults";
import {
  clientDns,
  clientRegion,
  producerWaits,
  requestCalls,
  topologicalOrder,
  type Edge,
  type Graph,
  type Node,
} from "./graph";
import { handshakeRtts, type HandshakeCost, type TlsSetting } from "./handshake";
import {
  addOutcomes,
  bbrKeptAliveFirstRecordExtraRtts,
  firstRecordExtraRtts,
  handshakeLossOutcomesMs,
  idleRestartWindow,
  outcomesMoments,
  pathPenaltyMs,
  pathPenaltyOutcomesMs,
  requestLossOutcomesMs,
  requestWaitOutcomesMs,
  responseSegments,
  serializationMs,
  transferExtraRtts,
  type Outcomes,
} from "./transfer-fit";
import { nodeParams } from "./params";
import { mapArray } from "@/lib/core/util/arrays";

// Expected-value latency: the cold request's waterfall, cold/warm TTFB, and the per-hop numbers the
// percentile simulation reuses.

export type BreakdownStep = {
  /** "tail": what the expected waterfall misses and the simulated median shows (waiting for the slowest of
   * parallel calls, attempts cut at a timeout and retried); see withMedianFloor. */
  step: "dns" | "tcp" | "tls" | "quic" | "request" | "processing" | "queueing" | "tail" | "transfer";
  nodeId?: string;
  edgeId?: string;
  ms: number;
};

/** Resolved cost parameters of one edge. */
export type HopModel = {
  edge: Edge;
  rttMs: number;
  /** Handshake RTTs a new connection on this hop costs. */
  handshake: HandshakeCost;
  /** Whether steady-state calls reuse a connection. */
  keepAlive: boolean;
  /** Extra RTTs slow start adds to the last byte on a new connection. */
  slowStartExtraRtts: number;
  /**
   * Of slowStartExtraRtts, the rounds that come before the first byte (RTTs, expected value): a TLS server whose
   * records are fixed at a size past the initial window (the node's `tlsRecordBytes`) delivers a new connection's
   * first byte with its first record, one round later (transfer-fit.ts firstRecordExtraRtts; model 2.7.0). The last
   * byte does not move. 0 when the node does not set the field (its first records fit the first round).
   */
  firstRecordExtraRtts: number;
  /** Rounds after the first byte on a kept-alive connection (RTTs): a response past the grown window's first
   * round, or slow start again after an idle gap past the retransmission timeout (transfer-fit.ts transferExtraRtts,
   * connection "kept-alive", the edge's `idleBetweenRequestsMs`; model 2.8.0); with BBR, the paced response's share
   * of a round (model 2.9.0). */
  keptAliveExtraRtts: number;
  /**
   * Of keptAliveExtraRtts, the rounds before the first byte (RTTs, expected value): after an idle restart the window is
   * small again, so a first TLS record past it comes a round late, as on a new connection (firstRecordExtraRtts with
   * the restart window). With BBR, the share of the paced response sent before the first record's last segment
   * (bbrKeptAliveFirstRecordExtraRtts; model 2.9.0). 0 when the node states no record size, or a CUBIC connection
   * keeps its window.
   */
  keptAliveFirstRecordExtraRtts: number;
  /** What the edge's packet loss and bandwidth add to a new connection's transfer (ms; transfer-fit.ts pathPenaltyMs). */
  pathPenaltyMs: number;
  /** What the edge's packet loss and bandwidth add to a transfer on a kept-alive connection (ms; same rule). */
  keptAlivePenaltyMs: number;
  /** Per-call cost in steady state (ms): 1 RTT, plus handshakes and slow start when not kept alive. */
  warmCallMs: number;
  /**
   * On a path that loses packets (TCP or QUIC), the whole distribution of what loss adds (ms, transfer-fit.ts):
   * `new` — a new connection's handshake waits (a lost SYN waits 1 s) plus its transfer's penalty; `keptAlive` —
   * the transfer's penalty on a kept-alive connection. pathPenaltyMs and keptAlivePenaltyMs are their transfers'
   * medians, which the expected-value waterfall and capacity use; the percentiles use these distributions.
   */
  loss?: { new: Outcomes; keptAlive: Outcomes };
  /**
   * Expected values of what loss and bandwidth add (ms; variances ms²), from the same distributions (transfer-fit.ts
   * outcomesMoments): the waterfall's steps and capacity's holding times are expected values, so on a lossy hop they
   * take the mean, not the median transfer (Little's law holds for the mean; docs/model.md, "Packet loss and
   * bandwidth"). `handshakeWaitMs`: a new connection's expected wait for lost handshake packets, per handshake kind;
   * `newTransferMs` / `keptAliveTransferMs`: the mean of the rest on a new / kept-alive connection (the transfer's
   * lottery, a lost request or last segment);
   * `newVariance` / `keptAliveVariance`: the variance of everything loss adds on each. Equal to the medians (and 0)
   * on a loss-free hop.
   */
  lossMean: {
    handshakeWaitMs: { tcp: number; tls: number; quic: number };
    newTransferMs: number;
    keptAliveTransferMs: number;
    newVariance: number;
    keptAliveVariance: number;
    /**
     * The part of newTransferMs / keptAliveTransferMs that comes before the first byte (ms): the expected wait for a
     * lost request (transfer-fit.ts requestWaitOutcomesMs). A client hop's waterfall charges it to the request step,
     * so the cold and warm TTFB include it (model 2.6.0); the transfer step keeps the rest.
     */
    requestWaitMs: { new: number; keptAlive: number };
    /** The kept-alive distribution's median (ms): the warm floor compares the warm median with the larger of it and
     * the mean, so a lottery whose mean sits below its median is not drawn as a made-up "tail". */
    keptAliveMedianMs: number;
  };
  /** Expected per-call cost in steady state (ms): warmCallMs with loss at its mean (handshake waits included). */
  expectedCallMs: number;
  fromClient: boolean;
};

/**
 * A client's connection rounds on a hop (ms), loss aside: on a new connection its handshakes and slow start, on a
 * kept-alive one the transfer rounds past the grown window. The percentiles put them in every attempt and capacity
 * weighs them into the chance a timeout cuts one (docs/model.md, "Timeouts and retries"), so both read one rule.
 */
export function connectionRoundsMs(hop: HopModel, fresh: boolean): number {
  return fresh
    ? (hop.handshake.tcpRtts + hop.handshake.tlsRtts + hop.handshake.quicRtts + hop.slowStartExtraRtts) * hop.rttMs
    : hop.keptAliveExtraRtts * hop.rttMs;
}

/** Round-trip time between two regions (ms), from the documented matrix; symmetric. */
export function regionRttMs(a: string, b: string): number {
  if (a === b) return DEFAULTS.network.sameZoneRttMs;
  return (
    DEFAULTS.regionRttMs[`${a}|${b}`] ?? DEFAULTS.regionRttMs[`${b}|${a}`] ?? DEFAULTS.network.unknownInterRegionRttMs
  );
}

/**
 * RTT of a hop (ms): the edge's `rttMs` if set; otherwise from the nodes' regions (matrix above); otherwise
 * the same-zone default. Hops from a client go over the internet: to a CDN (or anything behind anycast/geo
 * DNS) they reach a nearby point of presence; to an origin in their own region they pay a same-region
 * internet RTT; with no regions known, a typical internet RTT. A CDN without a region sits near the main
 * client. Source: content brief Part 3 (3.2, 3.3), cloudping.co for the matrix.
 */
export function hopRttMs(graph: Graph, edge: Edge): number {
  if (edge.props.rttMs !== undefined) return edge.props.rttMs;
  const from = graph.byId.get(edge.from);
  const to = graph.byId.get(edge.to);
  if (!from || !to) return DEFAULTS.network.sameZoneRttMs;
  const N = DEFAULTS.network;
  if (from.kind === "client") {
    // A CDN has points of presence near every user. Anything else is where its region says, whatever the DNS
    // routing: geo/latency/anycast DNS can only pick among the entries that exist (issue #12 item 4).
    if (to.kind === "cdn") return N.edgePopRttMs;
    if (from.region && to.region)
      return from.region === to.region ? N.clientSameRegionRttMs : regionRttMs(from.region, to.region);
    return N.clientUnknownRttMs;
  }
  const ra = effectiveRegion(graph, from);
  const rb = effectiveRegion(graph, to);
  if (ra && rb) return regionRttMs(ra, rb);
  return N.sameZoneRttMs;
}

function effectiveRegion(graph: Graph, node: Node): string | undefined {
  if (node.region) return node.region;
  if (node.kind === "cdn") return clientRegion(graph);
  return undefined;
}

/**
 * TLS and HTTP version a hop uses. Explicit edge props win. A client's hop to a node that terminates TLS
 * negotiates TLS 1.3 (the highest both sides support) over the node's `http` version; internal hops are
 * plaintext HTTP/1.1 unless they say otherwise.
 */
export function hopProtocol(
  graph: Graph,
  edge: Edge,
): { tls: TlsSetting; http: "1.1" | "2" | "3"; transport: "tcp" | "quic" | "udp" } {
  const from = graph.byId.get(edge.from);
  const to = graph.byId.get(edge.to);
  const p = edge.props;
  const edgeSettings =
    to && (to.kind === "cdn" || to.kind === "load_balancer" || to.kind === "gateway") ? to.props : undefined;
  const terminates = from?.kind === "client" && edgeSettings?.tlsTermination === true;
  let tls: TlsSetting = p.tls ?? (terminates ? "1.3" : "none");
  const http =
    p.httpVersion ??
    (from?.kind === "client" ? edgeSettings?.http : undefined) ??
    (p.protocol === "grpc" ? "2" : "1.1");
  const transport = http === "3" ? "quic" : p.protocol === "udp" ? "udp" : "tcp";
  // QUIC always carries TLS 1.3 (RFC 9001): an HTTP/3 hop is TLS 1.3 whatever else it says (issue #12 item 11).
  if (transport === "quic") tls = "1.3";
  return { tls, http, transport };
}

/** Builds the cost model of a hop (ms and RTT counts). Rules: handshake.ts; spec "Model rules". */
export function hopModel(graph: Graph, edge: Edge): HopModel {
  const rttMs = hopRttMs(graph, edge);
  const proto = hopProtocol(graph, edge);
  // TLS 1.2 has no 0-RTT (RFC 5246): 0rtt there is a session resumption, 1 RTT (issue #12 item 11).
  const resumption =
    edge.props.resumption === "0rtt" && proto.transport === "tcp" && (proto.tls === "1.2" || proto.tls === "1.1" || proto.tls === "1.0")
      ? "session"
      : edge.props.resumption;
  const handshake = handshakeRtts({ transport: proto.transport, tls: proto.tls, resumption });
  const fromNode = graph.byId.get(edge.from);
  const fromClient = fromNode?.kind === "client";
  // A bounded pool keeps its connections open, so it implies keep-alive unless the edge says otherwise; gRPC
  // channels and the upstream pools of balancers, CDNs and gateways are kept alive by default.
  const keepAlive =
    edge.props.keepAlive ??
    (fromClient
      ? DEFAULTS.edge.keepAliveClient
      : edge.mode === "async"
        ? true // producers keep their broker connection open
      : edge.props.poolSize !== undefined ||
        edge.props.protocol === "grpc" ||
        DEFAULTS.edge.keepAlivePooledCallers.includes(fromNode?.kind ?? "") ||
        DEFAULTS.edge.keepAliveInternal);
  // Rounds after the first byte, fitted to real Linux TCP (transfer-fit.ts, docs/calibration.md): a new
  // connection's slow start, and a kept-alive one's second round for responses past ~64 kB.
  const responseBytes = edge.props.responseBytes ?? DEFAULTS.edge.responseBytes;
  const reliable = proto.transport !== "udp"; // QUIC starts like TCP: initial window 10, doubling (RFC 9002 §7)
  const { congestionControl, lossRate, bandwidthMbps } = edge.props;
  // Linux TCP's idle restart (tcp_slow_start_after_idle); QUIC stacks differ (RFC 9002 §7.8 leaves it open), so over
  // HTTP/3 a kept-alive connection keeps its window, as before model 2.8.0.
  const idleMs = proto.transport === "tcp" ? edge.props.idleBetweenRequestsMs : undefined;
  // The connection's age (model 2.11.0): how many responses its window has been cut by (CUBIC under loss only).
  const { priorResponses } = edge.props;
  // One literal per connection kind rather than a spread of a shared object: spreading cost a quarter of hopModel.
  const path = (connection: "new" | "kept-alive") => ({
    responseBytes,
    rttMs,
    congestionControl,
    lossRate,
    bandwidthMbps,
    connection,
    idleMs,
    priorResponses,
  });
  const extra = reliable ? transferExtraRtts({ responseBytes, congestionControl, connection: "new" }) : 0;
  // Records only span packets over TCP (QUIC protects each packet on its own); capped by the rounds there are.
  const recordBytes = proto.tls !== "none" && proto.transport === "tcp" ? tlsRecordBytesOf(graph.byId.get(edge.to)) : undefined;
  const firstRecord = Math.min(extra, firstRecordExtraRtts(responseBytes, recordBytes, proto.http === "2" ? "2" : "1.1"));
  const keptAliveExtra = reliable
    ? transferExtraRtts({ responseBytes, congestionControl, connection: "kept-alive", rttMs, idleMs })
    : 0;
  const segments = responseSegments(responseBytes);
  const restart = reliable ? idleRestartWindow({ segments, rttMs, idleMs, congestionControl }) : undefined;
  // BBR paces a kept-alive response, its first record included (model 2.9.0); CUBIC's is late only after an idle restart.
  const keptAliveFirstRecord =
    congestionControl === "bbr"
      ? Math.min(keptAliveExtra, bbrKeptAliveFirstRecordExtraRtts(responseBytes, recordBytes))
      : restart === undefined
        ? 0
        : Math.min(keptAliveExtra, firstRecordExtraRtts(responseBytes, recordBytes, proto.http === "2" ? "2" : "1.1", restart, true));
  // The one loss-and-bandwidth rule (transfer-fit.ts), on top of the loss-free rounds.
  // Plain UDP has no rounds and resends nothing: only the bottleneck's serialization applies.
  const penaltyMs = reliable ? pathPenaltyMs(path("new")) : serializationMs(responseBytes, bandwidthMbps);
  const keptAlivePenaltyMs = reliable
    ? pathPenaltyMs(path("kept-alive"))
    : serializationMs(responseBytes, bandwidthMbps);
  const setup = handshake.tcpRtts + handshake.tlsRtts + handshake.quicRtts;
  // A call over a lossy path: its handshake waits (new connections), its transfer's lottery, and the losses only a
  // timer finds — a lost request, a lost last segment (transfer-fit.ts requestLossOutcomesMs; model 2.5.0).
  const transport = proto.transport === "quic" ? "quic" : "tcp";
  const tailLoss = (connection: "new" | "kept-alive") =>
    requestLossOutcomesMs({ lossRate, rttMs, connection, segments, transport });
  const loss =
    reliable && (lossRate ?? 0) > 0
      ? {
          new: addOutcomes(
            addOutcomes(
              handshakeLossOutcomesMs({ lossRate, rttMs, ...handshake }),
              pathPenaltyOutcomesMs(path("new")),
            ),
            tailLoss("new"),
          ),
          keptAlive: addOutcomes(pathPenaltyOutcomesMs(path("kept-alive")), tailLoss("kept-alive")),
        }
      : undefined;
  // Internal hops without keep-alive pay set-up and slow start on every call; clients keep their connection.
  const warmCallMs =
    rttMs +
    (fromClient ? 0 : keepAlive ? keptAliveExtra * rttMs + keptAlivePenaltyMs : (setup + extra) * rttMs + penaltyMs);
  const lossMean = expectedLoss(loss, { lossRate, rttMs, transport, ...handshake }, penaltyMs, keptAlivePenaltyMs);
  const waits = lossMean.handshakeWaitMs;
  const expectedCallMs =
    rttMs +
    (fromClient
      ? 0
      : keepAlive
        ? keptAliveExtra * rttMs + lossMean.keptAliveTransferMs
        : (setup + extra) * rttMs + waits.tcp + waits.tls + waits.quic + lossMean.newTransferMs);
  return {
    edge,
    rttMs,
    handshake,
    keepAlive,
    slowStartExtraRtts: extra,
    firstRecordExtraRtts: firstRecord,
    keptAliveExtraRtts: keptAliveExtra,
    keptAliveFirstRecordExtraRtts: keptAliveFirstRecord,
    pathPenaltyMs: penaltyMs,
    keptAlivePenaltyMs: keptAlivePenaltyMs,
    warmCallMs,
    // Always present (undefined on a loss-free hop): every hop has one shape, so reading it stays monomorphic.
    loss,
    lossMean,
    expectedCallMs,
    fromClient,
  };
}

/** The record size a TLS-terminating node states (bytes), or undefined: its first records fit the first round. */
export function tlsRecordBytesOf(node: Node | undefined): number | undefined {
  switch (node?.kind) {
    case "cdn":
    case "load_balancer":
    case "gateway":
    case "service":
    case "object_storage":
      return node.props?.tlsRecordBytes;
    default:
      return undefined;
  }
}

/**
 * The means (and variances) of a hop's loss distributions (HopModel.lossMean; ms, ms²). The handshake's expected
 * wait is split by kind (each round's waits add, so their means do: TCP's SYN, QUIC's Initial, then TLS's flights);
 * the rest of the new connection's mean is its transfer's (with a lost request or last segment). Loss-free: the (deterministic) penalties, no variance.
 */
function expectedLoss(
  loss: HopModel["loss"],
  handshake: { lossRate: number | undefined; rttMs: number; transport: "tcp" | "quic" } & HandshakeCost,
  newPenaltyMs: number,
  keptAlivePenaltyMs: number,
): HopModel["lossMean"] {
  if (!loss)
    return {
      handshakeWaitMs: { tcp: 0, tls: 0, quic: 0 },
      newTransferMs: newPenaltyMs,
      keptAliveTransferMs: keptAlivePenaltyMs,
      newVariance: 0,
      keptAliveVariance: 0,
      requestWaitMs: { new: 0, keptAlive: 0 },
      keptAliveMedianMs: keptAlivePenaltyMs,
    };
  const only = (tcpRtts: number, quicRtts: number) =>
    outcomesMoments(handshakeLossOutcomesMs({ ...handshake, tcpRtts, tlsRtts: 0, quicRtts })).mean;
  const all = outcomesMoments(handshakeLossOutcomesMs(handshake)).mean;
  const tcp = only(handshake.tcpRtts, 0);
  const quic = only(0, handshake.quicRtts);
  const fresh = outcomesMoments(loss.new);
  const requestWait = (connection: "new" | "kept-alive") =>
    outcomesMoments(
      requestWaitOutcomesMs({ lossRate: handshake.lossRate, rttMs: handshake.rttMs, connection, transport: handshake.transport }),
    ).mean;
  const kept = outcomesMoments(loss.keptAlive);
  return {
    handshakeWaitMs: { tcp, tls: Math.max(0, all - tcp - quic), quic },
    newTransferMs: Math.max(0, fresh.mean - all),
    keptAliveTransferMs: kept.mean,
    newVariance: fresh.variance,
    keptAliveVariance: kept.variance,
    requestWaitMs: { new: requestWait("new"), keptAlive: requestWait("kept-alive") },
    keptAliveMedianMs: outcomesMedian(loss.keptAlive),
  };
}

/** The median of a discrete distribution (ms): the smallest time whose probability reaches one half. */
function outcomesMedian(o: Outcomes): number {
  let c = 0;
  for (const x of o) if ((c += x.p) >= 0.5 - 1e-12) return x.ms;
  return o[o.length - 1]?.ms ?? 0;
}

export type LatencyModel = {
  graph: Graph;
  hops: Map<string, HopModel>;
  /** Median own time per node (ms). */
  ownMs: Map<string, number>;
  ownP99Ms: Map<string, number>;
  /** Expected queueing per node (ms). */
  queueMs: Map<string, number>;
  /** Expected time of a request of each type arriving at a node, downstream included (ms). */
  expected: Record<RequestType, Map<string, number>>;
  /** For each node and type, the parallel edge whose branch is the slowest in expectation. */
  critical: Record<RequestType, Map<string, string>>;
  /** Nodes the main client's requests reach (synchronous calls and acknowledged publishes), topological order. */
  order: string[];
  /** Probability that a request of a type at the caller is sent over an edge (call probability × group share). */
  prob: (e: Edge, type: RequestType) => number;
};

/** Median and p99 own time per node (ms): the same for every client group's model, so one pair of maps per graph
 * (the percentiles then know two groups' models agree on them by identity). Never changed once built. */
function ownTimes(graph: Graph): { ownMs: Map<string, number>; ownP99Ms: Map<string, number> } {
  let known = ownTimeMemo.get(graph);
  if (!known) {
    known = { ownMs: new Map(), ownP99Ms: new Map() };
    for (const n of graph.nodes) {
      const p = nodeParams(n);
      known.ownMs.set(n.id, p.ownMs);
      known.ownP99Ms.set(n.id, p.ownP99Ms);
    }
    ownTimeMemo.set(graph, known);
  }
  return known;
}
const ownTimeMemo = new WeakMap<Graph, { ownMs: Map<string, number>; ownP99Ms: Map<string, number> }>();

/**
 * The latency model of the requests reaching `reachable`: expected times come from the flow model
 * (capacity.ts: T(n) = own + queueing + Σ sequential p·call + the slowest parallel call, each call cut at its
 * timeout and repeated by its retries). Expected values of a parallel group use the largest branch expectation
 * (a lower bound of E[max]; the simulation computes the real maximum).
 */
export function buildLatencyModel(graph: Graph, capacity: CapacityModel, reachable: Set<string>): LatencyModel {
  const hops = capacity.hops;
  const { ownMs, ownP99Ms } = ownTimes(graph);
  const order = topologicalOrder(
    mapArray(graph.nodes, (n) => n.id).filter((id) => reachable.has(id)),
    graph.edges.filter((e) => reachable.has(e.from) && reachable.has(e.to) && (e.mode === "sync" || producerWaits(graph, e))),
  );
  const prob = (e: Edge, type: RequestType) => callProbability(graph, e, type) * (capacity.routing.share.get(e.id) ?? 1);
  const expected = capacity.expected;
  const critical = { read: new Map<string, string>(), write: new Map<string, string>() };
  for (const id of order) {
    for (const type of REQUEST_TYPES) {
      let best = -1;
      let bestEdge: string | undefined;
      for (const e of requestCalls(graph, id)) {
        if (!e.props.parallel) continue;
        const hop = hops.get(e.id) as HopModel;
        const callMs = hop.fromClient ? hop.rttMs : hop.expectedCallMs;
        const v = prob(e, type) * (callMs + (expected[type].get(e.to) ?? 0));
        if (v > best) {
          best = v;
          bestEdge = e.id;
        }
      }
      if (bestEdge) critical[type].set(id, bestEdge);
    }
  }
  return { graph, hops, ownMs, ownP99Ms, queueMs: capacity.meanQueueMs, expected, critical, order, prob };
}

export type ColdLatency = {
  breakdown: BreakdownStep[];
  coldTtfbMs: number;
  coldLastByteMs: number;
  warmTtfbMs: number;
  /** A warm request's rounds after its first byte on the client's connections (ms): a kept-alive connection's
   * rounds past its grown window and loss, or a new connection's slow start. Not part of any TTFB. */
  warmTransferMs: number;
  /**
   * A warm request's last byte (ms): warmTtfbMs + warmTransferMs. The percentiles are last-byte times, so this, not
   * the warm TTFB, is the figure the median of warm requests never exceeds (issue #12 item 11, withMedianFloor).
   */
  warmLastByteMs: number;
};

/**
 * The main client's first request as a waterfall of expected steps (ms, rounded to 0.1 ms), in path order:
 * DNS lookup (uncached), the new connection's handshakes, each hop's request RTT, each node's processing
 * and queueing — every step weighted by the probability that the request reaches it — and slow-start
 * transfer rounds. Totals are sums of the rounded steps, so the breakdown adds up exactly:
 * coldLastByteMs = Σ steps; coldTtfbMs = Σ steps except "transfer"; warmTtfbMs drops the DNS lookup and
 * the handshakes of client connections that are kept alive (DNS cached, connection reused); a client edge with
 * keepAlive: false pays its handshakes on every request. evaluateDesign raises warmTtfbMs to the simulated
 * p50 of warm requests when a parallel fan-out makes the waterfall (which takes the slowest branch in
 * expectation, a lower bound of E[max]) read low.
 */
export function coldRequest(model: LatencyModel, readRatio: number, clientId = model.graph.mainClientId): ColdLatency {
  const { graph } = model;
  if (!clientId)
    return { breakdown: [], coldTtfbMs: 0, coldLastByteMs: 0, warmTtfbMs: 0, warmTransferMs: 0, warmLastByteMs: 0 };
  const typeShare: Record<RequestType, number> = { read: readRatio, write: 1 - readRatio };

  // Probability mass of reaching each node / crossing each edge on the critical path, per request type.
  const mass = { read: new Map<string, number>(), write: new Map<string, number>() };
  const edgeMass = new Map<string, number>();
  for (const type of REQUEST_TYPES) mass[type].set(clientId, typeShare[type]);
  for (const id of model.order) {
    for (const type of REQUEST_TYPES) {
      const m = mass[type].get(id) ?? 0;
      if (m === 0) continue;
      const crit = model.critical[type].get(id);
      for (const e of requestCalls(graph, id)) {
        if (e.props.parallel && e.id !== crit) continue;
        const em = m * model.prob(e, type);
        if (em === 0) continue;
        edgeMass.set(e.id, (edgeMass.get(e.id) ?? 0) + em);
        mass[type].set(e.to, (mass[type].get(e.to) ?? 0) + em);
      }
    }
  }
  const nodeMass = (id: string) => (mass.read.get(id) ?? 0) + (mass.write.get(id) ?? 0);

  type Tenths = { step: BreakdownStep["step"]; nodeId: string | undefined; edgeId: string | undefined; t: number };
  const steps: Tenths[] = [];
  /** `shiftTenths` moves whole tenths between steps (a lost request's wait from the transfer to the request), so
   * the rounded steps add up to what they did without the move. The step names a node or an edge: two arguments,
   * not a `{ nodeId }` object spread into the step, which allocated twice per step (and once per zero step too). */
  const push = (
    step: BreakdownStep["step"],
    ms: number,
    nodeId: string | undefined,
    edgeId: string | undefined,
    shiftTenths = 0,
  ) => {
    const t = Math.round(ms * 10) + shiftTenths;
    if (t !== 0) steps.push({ step, nodeId, edgeId, t });
  };

  const dns = clientDns(graph, clientId);
  let dnsTenths = 0;
  if (dns && dns.kind === "dns") {
    const before = steps.length;
    push("dns", dns.props?.lookupMs ?? DEFAULTS.dns.lookupMs, dns.id, undefined);
    dnsTenths = steps.length > before ? (steps[steps.length - 1] as Tenths).t : 0;
  }

  let clientHandshakeTenths = 0;
  let warmTransferMs = 0;
  // Tenths a warm request's TTFB differs from the cold request step's wait (warmRequestShiftTenths) and the warm
  // request's whole wait, which its transfer (computed with the wait inside) gives up to the TTFB.
  let warmRequestShiftTenths = 0;
  let warmRequestTenths = 0;
  const visited = new Set<string>();
  const visit = (id: string) => {
    if (visited.has(id)) return;
    visited.add(id);
    const node = graph.byId.get(id) as Node;
    const m = nodeMass(id);
    if (node.kind !== "client") {
      push("processing", m * (model.ownMs.get(id) ?? 0), id, undefined);
      push("queueing", m * (model.queueMs.get(id) ?? 0), id, undefined);
    }
    for (const e of requestCalls(graph, id)) {
      const em = edgeMass.get(e.id) ?? 0;
      if (em === 0) continue;
      const hop = model.hops.get(e.id) as HopModel;
      const payHandshake = hop.fromClient || !hop.keepAlive;
      // Expected steps: on a lossy path each handshake carries its expected wait for lost packets, and the
      // transfer its mean (HopModel.lossMean), as capacity's holding times do.
      const waits = hop.lossMean.handshakeWaitMs;
      if (payHandshake) {
        const before = steps.length;
        push("tcp", em * (hop.handshake.tcpRtts * hop.rttMs + waits.tcp), undefined, e.id);
        push("tls", em * (hop.handshake.tlsRtts * hop.rttMs + waits.tls), undefined, e.id);
        push("quic", em * (hop.handshake.quicRtts * hop.rttMs + waits.quic), undefined, e.id);
        // A warm request skips the client's handshakes only when its connection is kept alive (item 11).
        if (hop.fromClient && hop.keepAlive)
          for (let k = before; k < steps.length; k++) clientHandshakeTenths += (steps[k] as Tenths).t;
      }
      // An internal call's rounds after the first: slow start and the path's loss on a new connection, or the
      // kept-alive connection's extra round and loss for a large response (expectedCallMs, which capacity uses
      // too). Left out, the kept-alive round surfaced as a "tail" step when the waterfall was floored at the median.
      const freshTransfer = hop.slowStartExtraRtts * hop.rttMs + hop.lossMean.newTransferMs;
      const internalRounds = hop.fromClient ? 0 : hop.keepAlive ? hop.expectedCallMs - hop.rttMs : freshTransfer;
      // A lost request delays the first byte (the server answers what it has received): a client hop's request step
      // carries that wait, and its transfer step only what comes after the first byte (model 2.6.0).
      // Whole tenths, so the steps still add up to the same last byte.
      const wait = hop.lossMean.requestWaitMs;
      // So does a first TLS record past the initial window (model 2.7.0): one of the new connection's rounds moves
      // before the first byte. A warm request on a kept-alive connection has a grown window and does not wait for it.
      const lateRecord = hop.fromClient ? Math.round(em * hop.firstRecordExtraRtts * hop.rttMs * 10) : 0;
      const waitNew = hop.fromClient ? Math.round(em * wait.new * 10) + lateRecord : 0;
      push("request", em * (hop.rttMs + internalRounds), undefined, e.id, waitNew);
      visit(e.to);
      if (hop.fromClient) {
        push("transfer", em * freshTransfer, undefined, e.id, -waitNew);
        // A warm request's TTFB carries its own request's wait: on a kept-alive connection the lone request's (one
        // packet, a longer probe), else the new connection's, already in the request step. Its transfer the rest.
        // After an idle restart (model 2.8.0) a kept-alive connection's window is small again, and a first record past
        // it delays the warm first byte as it does a new connection's.
        const warmWait = hop.keepAlive
          ? Math.round(em * wait.keptAlive * 10) + Math.round(em * hop.keptAliveFirstRecordExtraRtts * hop.rttMs * 10)
          : waitNew;
        warmRequestShiftTenths += hop.keepAlive ? warmWait - waitNew : 0;
        warmRequestTenths += warmWait;
        // A warm request's rounds after its first byte, loss at the larger of its mean and median: the warm last byte
        // is compared with the median of warm requests (withMedianFloor), and a lossy transfer whose mean sits below
        // its median (1 MB kept alive at 1 %: most draws are long) must not surface as a made-up "tail".
        warmTransferMs +=
          em *
          (hop.keepAlive
            ? hop.keptAliveExtraRtts * hop.rttMs +
              Math.max(hop.lossMean.keptAliveTransferMs, hop.lossMean.keptAliveMedianMs)
            : hop.slowStartExtraRtts * hop.rttMs + Math.max(hop.lossMean.newTransferMs, hop.pathPenaltyMs));
      }
    }
  };
  visit(clientId);

  let all = 0;
  let transfer = 0;
  for (const s of steps) {
    all += s.t;
    if (s.step === "transfer") transfer += s.t;
  }
  const breakdown: BreakdownStep[] = steps.map((s) => {
    const out: BreakdownStep = { step: s.step, ms: s.t / 10 };
    if (s.nodeId !== undefined) out.nodeId = s.nodeId;
    if (s.edgeId !== undefined) out.edgeId = s.edgeId;
    return out;
  });
  const warmTenths = all - transfer - dnsTenths - clientHandshakeTenths + warmRequestShiftTenths;
  const warmTransferTenths = Math.round(warmTransferMs * 10) - warmRequestTenths;
  return {
    breakdown,
    coldLastByteMs: all / 10,
    coldTtfbMs: (all - transfer) / 10,
    warmTtfbMs: warmTenths / 10,
    warmTransferMs: warmTransferTenths / 10,
    warmLastByteMs: (warmTenths + warmTransferTenths) / 10,
  };
}

/**
 * Raises the waterfall to the simulated median of warm requests (ms) when it reads lower (issue #12 item 11):
 * the waterfall adds expected steps and takes the slowest parallel branch in expectation, a lower bound of
 * E[max] (Dean & Barroso, "The Tail at Scale"), and does not cut attempts at timeouts. The difference is
 * one "tail" step before the transfer, so a warm request's last byte (warm TTFB + its transfer rounds) ≥ p50 of
 * warm requests (which are last-byte times), cold ≥ warm, and the breakdown still adds up. A warm request's own
 * transfer rounds are compared like with like, never turned into a "tail".
 */
export function withMedianFloor(cold: ColdLatency, warmP50Ms: number): ColdLatency {
  const gap =
    Math.round(warmP50Ms * 10) - Math.round(cold.warmTtfbMs * 10) - Math.round(cold.warmTransferMs * 10);
  if (!(gap > 0)) return cold;
  const breakdown = [...cold.breakdown];
  let at = breakdown.length;
  while (at > 0 && (breakdown[at - 1] as BreakdownStep).step === "transfer") at--;
  breakdown.splice(at, 0, { step: "tail", ms: gap / 10 });
  return {
    breakdown,
    coldTtfbMs: (Math.round(cold.coldTtfbMs * 10) + gap) / 10,
    coldLastByteMs: (Math.round(cold.coldLastByteMs * 10) + gap) / 10,
    warmTtfbMs: (Math.round(cold.warmTtfbMs * 10) + gap) / 10,
    warmTransferMs: cold.warmTransferMs,
    warmLastByteMs: (Math.round(cold.warmLastByteMs * 10) + gap) / 10,
  };
}

