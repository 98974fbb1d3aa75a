import { computeAvailability } from "./availability";
import { computeCapacity, type CapacityModel, type NodeCapacity } from "./capacity";
import { evaluateChecklist, type ChecklistItem } from "./checklist";
import { estimateCost, type CostEstimate } from "./cost";
import { DEFAULT_SEED, DEFAULTS, MODEL_VERSION } from "./defaults";
import { collectFindings, type Finding } from "./findings";
import { buildGraph, nodeNames, requestReachable, type Graph } from "./graph";
import {
  buildLatencyModel,
  coldRequest,
  hopProtocol,
  hopRttMs,
  tlsRecordBytesOf,
  withMedianFloor,
  type BreakdownStep,
} from "./latency";
import {
  firstRecordExtraRtts,
  KEPT_ALIVE_PRIOR_RESPONSES,
  RECORD_BYTES,
  RTO_MIN_MS,
  transferExtraRtts,
  transferTimeMs,
} from "./transfer-fit";
import { percentileCache, simulatePercentiles } from "./percentiles";
import { labelFor } from "./field-labels";
import { nodeParams } from "./params";
import { computeScore, type Categories, type Grade, type ScoreCap } from "./score";
import { upgradeDesign } from "./upgrade";
import { validateDesign, type ValidationError } from "./validate";
import { mapArray } from "@/lib/core/util/arrays";

// Public entry point of the evaluator. Pure: no I/O, no clock, no global state; the result depends only on
// the document, MODEL_VERSION and the seed.

export { MODEL_VERSION, DEFAULT_SEED, DEFAULTS };
export { CHECKLIST_IDS, CHECKLIST_LINKS, CHAPTER_SECTIONS } from "./links";
export { FINDING_IDS, FINDING_LINKS, FINDING_META, FINDING_RULES } from "./findings";
export type { Finding } from "./findings";
export type { ChecklistItem } from "./checklist";
export type { BreakdownStep } from "./latency";
export type { NodeCapacity } from "./capacity";
export type { Grade, Categories, ScoreCap } from "./score";
export { upgradeDesign } from "./upgrade";
export type { ValidationError } from "./validate";
export type { CostEstimate } from "./cost";
export { validateDesign } from "./validate";
export { assignRequests, hottestReplica, replicaShares } from "./load-balancing";
export { evaluateFirewall, cidrContains, isPrivateAddress, parseIpv4 } from "./firewall";
export { handshakeRtts, slowStartRounds, slowStartExtraRtts } from "./handshake";
export { erlangC, fanOutSlowProbability, mmcQueue, lognormalFromMedianP99 } from "./queueing";
export { mulberry32 } from "@/lib/core/util/prng";
export { regionRttMs } from "./latency";
export { designJsonSchema } from "./schema";

/** One client group's steady-state percentiles against the p99 target (ms). */
export type ClientLatency = {
  clientId: string;
  /** Share of the scenario's traffic (0–1). */
  share: number;
  coldTtfbMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  targetMet: boolean;
  /** This group's first request as a waterfall, in path order (as `latency.breakdown` is for the main client). */
  breakdown: BreakdownStep[];
};

/** End-to-end delay of asynchronous work: from the producer's publish to the consumer's completion (ms). */
export type AsyncDelivery = { queueId: string; consumerId: string; expectedMs: number; p99Ms: number };

/** The evaluator's output (shared/spec/design-format.md, "Result"; additions in docs/design-format-v2.md). */
export type EvaluationResult = {
  version: 1;
  modelVersion: string;
  score: number;
  grade: Grade;
  categories: Categories;
  /** The lowest cap on the score and why (null when nothing caps it). */
  scoreCap: ScoreCap | null;
  /** Every cap that applies, lowest first. */
  caps: ScoreCap[];
  latency: {
    coldTtfbMs: number;
    coldLastByteMs: number;
    warmTtfbMs: number;
    breakdown: BreakdownStep[];
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    /** Every client group, largest share first (at most 20). */
    clients: ClientLatency[];
    /** Asynchronous deliveries (queue → consumer), reported apart from request latency. */
    delivery: AsyncDelivery[];
    /** Simulated requests of the main client group (0 when its percentiles are exact). */
    samples: number;
    /** True when the main client's percentiles are computed in closed form (docs/model.md, "Percentiles"). */
    exact: boolean;
    /**
     * A warm request's last byte (ms, model 2.5): warm TTFB + the rounds after its first byte. The percentiles are
     * last-byte times, so this is the warm figure that is never below the median of warm requests; the warm TTFB can
     * be. Absent in results stored before 2.5.0.
     */
    warmLastByteMs?: number;
  };
  availability: { estimate: number; nines: number; spofs: string[]; rejectedShare: number };
  capacity: { nodes: NodeCapacity[]; bottleneckNodeId: string | null };
  checklist: ChecklistItem[];
  findings: Finding[];
  /** Defaults the model used where the design gave no figure (what to state to make the score exact). */
  assumptions: string[];
  /** Monthly cost at the scenario's load, from the per-unit prices listed in cost.assumptions (not scored). */
  cost: CostEstimate;
};

export type EvaluateOptions = {
  /** Seed of the percentile simulation (default 1). */
  seed?: number;
  /** Forces sampling with this many requests per client group (at most 1,000,000). Default: exact percentiles
   * where the model has a closed form, else at least 100,000 simulated requests. */
  samples?: number;
};

export type EvaluateOutcome = { ok: true; result: EvaluationResult } | { ok: false; errors: ValidationError[] };

const MAX_CLIENT_GROUPS = 20;
const MAX_ASSUMPTIONS = 40;
const finite = (x: number, fallback = 0) => (Number.isFinite(x) ? x : fallback);

/**
 * Validates and scores a design document (any JSON value, format v1 or v2; v1 is upgraded on read). Returns
 * the result object of the spec, or every validation problem with its JSON path — never a partial score.
 * Units: ms, rps, probabilities 0–1. Rules and sources: docs/model.md.
 */
export function evaluateDesign(input: unknown, options: EvaluateOptions = {}): EvaluateOutcome {
  const v = validateDesign(input);
  if (!v.ok) return { ok: false, errors: v.errors };
  const design = upgradeDesign(v.design);
  const S = DEFAULTS.scenario;
  const rps = design.scenario?.rps ?? S.rps;
  const readRatio = design.scenario?.readRatio ?? S.readRatio;
  const coldRatio = design.scenario?.coldRatio ?? S.coldRatio;
  const targets = {
    p99Ms: design.scenario?.targets?.p99Ms ?? S.targetP99Ms,
    availability: design.scenario?.targets?.availability ?? S.targetAvailability,
  };
  const seed = Number.isFinite(options.seed) ? Math.trunc(options.seed as number) : DEFAULT_SEED;
  const samples =
    options.samples !== undefined && Number.isFinite(options.samples) && options.samples >= 1
      ? { samples: Math.min(1_000_000, Math.floor(options.samples)) }
      : {};

  const graph = buildGraph(design);
  const capacity = computeCapacity(graph, rps, readRatio, coldRatio);
  const reachable = graph.mainClientId ? requestReachable(graph, graph.mainClientId) : new Set<string>();
  const latencyModel = buildLatencyModel(graph, capacity, reachable);
  // Client groups share the distributions of the nodes they have in common.
  const cache = percentileCache();
  const percentiles = simulatePercentiles({
    cache,
    model: latencyModel,
    queues: capacity.queues,
    routing: capacity.routing,
    readRatio,
    coldRatio,
    seed,
    ...samples,
  });
  const cold = withMedianFloor(coldRequest(latencyModel, readRatio), percentiles.warmP50Ms);

  // Every client group against the target (issue #12 item 15), largest share first.
  const clientNodes = graph.nodes.filter((n) => n.kind === "client");
  const totalShare = clientNodes.reduce((s, c) => s + (c.kind === "client" ? (c.props?.share ?? 1) : 0), 0);
  const shareOf = (id: string) => {
    const c = graph.byId.get(id);
    const s = c?.kind === "client" ? (c.props?.share ?? 1) : 0;
    return totalShare > 0 ? s / totalShare : 1 / Math.max(1, clientNodes.length);
  };
  const clients: ClientLatency[] = [...clientNodes]
    .sort((a, b) => shareOf(b.id) - shareOf(a.id) || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_CLIENT_GROUPS)
    .map((c) => {
      const main = c.id === graph.mainClientId;
      const model = main ? latencyModel : buildLatencyModel(graph, capacity, requestReachable(graph, c.id));
      const pc = main
        ? percentiles
        : simulatePercentiles({
            model,
            queues: capacity.queues,
            routing: capacity.routing,
            readRatio,
            coldRatio,
            seed,
            clientId: c.id,
            cache,
            ...samples,
          });
      const cc = main ? cold : withMedianFloor(coldRequest(model, readRatio, c.id), pc.warmP50Ms);
      return {
        clientId: c.id,
        share: Math.round(shareOf(c.id) * 1e4) / 1e4,
        coldTtfbMs: cc.coldTtfbMs,
        p50Ms: pc.p50Ms,
        p95Ms: pc.p95Ms,
        p99Ms: pc.p99Ms,
        targetMet: pc.p99Ms <= targets.p99Ms,
        breakdown: cc.breakdown,
      };
    });

  const availability = computeAvailability(graph, readRatio, capacity);
  const checklist = evaluateChecklist(graph);
  const findings = collectFindings({
    graph,
    latency: latencyModel,
    cold,
    capacity,
    availability,
    percentiles,
    checklist,
    targets,
    rps,
    ...(design.scenario?.concurrentUsers !== undefined ? { concurrentUsers: design.scenario.concurrentUsers } : {}),
  });
  const maxUtilization = capacity.nodes.reduce((m, n) => Math.max(m, n.utilization), 0);
  const scored = computeScore({
    p99Ms: percentiles.p99Ms,
    targetP99Ms: targets.p99Ms,
    availability: availability.estimate,
    targetAvailability: targets.availability,
    maxUtilization,
    checklist,
    findings,
    clients: clients.map((c) => ({ clientId: c.clientId, share: c.share, p99Ms: c.p99Ms })),
  });
  // A client wired to nothing has no system to judge: an empty sketch must not look perfect.
  const noBackend = findings.some((f) => f.id === "no-backend");
  const { score, grade, categories } = noBackend
    ? {
        score: 0,
        grade: "F" as const,
        categories: Object.fromEntries(
          Object.keys(scored.categories).map((c) => [c, { score: 0 }]),
        ) as typeof scored.categories,
      }
    : scored;
  const caps = noBackend
    ? [{ max: 0, reason: "The client calls nothing: there is no system to score yet.", findingId: "no-backend" }]
    : scored.caps;

  let rejected = 0;
  for (const [id, share] of capacity.rejected) {
    const l = capacity.loads.get(id);
    rejected += l ? ((l.read + l.write) * share) / Math.max(rps, 1e-9) : 0;
  }

  return {
    ok: true,
    result: {
      version: 1,
      modelVersion: MODEL_VERSION,
      score,
      grade,
      categories,
      scoreCap: caps[0] ?? null,
      caps,
      latency: {
        coldTtfbMs: cold.coldTtfbMs,
        coldLastByteMs: cold.coldLastByteMs,
        warmTtfbMs: cold.warmTtfbMs,
        breakdown: cold.breakdown,
        p50Ms: percentiles.p50Ms,
        p95Ms: percentiles.p95Ms,
        p99Ms: percentiles.p99Ms,
        clients,
        delivery: asyncDelivery(graph, capacity),
        samples: percentiles.samples,
        exact: percentiles.exact,
        warmLastByteMs: cold.warmLastByteMs,
      },
      availability: { ...availability, rejectedShare: Math.round(Math.min(1, rejected) * 1e6) / 1e6 },
      capacity: { nodes: capacity.nodes, bottleneckNodeId: capacity.bottleneckNodeId },
      checklist,
      findings,
      assumptions: assumptionsOf(graph),
      cost: estimateCost(graph, capacity.loads),
    },
  };
}

/**
 * Expected and p99 delay of each queue → consumer delivery (ms): the broker's own time, the hop, the
 * consumer's queueing and its own work, downstream included (issue #12 item 9). The p99 adds the consumer's
 * own spread and an M/M/c wait at its 99th percentile.
 */
function asyncDelivery(graph: Graph, capacity: CapacityModel): AsyncDelivery[] {
  const out: AsyncDelivery[] = [];
  for (const e of graph.edges) {
    if (e.mode !== "async" || graph.byId.get(e.from)?.kind !== "queue") continue;
    const hop = capacity.hops.get(e.id);
    const consumer = graph.byId.get(e.to);
    if (!consumer) continue;
    const p = nodeParams(consumer);
    const queueMs = capacity.meanQueueMs.get(consumer.id) ?? 0;
    const down = Math.max(0, (capacity.expected.read.get(consumer.id) ?? 0) - p.ownMs - queueMs);
    const expectedMs =
      DEFAULTS.queue.processingMs + (hop?.expectedCallMs ?? 0) + (capacity.expected.read.get(consumer.id) ?? 0);
    let wait99 = 0;
    for (const c of capacity.queues.get(consumer.id) ?? []) {
      const q = c.queue;
      if (q.overloaded) wait99 = Math.max(wait99, q.meanWaitMs);
      else if (q.pWait > 0.01) wait99 = Math.max(wait99, Math.log(q.pWait / 0.01) / q.drainPerMs);
    }
    const p99Ms = DEFAULTS.queue.processingMs + (hop?.warmCallMs ?? 0) + p.ownP99Ms + wait99 + down;
    out.push({
      queueId: e.from,
      consumerId: e.to,
      expectedMs: Math.round(finite(Math.min(expectedMs, 1e12)) * 10) / 10,
      p99Ms: Math.round(finite(Math.min(Math.max(p99Ms, expectedMs), 1e12)) * 10) / 10,
    });
  }
  return out;
}

/**
 * Defaults the model applied where the design is silent, one line each (at most 40, then a count). Read by
 * candidates: nodes by their label and fields by the editor's labels (field-labels.ts), never a JSON key.
 */
function assumptionsOf(graph: Graph): string[] {
  const lines: string[] = [];
  // As the canvas and the findings name them (label, else the kind's title), never by id.
  const names = nodeNames(graph);
  const name = (n: Graph["nodes"][number]) => names.get(n.id) ?? n.id;
  const timeFields = new Set(["serviceTimeMs", "queryMs", "unindexedQueryMs", "latencyMs", "concurrency", "zones"]);
  for (const n of graph.nodes) {
    const p = nodeParams(n);
    for (const f of p.defaulted) {
      if (!timeFields.has(f)) continue;
      const value =
        f === "zones"
          ? `${p.zones} zone${p.zones === 1 ? "" : "s"}`
          : f === "concurrency"
            ? `${p.concurrency} in flight per replica`
            : `${p.ownMs} ms`;
      lines.push(`${name(n)}: ${labelFor(f)} not given, ${value} assumed`);
    }
  }
  const spreadless = graph.nodes.filter((n) => {
    const p = nodeParams(n);
    return (
      p.ownMs > 0 &&
      p.ownP99Ms === p.ownMs &&
      n.kind !== "load_balancer" &&
      n.kind !== "cdn" &&
      n.kind !== "gateway" &&
      n.kind !== "queue" &&
      n.kind !== "firewall" &&
      n.kind !== "nat_gateway"
    );
  });
  if (spreadless.length > 0) {
    const named = mapArray(spreadless.slice(0, 5), name).join(", ");
    lines.push(
      `${spreadless.length} node${spreadless.length === 1 ? "" : "s"} without a p99 field (${named}${spreadless.length > 5 ? ", …" : ""}) take${spreadless.length === 1 ? "s" : ""} exactly the stated time: no spread is invented`,
    );
  }
  lines.push(...recordSizeAssumptions(graph, name));
  lines.push(...idleAssumptions(graph, name));
  lines.push(...connectionAgeAssumptions(graph, name));
  if (lines.length <= MAX_ASSUMPTIONS) return lines;
  return [...lines.slice(0, MAX_ASSUMPTIONS), `and ${lines.length - MAX_ASSUMPTIONS} more defaults`];
}

/**
 * A client's kept-alive CUBIC edges (keep-alive stated or the client default, congestion control not BBR), each with
 * the words that name it ("Browser to API"), its props, its hop's RTT and transport: the edges whose later responses
 * the model times on a connection that keeps its window. Internal pools are left out: a pooled connection carries the
 * caller's whole traffic.
 */
function keptAliveClientEdges(graph: Graph, name: (n: Graph["nodes"][number]) => string) {
  const out: { label: string; props: Graph["edges"][number]["props"]; rttMs: number; transport: string }[] = [];
  for (const client of graph.nodes) {
    if (client.kind !== "client") continue;
    for (const e of graph.out.get(client.id) ?? []) {
      const to = graph.byId.get(e.to);
      const p = e.props;
      if (!to || !(p.keepAlive ?? DEFAULTS.edge.keepAliveClient) || p.congestionControl === "bbr") continue;
      out.push({ label: `${name(client)} to ${name(to)}`, props: p, rttMs: hopRttMs(graph, e), transport: hopProtocol(graph, e).transport });
    }
  }
  return out;
}

/** A gap far past any retransmission timeout: what a fully restarted connection costs (idleRestartWindow). */
const LONG_IDLE_MS = 60_000;

/**
 * One line per client edge kept alive over TCP (CUBIC) that states no idle gap while its response would take more
 * round trips after one: the model then times requests back to back on a busy connection (model 2.8.0, transfer-fit.ts
 * idleRestartWindow), and a candidate should see that a user who pauses longer than the retransmission timeout gets
 * a restarted slow start instead.
 */
function idleAssumptions(graph: Graph, name: (n: Graph["nodes"][number]) => string): string[] {
  const lines: string[] = [];
  for (const { label, props: p, rttMs, transport } of keptAliveClientEdges(graph, name)) {
    if (p.idleBetweenRequestsMs !== undefined || transport !== "tcp") continue;
    // The server's idle time is the client's pause plus one RTT, its timeout RTT + 200 ms: a pause past ~200 ms.
    const kept = { responseBytes: p.responseBytes ?? DEFAULTS.edge.responseBytes, connection: "kept-alive" as const, rttMs };
    const more = transferExtraRtts({ ...kept, idleMs: LONG_IDLE_MS }) - transferExtraRtts(kept);
    if (!(more > 0)) continue;
    lines.push(
      `${label}: ${labelFor("idleBetweenRequestsMs")} not given, requests back to back on a busy connection assumed; a client that pauses more than about ${RTO_MIN_MS} ms leaves the server idle past its retransmission timeout, which restarts slow start, and the response would then take ${more} more round trip${more === 1 ? "" : "s"}`,
    );
  }
  return lines;
}

/** An old connection (earlier responses): by then the window has settled at the loss-limited one (docs/model.md). */
const OLD_CONNECTION_RESPONSES = 30;

/**
 * One line per lossy client edge kept alive with CUBIC that states no connection age while an old connection's response
 * would take more round trips (median): the model then times the second response on a connection (model 2.11.0,
 * transfer-fit.ts keptAliveHistoryRounds), and a candidate should see that a connection which has carried many
 * responses sends with a window its losses have cut.
 */
function connectionAgeAssumptions(graph: Graph, name: (n: Graph["nodes"][number]) => string): string[] {
  const lines: string[] = [];
  for (const { label, props: p, rttMs, transport } of keptAliveClientEdges(graph, name)) {
    if (p.priorResponses !== undefined || !((p.lossRate ?? 0) > 0) || transport === "udp" || !(rttMs > 0)) continue;
    const kept = {
      responseBytes: p.responseBytes ?? DEFAULTS.edge.responseBytes,
      connection: "kept-alive" as const,
      rttMs,
      lossRate: p.lossRate,
    };
    const young = transferTimeMs({ ...kept, priorResponses: KEPT_ALIVE_PRIOR_RESPONSES });
    const more = Math.round((transferTimeMs({ ...kept, priorResponses: OLD_CONNECTION_RESPONSES }) - young) / rttMs);
    if (!(more > 0)) continue;
    lines.push(
      `${label}: ${labelFor("priorResponses")} not given, ${KEPT_ALIVE_PRIOR_RESPONSES} assumed (the second response on a connection); every lost packet shrinks the server's window, and on a connection that has carried ${OLD_CONNECTION_RESPONSES} responses the response would typically take ${more} more round trip${more === 1 ? "" : "s"}`,
    );
  }
  return lines;
}

/**
 * One line per TLS server (the node a client's TLS-over-TCP hop ends at) that states no record size while a response
 * it sends would not fit the first round in one full-size record: the cold TTFB then assumes first records that fit
 * (model 2.7.0, transfer-fit.ts firstRecordExtraRtts), and a candidate should see that it is an assumption.
 */
function recordSizeAssumptions(graph: Graph, name: (n: Graph["nodes"][number]) => string): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const client of graph.nodes) {
    if (client.kind !== "client") continue;
    for (const e of graph.out.get(client.id) ?? []) {
      if (seen.has(e.to)) continue;
      const to = graph.byId.get(e.to);
      if (!to || tlsRecordBytesOf(to) !== undefined) continue;
      const proto = hopProtocol(graph, e);
      if (proto.tls === "none" || proto.transport !== "tcp") continue;
      if (firstRecordExtraRtts(e.props.responseBytes ?? DEFAULTS.edge.responseBytes, RECORD_BYTES, "1.1") === 0) continue;
      seen.add(e.to);
      lines.push(
        `${name(to)}: ${labelFor("tlsRecordBytes")} not given, first TLS records that fit the first round trip assumed (sized dynamically, as Go and many CDNs do); with nginx's default of 16,384 bytes a new connection's first byte would come up to one round trip later`,
      );
    }
  }
  return lines;
}
