import { callProbability } from "./branches";
import type { QueueComponent } from "./capacity";
import { DEFAULTS } from "./defaults";
import { clientDns, requestCalls, type Edge } from "./graph";
import { connectionRoundsMs, type HopModel, type LatencyModel } from "./latency";
import { backoffTotalMs } from "./resilience";
import type { Routing } from "./routing";
import { mulberry32Stream } from "@/lib/core/util/prng";
import { lognormalFromMedianP99 } from "./queueing";
import type { Outcomes } from "./transfer-fit";
import * as X from "./percentiles-exact";
import { Lattice, type Pmf } from "./percentiles-lattice";
import { mapArray } from "@/lib/core/util/arrays";

// Percentiles of steady-state requests: exact where the model allows (percentiles-exact.ts: a finite mixture of
// point masses and truncated lognormals), otherwise a seeded Monte Carlo of at least 100,000 requests.
//
// The Monte Carlo:
// Each simulated request walks the call graph: at every node it draws the node's own time (lognormal from
// median and p99 — constant when no p99 is given) and queueing (M/M/c), picks one member of every routing
// group it meets, flips a coin for every call (its probability), and makes the call: an attempt that runs
// past the edge's timeout is cut there, and the call is retried (re-drawn) after its backoff until the
// retries run out. Parallel calls take the slowest. The cost is the expected number of node visits per
// request, computed exactly beforehand. On pathological DAGs where that number explodes the simulation
// switches to a bottom-up variant: each node gets an array of sampled end-to-end times and a caller draws a
// random entry of its callee's array — O(samples × (nodes + edges)).

export type PercentileResult = {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Median of the requests that reuse a connection (DNS cached): the steady-state warm TTFB (ms). */
  warmP50Ms: number;
  /** Simulated requests (0 when the percentiles are exact). */
  samples: number;
  /** True when the percentiles are computed in closed form rather than sampled. */
  exact: boolean;
};

export type SimulationInput = {
  model: LatencyModel;
  queues: Map<string, QueueComponent[]>;
  routing: Routing;
  readRatio: number;
  coldRatio: number;
  seed: number;
  /** The client whose requests are timed (default: the main client). */
  clientId?: string;
  /** Forces sampling with this many requests (tests, comparisons); default: exact where possible, else
   * sampleCount. */
  samples?: number;
  /** Shared between the client groups of one evaluation: nodes whose inputs are the same are computed once. */
  cache?: PercentileCache;
};

type NodeDists<D> = { read: D; write: D; eps: [number, number] };
/** Numeric grids and per-node distributions of one evaluation, keyed by what determines them. */
export type PercentileCache = {
  num: X.Numeric;
  fps: Fingerprints;
  nodes: Map<number, NodeDists<X.Dist>>;
  /** Lattices by spacing and size, each with the node distributions computed on it. */
  lattices: Map<string, { lat: Lattice; nodes: Map<number, NodeDists<Pmf>> }>;
  /** The node moments the lattice's range is chosen from (latticePercentiles), shared like the rest. */
  moments: Map<number, NodeDists<Moments>>;
  /** Sampled results with everything the sampler read (sameRun): client groups that send the same requests
   * through the same graph (the three regions of the generated designs) are sampled once. */
  sampled: { run: SampledRun; result: PercentileResult }[];
  /** Node lists by what they are built from (see nodeList): client groups whose requests reach the same nodes
   * share one, and with it its fingerprint ids. */
  nodeLists: NodeList[];
  /** Results a client group got without sampling, with what another group's equal run would charge (see reusable). */
  computed: ComputedRun[];
};
export function percentileCache(): PercentileCache {
  return {
    num: new X.Numeric(),
    fps: new Fingerprints(),
    nodes: new Map(),
    lattices: new Map(),
    moments: new Map(),
    sampled: [],
    nodeLists: [],
    computed: [],
  };
}

// Above HARD_LIMIT node visits the bottom-up method is used instead of walking every request.
const HARD_LIMIT = 30_000_000;
const Z_TABLE_SIZE = 4096;
// Distinct spreads tabulated per simulation (4,096 values each, ≤ 1 ms in all), and the fewest requests for
// which tables are built; further spreads, and shorter runs, draw with exp.
const MAX_SPREAD_TABLES = 16;
const SPREAD_TABLE_MIN_SAMPLES = 32_768;
// Entries the closed form may combine before it gives way to sampling (see exactMixture).
const EXACT_WORK = 20_000_000;
// Numeric operations (convolutions, products, merges) one evaluation may spend before it samples instead, and
// the number of nodes with a continuous time (a spread or a queue wait) beyond which it samples from the start:
// each such node costs a few grid operations (~0.1–1 ms each), and past ~12 of them 100,000 samples are cheaper.
const NUMERIC_OPS = 200;
const NUMERIC_NODES = 12;
// The lattice (latticePercentiles): its points, how often its top may double when the p99 lies beyond it, its
// smallest top, the multiply-adds one lattice may spend before the design is sampled instead, and the nodes with
// a continuous time past which sampling is cheaper from the start (generated-2000's ~1,200 cost more on the
// lattice, ~280 ms, than 100,000 samples, ~245 ms; generated-50's 31 cost ~⅓ of sampling).
const LATTICE_POINTS = 128;
const LATTICE_DOUBLINGS = 20;
const LATTICE_MIN_TOP_MS = 1;
const LATTICE_WORK = 5_000_000;
const LATTICE_NODES = 200;

const [a0, a1, a2, a3, a4, a5] = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
] as const;
const [b0, b1, b2, b3, b4] = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
] as const;
const [c0, c1, c2, c3, c4, c5] = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
] as const;
const [d0, d1, d2, d3] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;

/**
 * Standard normal quantile (inverse CDF) by Acklam's rational approximation (relative error < 1.2e-9).
 * Used once to build a table of stratified normal quantiles, so sampling costs one table lookup.
 */
export function normalQuantile(p: number): number {
  const lo = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

let zTable: Float64Array | undefined;
function normalTable(): Float64Array {
  if (!zTable) {
    zTable = new Float64Array(Z_TABLE_SIZE);
    for (let i = 0; i < Z_TABLE_SIZE; i++) zTable[i] = normalQuantile((i + 0.5) / Z_TABLE_SIZE);
  }
  return zTable;
}

// Client groups share a sampled result when sameRun finds their inputs equal: a field of Call or SimNode that
// the walk starts to read must be compared there too, or a group could get another group's percentiles.
type Call = {
  to: number;
  pRead: number;
  pWrite: number;
  hopMs: number;
  parallel: boolean;
  /** Index of the routing group (−1: none), and this member's share of it. */
  group: number;
  share: number;
  timeoutMs: number; // Infinity when none
  retries: number;
  /** Backoff before retry k (1-based), ms. */
  backoff: number[];
  hop: HopModel;
  /** A client call's connection set-up on a new connection: handshakes, slow start, and what the path's loss
   * and bandwidth add to a new connection's transfer (ms). */
  setupMs: number;
  /** A client call on a kept-alive connection: the rounds a response past the grown (or loss-limited) window
   * needs, and what the path's loss and bandwidth add (ms). */
  keptAliveMs: number;
  /**
   * On a lossy path, what loss adds, as a distribution drawn per attempt (transfer-fit.ts): on a server's call
   * (on top of hopMs), on a client's new connection (on top of setupMs) and on its kept-alive one.
   */
  hopLoss: Loss | undefined;
  setupLoss: Loss | undefined;
  keptAliveLoss: Loss | undefined;
};
/** A discrete time (ms) in the two forms the two methods need: a CDF to draw from and a closed-form mixture. */
type Loss = { ms: Float64Array; cum: Float64Array; key: string; outcomes: Outcomes; dist?: X.Dist };
const losses = new WeakMap<Outcomes, Loss>();
function lossOf(o: Outcomes): Loss {
  let l = losses.get(o);
  if (!l) {
    const cum = new Float64Array(o.length);
    let c = 0;
    o.forEach((x, i) => (cum[i] = c += x.p));
    l = {
      ms: Float64Array.from(o, (x) => x.ms),
      cum,
      key: JSON.stringify(o),
      outcomes: o,
    };
    losses.set(o, l);
  }
  return l;
}
/** The closed-form mixture of a discrete time (throws NotClosedForm past the engine's size; built when first asked). */
function lossDist(l: Loss): X.Dist {
  l.dist ??= X.mix(l.outcomes.map((x) => [X.atom(x.ms), x.p] as const));
  return l.dist;
}
/** Inverse CDF of a discrete time at u ∈ [0, 1) (ms). */
function drawLoss(l: Loss, u: number): number {
  const target = u * (l.cum[l.cum.length - 1] as number);
  let lo = 0;
  let hi = l.cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((l.cum[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return l.ms[lo] as number;
}
/** `spread`: e^(σ·zᵢ) at the stratified normal quantiles zᵢ (shared by the nodes of one σ), when σ > 0. */
type SimNode = { own: number; sigma: number; spread?: Float64Array | undefined; queue: QueueComponent[]; calls: Call[] };

/**
 * Number of simulated requests per client group where the percentiles have no closed form: 100,000 (issue #12
 * item 13), whatever the design's size, so the p99 always rests on ≥ 1,000 requests beyond it. Only the
 * bottom-up fallback for pathological graphs (see bottomUp) uses fewer.
 */
export function sampleCount(): number {
  return DEFAULTS.simulation.samples;
}

function toCall(e: Edge, to: number, model: LatencyModel, routing: Routing, groupIndex: Map<string, number>): Call {
  const g = routing.groupOf.get(e.id);
  let group = -1;
  if (g) {
    if (!groupIndex.has(g.key)) groupIndex.set(g.key, groupIndex.size);
    group = groupIndex.get(g.key) as number;
  }
  const retries = e.props.retries ?? 0;
  const backoff = [0];
  for (let k = 1; k <= retries; k++)
    backoff.push(backoffTotalMs(k, e.props.backoff) - backoffTotalMs(k - 1, e.props.backoff));
  const hop = model.hops.get(e.id) as HopModel;
  // On a lossy path the medians folded into warmCallMs and the penalties give way to the whole distributions.
  const internalLoss = !hop.fromClient && hop.loss ? (hop.keepAlive ? hop.loss.keptAlive : hop.loss.new) : undefined;
  const internalMedian = internalLoss ? (hop.keepAlive ? hop.keptAlivePenaltyMs : hop.pathPenaltyMs) : 0;
  const clientLoss = hop.fromClient ? hop.loss : undefined;
  return {
    to,
    pRead: callProbability(model.graph, e, "read"),
    pWrite: callProbability(model.graph, e, "write"),
    hop,
    hopMs: hop.fromClient ? hop.rttMs : hop.warmCallMs - internalMedian,
    parallel: e.props.parallel === true,
    group,
    share: routing.share.get(e.id) ?? 1,
    timeoutMs: e.props.timeoutMs ?? Infinity,
    retries,
    backoff,
    setupMs: connectionRoundsMs(hop, true) + (clientLoss ? 0 : hop.pathPenaltyMs),
    keptAliveMs: connectionRoundsMs(hop, false) + (clientLoss ? 0 : hop.keptAlivePenaltyMs),
    // Always present (undefined when loss-free): one shape for every call, which the walk reads per request.
    hopLoss: internalLoss ? lossOf(internalLoss) : undefined,
    setupLoss: clientLoss ? lossOf(clientLoss.new) : undefined,
    keptAliveLoss: clientLoss ? lossOf(clientLoss.keptAlive) : undefined,
  };
}

/**
 * What a call adds for its connection (ms): nothing on a server's calls (their hop cost is in warmCallMs); on a
 * client's, a new connection's handshakes, slow start and loss penalty, or, on a kept-alive one, the rounds and
 * loss penalty of its transfer from the grown window (docs/model.md, "Packet loss and bandwidth"). Part of every
 * attempt, so the client's timeout cuts it (docs/model.md, "Timeouts and retries").
 */
function connectionMs(c: Call, conn: 0 | 1 | 2): number {
  if (conn === 0) return 0;
  return conn === 2 || !c.hop.keepAlive ? c.setupMs : c.keptAliveMs;
}

/** What loss adds to a call's connection on top of connectionMs, as a distribution (undefined: nothing). */
function connectionLoss(c: Call, conn: 0 | 1 | 2): Loss | undefined {
  if (conn === 0) return undefined;
  return conn === 2 || !c.hop.keepAlive ? c.setupLoss : c.keptAliveLoss;
}

/**
 * A key of an edge that does not depend on its id: its mode and its fields, in key order. Calls are drawn in
 * the order of (callee, key), so renaming an edge never changes which random number a call gets (issue #12
 * item 13); two edges with the same key to the same callee are interchangeable.
 */
const structuralKeys = new WeakMap<Edge, string>();
function structuralKey(e: Edge): string {
  let k = structuralKeys.get(e);
  if (k === undefined) {
    const props = e.props as Record<string, unknown>;
    k = `${e.mode}|${JSON.stringify(props, Object.keys(props).sort())}`;
    structuralKeys.set(e, k);
  }
  return k;
}

function byStructure(a: { e: Edge; to: number }, b: { e: Edge; to: number }): number {
  if (a.to !== b.to) return a.to - b.to;
  const ka = structuralKey(a.e);
  const kb = structuralKey(b.e);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Orders calls so that members of one routing group are contiguous (group order by first member). */
function groupContiguous(calls: Call[]): Call[] {
  const out: Call[] = [];
  const done = new Set<number>();
  for (const c of calls) {
    if (c.group < 0) out.push(c);
    else if (!done.has(c.group)) {
      done.add(c.group);
      for (const m of calls) if (m.group === c.group) out.push(m);
    }
  }
  return out;
}

/**
 * Seeded percentiles (ms) of one client's steady-state requests: a share `coldRatio` of them opens a new
 * connection (handshakes, slow start, and a DNS lookup unless the resolver cache answers), the rest reuse
 * one. Own times are lognormal from median and p99; queueing is the M/M/c wait (Erlang C probability of
 * waiting, then exponential); routing groups send each request to one member; timeouts cut attempts and
 * retries re-draw them; parallel calls take the slowest. Sources: Erlang C; Dean & Barroso, "The Tail at
 * Scale"; AWS Builders' Library (timeouts, retries, backoff). Same input and seed → same output.
 */
export function simulatePercentiles(input: SimulationInput): PercentileResult {
  const { model, queues, routing, readRatio, coldRatio, seed } = input;
  const { graph } = model;
  const clientId = input.clientId ?? graph.mainClientId;
  if (!clientId) return { p50Ms: 0, p95Ms: 0, p99Ms: 0, warmP50Ms: 0, samples: 0, exact: true };

  const cache = input.cache ?? percentileCache();
  const ids = model.order.filter((id) => id !== clientId);
  const { nodes, index, groups } = nodeList(cache, ids, model, queues, routing);
  // Routing groups are numbered by first appearance: the nodes' first, then the client's own calls.
  const groupIndex = new Map(groups);
  const clientEdges = requestCalls(graph, clientId);
  const clientCalls = groupContiguous(
    mapArray(
      mapArray(clientEdges, (e) => ({ e, to: index.get(e.to) ?? -1 })).sort(byStructure),
      ({ e, to }) => toCall(e, to, model, routing, groupIndex),
    ),
  );

  // Expected node visits per request (exact, reverse topological order), to choose the method.
  const visits = { read: new Float64Array(nodes.length), write: new Float64Array(nodes.length) };
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i] as SimNode;
    let vr = 1;
    let vw = 1;
    for (const c of n.calls) {
      const k = 1 + c.retries;
      vr += c.share * c.pRead * k * (visits.read[c.to] as number);
      vw += c.share * c.pWrite * k * (visits.write[c.to] as number);
    }
    visits.read[i] = Math.min(vr, 1e15);
    visits.write[i] = Math.min(vw, 1e15);
  }
  let perRequest = 1;
  for (const c of clientCalls) {
    if (c.to < 0) continue;
    perRequest +=
      c.share *
      (1 + c.retries) *
      (readRatio * c.pRead * (visits.read[c.to] as number) +
        (1 - readRatio) * c.pWrite * (visits.write[c.to] as number));
  }
  const dns = clientDns(graph, clientId);
  const dnsMs = dns?.kind === "dns" ? (dns.props?.lookupMs ?? DEFAULTS.dns.lookupMs) : 0;
  const dnsHit = dns?.kind === "dns" ? (dns.props?.cacheHitRatio ?? DEFAULTS.dns.cacheHitRatio) : 1;
  const r = (x: number) => Math.round(Math.min(x, 1e12) * 10) / 10;

  // Closed form first. When it exists but neglects too much queueing, it is still the distribution with every
  // queue wait at zero, which the real one dominates: the sampled percentiles never read below it. That
  // keeps more load from ever lowering a percentile when the method changes with the load.
  // Forced sampling (tests, comparisons) is the plain simulation.
  // Closed form, else numeric when the continuous times are few enough for it to beat sampling, else the lattice,
  // else sampled.
  const dnsIn = dns ? { ms: dnsMs, hit: dnsHit } : undefined;
  // The scalars a run reads besides its nodes and calls; the sampler's also hold the sample count and the floor.
  const scalars = [readRatio, coldRatio, seed, dns ? 1 : 0, dnsMs, dnsHit];
  const continuous = nodes.filter((n) => (n.own > 0 && n.sigma > 0) || realWait(n)).length;
  // Another client group with the very same run got its result where no budget could tell the two apart.
  const probe: SampledRun = { nodes, clientCalls, scalars };
  if (input.samples === undefined) {
    const known = reusable(cache, probe);
    if (known) return known;
  }
  const closedFailure: ClosedFailure = { id: NO_FAILURE, budget: false };
  const attempt = (numeric: boolean, waits = true, failure?: ClosedFailure) =>
    exactMixture(nodes, clientCalls, readRatio, coldRatio, dnsIn, cache, closedAlgebra(cache, numeric), waits, failure);
  const exact =
    input.samples === undefined
      ? (attempt(false, true, closedFailure) ?? (continuous <= NUMERIC_NODES ? attempt(true) : undefined))
      : undefined;
  // What another group's equal run would do again: the closed form failing the same way (never by a budget, which
  // a rerun with fewer nodes left to compute could pass), then the lattice or the sampler.
  const replayable =
    input.samples === undefined &&
    exact === undefined &&
    continuous > NUMERIC_NODES &&
    closedFailure.id !== NO_FAILURE &&
    !closedFailure.budget;
  // A numeric result never reads below the same distribution with every queue wait at zero (a lower bound of
  // the model, closed form where possible): the grid's error can then not make more load, which turns a closed
  // form into a numeric one, lower a percentile. Without a real wait anywhere that distribution is this one.
  const waitFree = exact?.all.approx
    ? nodes.some(realWait)
      ? (attempt(false, false) ?? attempt(true, false))
      : exact
    : undefined;
  const q = (d: X.Dist | undefined, p: number) => (d ? X.quantile(d, p) : 0);
  const bound = exact && {
    p50Ms: Math.max(q(exact.all, 0.5), q(waitFree?.all, 0.5)),
    p95Ms: Math.max(q(exact.all, 0.95), q(waitFree?.all, 0.95)),
    p99Ms: Math.max(q(exact.all, 0.99), q(waitFree?.all, 0.99)),
    warmP50Ms: Math.max(q(exact.warm, 0.5), q(waitFree?.warm, 0.5)),
  };
  if (bound && exact.neglected <= X.NEGLECTED_MASS) {
    return {
      p50Ms: r(bound.p50Ms),
      p95Ms: r(bound.p95Ms),
      p99Ms: r(bound.p99Ms),
      warmP50Ms: r(bound.warmP50Ms),
      samples: 0,
      exact: !exact.all.approx && !exact.warm?.approx,
    };
  }

  // Too many continuous times for the grids: the lattice (percentiles-lattice.ts), floored like the sample.
  const charges: LatticeCharge[] = [];
  const lattice =
    input.samples === undefined && continuous > NUMERIC_NODES && continuous <= LATTICE_NODES
      ? latticePercentiles(
          (alg, afterNodes) =>
            exactMixture(nodes, clientCalls, readRatio, coldRatio, dnsIn, cache, alg, true, undefined, afterNodes),
          cache,
          charges,
        )
      : undefined;
  if (lattice) {
    const floor = (x: number, key: keyof NonNullable<typeof bound>) => r(Math.max(x, bound ? bound[key] : 0));
    const result: PercentileResult = {
      p50Ms: floor(lattice.p50Ms, "p50Ms"),
      p95Ms: floor(lattice.p95Ms, "p95Ms"),
      p99Ms: floor(lattice.p99Ms, "p99Ms"),
      warmP50Ms: floor(lattice.warmP50Ms, "warmP50Ms"),
      samples: 0,
      exact: false,
    };
    if (replayable && charges.every((c) => c.ok))
      cache.computed.push({ run: probe, result, failedId: closedFailure.id, charges });
    return { ...result };
  }

  const n = input.samples ?? sampleCount();
  if (n <= 0) return { p50Ms: 0, p95Ms: 0, p99Ms: 0, warmP50Ms: 0, samples: 0, exact: false };
  // The sampled result is a function of exactly what sameRun compares (the seed included): an equal run is the
  // same result.
  const run: SampledRun = {
    nodes,
    clientCalls,
    scalars: [...scalars, n, ...(bound ? [bound.p50Ms, bound.p95Ms, bound.p99Ms, bound.warmP50Ms] : [])],
  };
  // Only the default run (the sampled path after a closed form that failed structurally and no lattice) is
  // recorded for reuse: the sampled result itself is looked up below, as every run's is.
  const recordSampled = (result: PercentileResult) => {
    if (replayable && continuous > LATTICE_NODES)
      cache.computed.push({ run: probe, result, failedId: closedFailure.id, charges: [] });
  };
  const known = cache.sampled.find((x) => sameRun(x.run, run));
  if (known) {
    recordSampled(known.result);
    return { ...known.result };
  }

  // Common random numbers: every simulated request has its own stream (seeded by the seed, its class and its
  // index), so two evaluations that differ only in load see the same draws request by request, and a queue's
  // wait is drawn by inversion from two fixed uniforms: more load can only lengthen each request. One
  // generator is reseeded per request, so the walk allocates nothing per request.
  const stream = mulberry32Stream(seed);
  const rand = stream.next;
  const Z = normalTable();
  // A lognormal draw is the median times e^(σ·z) for a stratified quantile z: tabulated once per σ (designs
  // reuse a few p99/median ratios), so a draw is a lookup, not an exp; the values are the same bit for bit.
  // Only a run long enough to repay a table's 4,096 exps builds them (the full 100,000 requests, not the few
  // dozen that tests force).
  const spreads = new Map<number, Float64Array>();
  for (const node of nodes) {
    node.spread = undefined;
    if (!(node.own > 0 && node.sigma > 0) || n < SPREAD_TABLE_MIN_SAMPLES) continue;
    let t = spreads.get(node.sigma);
    if (!t && spreads.size < MAX_SPREAD_TABLES) {
      t = new Float64Array(Z_TABLE_SIZE);
      for (let i = 0; i < Z_TABLE_SIZE; i++) t[i] = Math.exp(node.sigma * (Z[i] as number));
      spreads.set(node.sigma, t);
    }
    node.spread = t;
  }
  const ownSample = (node: SimNode): number => {
    let v = node.own;
    if (v > 0 && node.sigma > 0) {
      const i = (rand() * Z_TABLE_SIZE) | 0;
      v *= node.spread ? (node.spread[i] as number) : Math.exp(node.sigma * (Z[i] as number));
    }
    if (node.queue.length > 0) v += sampleQueue(node.queue, rand);
    return v;
  };

  // Time of a callee's subtree (set below: the walk, or the bottom-up arrays on pathological graphs).
  let downstream: (to: number, write: boolean) => number = () => 0;

  // One call: attempts cut at the timeout, retried after backoff; returns the time spent (ms). A client's attempt
  // includes its connection (conn 1 or 2: handshakes, transfer rounds, loss) and, on the first, the request's DNS
  // lookup (`lookupMs`): the client's timeout bounds the whole attempt, connecting included, and a retry connects
  // again as the first attempt did.
  const call = (c: Call, write: boolean, conn: 0 | 1 | 2, lookupMs: number): number => {
    let spent = 0;
    for (let a = 0; a <= c.retries; a++) {
      if (a > 0) spent += c.backoff[a] as number;
      const lossy = connectionLoss(c, conn);
      const setup = (a === 0 ? lookupMs : 0) + connectionMs(c, conn) + (lossy ? drawLoss(lossy, rand()) : 0);
      // A lossy hop draws its loss per attempt (only then: loss-free designs keep their random streams).
      const x =
        setup + c.hopMs + (c.hopLoss ? drawLoss(c.hopLoss, rand()) : 0) + (c.to >= 0 ? downstream(c.to, write) : 0);
      if (x <= c.timeoutMs) return spent + x;
      spent += c.timeoutMs;
    }
    return spent;
  };

  // Runs a node's calls: picks one member per group, flips each call's coin, sums sequential calls and
  // takes the slowest parallel one. `conn`: 0 for a server's calls; for a client's, 1 on a reused
  // connection and 2 on a new one (a new connection pays the handshakes and slow start first).
  const runCalls = (calls: Call[], write: boolean, conn: 0 | 1 | 2, lookupMs = 0): number => {
    let t = 0;
    let par = 0;
    for (let k = 0; k < calls.length; k++) {
      let c = calls[k] as Call;
      if (c.group >= 0) {
        // Members of a group are contiguous: choose one by share, then skip the rest.
        let end = k;
        while (end + 1 < calls.length && (calls[end + 1] as Call).group === c.group) end++;
        let u = rand();
        let chosen = c;
        for (let m = k; m <= end; m++) {
          chosen = calls[m] as Call;
          u -= chosen.share;
          if (u < 0) break;
        }
        c = chosen;
        k = end;
      }
      const p = write ? c.pWrite : c.pRead;
      if (p <= 0 || (p < 1 && rand() >= p)) continue;
      const v = call(c, write, conn, lookupMs);
      if (c.parallel) {
        if (v > par) par = v;
      } else t += v;
    }
    return t + par;
  };

  if (perRequest * n <= HARD_LIMIT) {
    const walk = (i: number, write: boolean): number => {
      const node = nodes[i] as SimNode;
      return ownSample(node) + runCalls(node.calls, write, 0);
    };
    downstream = walk;
  } else {
    downstream = bottomUp(nodes, n, rand, ownSample, runCalls, (d) => (downstream = d));
  }

  const request = (write: boolean, cold: boolean): number => {
    const lookup = cold && dns && rand() >= dnsHit ? dnsMs : 0;
    return runCalls(clientCalls, write, cold ? 2 : 1, lookup);
  };
  // Exact mixture over the request classes (read/write × warm/cold connection): each class is simulated on its
  // own, with at least an eighth of the samples, and the percentiles are taken from the mixture of the classes'
  // empirical distributions with their exact weights. A p99 that sits where cold connections begin (coldRatio
  // ≈ 1 %) then no longer jumps with the random stream.
  const strata: { weight: number; values: Float64Array; cold: boolean }[] = [];
  for (const write of [false, true]) {
    for (const cold of [false, true]) {
      const weight = (write ? 1 - readRatio : readRatio) * (cold ? coldRatio : 1 - coldRatio);
      if (!(weight > 0)) continue;
      const m = Math.max(1, Math.ceil(n * Math.max(weight, 0.125)));
      const values = new Float64Array(m);
      const classSeed = Math.imul(seed | 0, 0x9e3779b1) ^ (((write ? 2 : 0) + (cold ? 1 : 0)) * 0x85ebca6b);
      for (let i = 0; i < m; i++) {
        stream.reseed(classSeed + Math.imul(i, 0x27d4eb2d));
        values[i] = request(write, cold);
      }
      values.sort();
      strata.push({ weight, values, cold });
    }
  }
  const floor = (x: number, key: keyof NonNullable<typeof bound>) => r(Math.max(x, bound ? bound[key] : 0));
  const result: PercentileResult = {
    p50Ms: floor(mixtureQuantile(strata, 0.5), "p50Ms"),
    p95Ms: floor(mixtureQuantile(strata, 0.95), "p95Ms"),
    p99Ms: floor(mixtureQuantile(strata, 0.99), "p99Ms"),
    warmP50Ms: floor(
      mixtureQuantile(
        strata.filter((x) => !x.cold),
        0.5,
      ),
      "warmP50Ms",
    ),
    samples: strata.reduce((s, x) => s + x.values.length, 0),
    exact: false,
  };
  cache.sampled.push({ run, result });
  recordSampled(result);
  return { ...result };
}

/** Which node the closed form failed on (its fingerprint id; CLIENT_LEVEL: the client's calls) and whether a
 * budget (work or numeric operations) made it fail rather than the shape of the distributions. */
type ClosedFailure = { id: number; budget: boolean };
const NO_FAILURE = -2;
const CLIENT_LEVEL = -1;
/** The work one lattice build charged after every node distribution was known (the client's calls): all a rerun of
 * the same run charges, its nodes being cached; `ok` when the build succeeded. */
type LatticeCharge = { lat: Lattice; work: number; ok: boolean };
type ComputedRun = { run: SampledRun; result: PercentileResult; failedId: number; charges: LatticeCharge[] };

/**
 * The result an earlier client group got for the very same run (nodes, calls and scalars equal), when computing it
 * again would give that result: its closed form fails again (the node it failed on is still not cached: its callees'
 * distributions are the cached ones, so it fails the same way or by a budget), and every lattice build it made can
 * charge its client-level work again within the lattice's budget (the nodes are cached, so that is all a rerun
 * charges). The charges are then made, so later groups see the budgets a rerun would have left. A sampled result
 * (no lattice) needs only the first condition: the sampler's own lookup (cache.sampled) would find it.
 */
function reusable(cache: PercentileCache, run: SampledRun): PercentileResult | undefined {
  for (const c of cache.computed) {
    if (!sameRun(c.run, run)) continue;
    if (c.failedId !== CLIENT_LEVEL && cache.nodes.has(c.failedId)) return undefined;
    const added = new Map<Lattice, number>();
    for (const { lat, work } of c.charges) {
      const total = (added.get(lat) ?? 0) + work;
      if (lat.work + total > LATTICE_WORK) return undefined;
      added.set(lat, total);
    }
    for (const [lat, work] of added) lat.work += work;
    return { ...c.result };
  }
  return undefined;
}

/**
 * The simulation's node list for `ids` (model order without the client): built once per evaluation and shared by
 * every client group whose requests reach the same nodes through the same flow model, so its fingerprint ids are
 * computed once too. `groups`: the routing-group numbers its calls handed out, where the client's continue.
 */
type NodeList = {
  ids: string[];
  model: LatencyModel;
  queues: Map<string, QueueComponent[]>;
  routing: Routing;
  nodes: SimNode[];
  index: Map<string, number>;
  groups: Map<string, number>;
};
function nodeList(
  cache: PercentileCache,
  ids: string[],
  model: LatencyModel,
  queues: Map<string, QueueComponent[]>,
  routing: Routing,
): NodeList {
  const known = cache.nodeLists.find(
    (l) =>
      l.queues === queues &&
      l.routing === routing &&
      l.model.graph === model.graph &&
      l.model.hops === model.hops &&
      l.model.ownMs === model.ownMs &&
      l.model.ownP99Ms === model.ownP99Ms &&
      l.ids.length === ids.length &&
      l.ids.every((id, i) => id === ids[i]),
  );
  if (known) return known;
  const groupIndex = new Map<string, number>();
  const index = new Map(ids.map((id, i) => [id, i] as const));
  const nodes: SimNode[] = mapArray(ids, (id) => {
    const own = model.ownMs.get(id) ?? 0;
    const ln = lognormalFromMedianP99(own, model.ownP99Ms.get(id) ?? own);
    const targets: { e: Edge; to: number }[] = [];
    for (const e of requestCalls(model.graph, id)) {
      const to = index.get(e.to);
      if (to !== undefined) targets.push({ e, to });
    }
    const calls = mapArray(targets.sort(byStructure), ({ e, to }) => toCall(e, to, model, routing, groupIndex));
    // A producer waiting on a broker's acknowledgement only pays the broker's own time, not its consumers'.
    return { own, sigma: ln.sigma, queue: queues.get(id) ?? [], calls: groupContiguous(calls) };
  });
  const list = { ids, model, queues, routing, nodes, index, groups: groupIndex };
  cache.nodeLists.push(list);
  return list;
}

/** What one sampled simulation read: its nodes and client calls (as built) and its scalar inputs. */
type SampledRun = { nodes: SimNode[]; clientCalls: Call[]; scalars: number[] };

const same = (a: number, b: number) => Object.is(a, b);

/**
 * Whether two simulations read the same inputs, so draw the same numbers: per node (in index order) its own
 * time, spread and queue, and per call (in walk order) every field the walk uses, routing groups compared by
 * first appearance in their call list (the walk only compares neighbours' groups); then the client's calls and
 * the scalars (mix, seed, sample count, DNS, floor). Stops at the first difference.
 */
function sameRun(a: SampledRun, b: SampledRun): boolean {
  if (a.scalars.length !== b.scalars.length || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.scalars.length; i++) if (!same(a.scalars[i] as number, b.scalars[i] as number)) return false;
  // Groups that share a node list (nodeList) share its nodes: nothing to compare but the client's calls.
  for (let i = 0; a.nodes !== b.nodes && i < a.nodes.length; i++) {
    const x = a.nodes[i] as SimNode;
    const y = b.nodes[i] as SimNode;
    if (!same(x.own, y.own) || !same(x.sigma, y.sigma) || x.queue.length !== y.queue.length) return false;
    for (let k = 0; k < x.queue.length; k++) {
      const p = x.queue[k] as QueueComponent;
      const q = y.queue[k] as QueueComponent;
      if (
        p !== q &&
        (!same(p.share, q.share) ||
          p.queue.overloaded !== q.queue.overloaded ||
          !same(p.queue.meanWaitMs, q.queue.meanWaitMs) ||
          !same(p.queue.pWait, q.queue.pWait) ||
          !same(p.queue.drainPerMs, q.queue.drainPerMs))
      )
        return false;
    }
    if (!sameCalls(x.calls, y.calls)) return false;
  }
  return sameCalls(a.clientCalls, b.clientCalls);
}

function sameCalls(a: Call[], b: Call[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const c = a[k] as Call;
    const d = b[k] as Call;
    // Group numbers differ between runs; within a call list only "same group as the neighbour" matters.
    const prevC = k > 0 ? (a[k - 1] as Call).group : -2;
    const prevD = k > 0 ? (b[k - 1] as Call).group : -2;
    if (
      c.to !== d.to ||
      c.group < 0 !== d.group < 0 ||
      (c.group >= 0 && (c.group === prevC) !== (d.group === prevD)) ||
      !same(c.pRead, d.pRead) ||
      !same(c.pWrite, d.pWrite) ||
      !same(c.hopMs, d.hopMs) ||
      c.parallel !== d.parallel ||
      !same(c.share, d.share) ||
      !same(c.timeoutMs, d.timeoutMs) ||
      c.retries !== d.retries ||
      !same(c.setupMs, d.setupMs) ||
      !same(c.keptAliveMs, d.keptAliveMs) ||
      c.hop.keepAlive !== d.hop.keepAlive ||
      c.hopLoss?.key !== d.hopLoss?.key ||
      c.setupLoss?.key !== d.setupLoss?.key ||
      c.keptAliveLoss?.key !== d.keptAliveLoss?.key
    )
      return false;
    for (let r = 0; r < c.backoff.length; r++) if (!same(c.backoff[r] as number, d.backoff[r] as number)) return false;
  }
  return true;
}

/**
 * The operations a distribution is built with: in closed form or on adaptive grids (percentiles-exact.ts), or
 * on a uniform lattice (percentiles-lattice.ts); `nodes` holds the node distributions already built with them.
 */
type Algebra<D> = {
  atom(v: number): D;
  lognormal(median: number, sigma: number): D;
  exponential(ratePerMs: number): D;
  add(x: D, y: D): D;
  max(x: D, y: D): D;
  mix(parts: [D, number][]): D;
  cut(x: D, t: number): { within: D; over: number };
  /** A loss's discrete time. */
  loss(l: Loss): D;
  nodes: Map<number, NodeDists<D>>;
};

/**
 * Closed-form operations (numeric ones on adaptive grids when `numeric`), with a work bound: entries combined
 * across the whole computation, and numeric operations, so a design with a huge number of distinct outcomes
 * falls back to another method instead of running long.
 */
function closedAlgebra(cache: PercentileCache, numeric: boolean): Algebra<X.Dist> {
  const num = numeric ? cache.num : undefined;
  let work = 0;
  const size = (d: X.Dist) => d.atoms.length + d.pieces.length;
  const charge = (units: number) => {
    work += units;
    if (work > EXACT_WORK || cache.num.ops > NUMERIC_OPS) throw new X.NotClosedForm("work budget");
  };
  return {
    atom: X.atom,
    lognormal: X.lognormal,
    exponential: X.exponential,
    add: (x, y) => (charge(size(x) * size(y)), X.add(x, y, num)),
    max: (x, y) => (charge(size(x) * size(y)), X.max(x, y, num)),
    mix: (parts) => (charge(parts.reduce((t, [d]) => t + size(d), 0)), X.mix(parts, num)),
    cut: X.cut,
    loss: lossDist,
    nodes: cache.nodes,
  };
}

/** The same operations on a uniform lattice (its node distributions kept per lattice in the cache). */
function latticeAlgebra(lat: Lattice, nodes: Map<number, NodeDists<Pmf>>): Algebra<Pmf> {
  return {
    atom: (v) => lat.atom(v),
    lognormal: (m, s) => lat.lognormal(m, s),
    exponential: (r) => lat.exponential(r),
    add: (x, y) => lat.add(x, y),
    max: (x, y) => lat.max(x, y),
    mix: (parts) => lat.mix(parts),
    cut: (x, t) => lat.cut(x, t),
    loss: (l) => lat.mix(l.outcomes.map((o) => [lat.atom(o.ms), o.p] as const)),
    nodes,
  };
}

/** Mass, and the first two moments times the mass, of a (sub-)probability distribution of a time (ms). */
type Moments = { w: number; m1: number; m2: number };
const sumMoments = (x: Moments, y: Moments): Moments => ({
  w: x.w * y.w,
  m1: y.w * x.m1 + x.w * y.m1,
  m2: y.w * x.m2 + 2 * x.m1 * y.m1 + x.w * y.m2,
});
/**
 * Moments of the model's time, where the lattice's range is chosen (latticePercentiles): sums exact, a maximum
 * taken as the sum (an upper bound: times are never negative), timeouts ignored. Only a first guess: the
 * lattice checks where its p99 lands and widens itself.
 */
function momentsAlgebra(nodes: Map<number, NodeDists<Moments>>): Algebra<Moments> {
  const atom = (v: number): Moments => ({ w: 1, m1: v, m2: v * v });
  // Summed in the parts' order (as a reduce would), into one object instead of one per part.
  const mix = (parts: [Moments, number][]): Moments => {
    let w = 0;
    let m1 = 0;
    let m2 = 0;
    for (const [d, p] of parts) {
      w += p * d.w;
      m1 += p * d.m1;
      m2 += p * d.m2;
    }
    return { w, m1, m2 };
  };
  return {
    atom,
    lognormal: (median, s) => ({ w: 1, m1: median * Math.exp((s * s) / 2), m2: median * median * Math.exp(2 * s * s) }),
    exponential: (r) => ({ w: 1, m1: 1 / r, m2: 2 / (r * r) }),
    add: sumMoments,
    max: sumMoments,
    mix,
    cut: (x) => ({ within: x, over: 0 }),
    loss: (l) => mix(l.outcomes.map((o) => [atom(o.ms), o.p])),
    nodes,
  };
}

/**
 * The model's distribution built bottom-up with `alg`, or undefined where that cannot be done (NotClosedForm):
 * each node's time for reads and for writes, by the same rules as the simulation's walk (own time, queueing,
 * one member per routing group, each call's coin, attempts cut at the timeout and retried after the backoff,
 * sequential calls added, parallel calls maxed), with every queue wait below WAIT_EPSILON (or every one that is
 * not an overload, without `waits`) taken as zero. Returns the mixture of all request classes, of the warm
 * ones, and the probability that a request meets a queue wait so neglected (union bound).
 */
function exactMixture<D>(
  nodes: SimNode[],
  clientCalls: Call[],
  readRatio: number,
  coldRatio: number,
  dns: { ms: number; hit: number } | undefined,
  cache: PercentileCache,
  alg: Algebra<D>,
  waits: boolean,
  failure?: ClosedFailure,
  afterNodes?: () => void,
): { all: D; warm: D | undefined; neglected: number } | undefined {
  // Union bound of the queue waits neglected per request: Σ over the queues a request can meet of
  // P(wait) × expected visits (attempts included).
  const neglected = { read: new Float64Array(nodes.length), write: new Float64Array(nodes.length) };
  const dists: [D | undefined, D | undefined][] = mapArray(nodes, () => [undefined, undefined]);
  const ZERO = alg.atom(0);
  const callee = (to: number, write: boolean): D => {
    const d = dists[to]?.[write ? 1 : 0];
    if (!d) throw new X.NotClosedForm("callee not computed");
    return d;
  };
  const { add, max, mix } = alg;

  // As the walk's `call`: a client's attempt includes its connection and, on the first, the DNS lookup.
  const attempts = (c: Call, write: boolean, conn: 0 | 1 | 2, lookupMs: number): D => {
    const hop = c.hopLoss ? add(alg.atom(c.hopMs), alg.loss(c.hopLoss)) : alg.atom(c.hopMs);
    const lossy = connectionLoss(c, conn);
    const setup = lossy ? add(alg.atom(connectionMs(c, conn)), alg.loss(lossy)) : alg.atom(connectionMs(c, conn));
    const x = add(conn === 0 ? hop : add(setup, hop), c.to >= 0 ? callee(c.to, write) : ZERO);
    const first = lookupMs > 0 ? add(alg.atom(lookupMs), x) : x;
    if (c.timeoutMs === Infinity) return first;
    const parts: [D, number][] = [];
    let spent = 0;
    let reach = 1; // probability that this attempt is made
    for (let a = 0; a <= c.retries && reach > 0; a++) {
      if (a > 0) spent += c.backoff[a] as number;
      const { within, over } = alg.cut(a === 0 ? first : x, c.timeoutMs);
      parts.push([add(alg.atom(spent), within), reach]);
      reach *= over;
      spent += c.timeoutMs;
    }
    if (reach > 0) parts.push([alg.atom(spent), reach]);
    return mix(parts);
  };

  const run = (calls: Call[], write: boolean, conn: 0 | 1 | 2, eps: { v: number }, lookupMs = 0): D => {
    let seq = ZERO;
    let par = ZERO;
    for (let k = 0; k < calls.length; k++) {
      const first = calls[k] as Call;
      let end = k;
      if (first.group >= 0) while (end + 1 < calls.length && (calls[end + 1] as Call).group === first.group) end++;
      const start = k;
      k = end;
      let parallel: boolean | undefined;
      for (let m = start, left = 1; m <= end; left -= (calls[m] as Call).share, m++) {
        if (!(memberWeight(calls, start, end, m, left) > 0)) continue;
        parallel ??= (calls[m] as Call).parallel;
        if ((calls[m] as Call).parallel !== parallel) throw new X.NotClosedForm("mixed parallel group");
      }
      const parts: [D, number][] = [];
      let skipped = 0;
      for (let m = start, left = 1; m <= end; left -= (calls[m] as Call).share, m++) {
        const c = calls[m] as Call;
        const w = memberWeight(calls, start, end, m, left);
        const p = write ? c.pWrite : c.pRead;
        if (!(w > 0)) continue;
        if (!(p > 0)) {
          skipped += w;
          continue;
        }
        parts.push([attempts(c, write, conn, lookupMs), w * Math.min(1, p)]);
        skipped += w * (1 - Math.min(1, p));
        if (c.to >= 0) eps.v += w * p * (1 + c.retries) * (neglected[write ? "write" : "read"][c.to] as number);
      }
      if (parts.length === 0) continue;
      if (skipped > 0) parts.push([ZERO, skipped]);
      const d = mix(parts);
      if (parallel) par = max(par, d);
      else seq = add(seq, d);
    }
    return add(seq, par);
  };

  // Own time (lognormal from median and p99, or the stated time), then the queue: the M/M/c wait is zero
  // with probability 1 − C and exponential at rate cμ − λ otherwise (Erlang C); an overloaded queue is its
  // fixed overload delay. Then the calls, for reads and for writes.
  const nodeDists = (node: SimNode): NodeDists<D> => {
    let own = node.own > 0 && node.sigma > 0 ? alg.lognormal(node.own, node.sigma) : alg.atom(node.own);
    let waitEps = 0;
    if (node.queue.length > 0) {
      let left = 1;
      const parts: [D, number][] = mapArray(node.queue, (comp, k) => {
        const w = node.queue.length === 1 ? 1 : k === node.queue.length - 1 ? Math.max(0, left) : comp.share;
        left -= comp.share;
        const q = comp.queue;
        if (q.overloaded) return [alg.atom(q.meanWaitMs), w];
        const pWait = Math.min(1, Math.max(0, q.pWait));
        if (!waits || pWait <= X.WAIT_EPSILON || !(q.drainPerMs < Infinity)) {
          waitEps += w * pWait;
          return [ZERO, w];
        }
        return [
          mix([
            [ZERO, 1 - pWait],
            [alg.exponential(q.drainPerMs), pWait],
          ]),
          w,
        ];
      });
      own = add(own, mix(parts));
    }
    const eR = { v: waitEps };
    const read = add(own, run(node.calls, false, 0, eR));
    // Reads and writes take the same calls with the same probabilities and the same callee distributions
    // on most nodes: then they are one distribution.
    const same = node.calls.every((c) => c.pRead === c.pWrite && (c.to < 0 || dists[c.to]?.[0] === dists[c.to]?.[1]));
    if (same) return { read, write: read, eps: [eR.v, eR.v] };
    const eW = { v: waitEps };
    const write = add(own, run(node.calls, true, 0, eW));
    return { read, write, eps: [eR.v, eW.v] };
  };

  // The node being computed (its fingerprint id), for the caller to know where a closed form failed.
  let at = NO_FAILURE;
  try {
    // A node's distributions depend only on its own fields and its callees' distributions: the same inputs
    // (another client group's pass, or a twin node) reuse them.
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i] as SimNode;
      const id = fingerprintId(nodes, cache, waits, i);
      let d = alg.nodes.get(id);
      if (!d) {
        at = id;
        d = nodeDists(node);
        alg.nodes.set(id, d);
      }
      dists[i] = [d.read, d.write];
      neglected.read[i] = d.eps[0];
      neglected.write[i] = d.eps[1];
    }
    at = CLIENT_LEVEL;
    afterNodes?.();
    const classes: [D, number][] = [];
    const warm: [D, number][] = [];
    let eps = 0;
    for (const write of [false, true]) {
      for (const cold of [false, true]) {
        const weight = (write ? 1 - readRatio : readRatio) * (cold ? coldRatio : 1 - coldRatio);
        if (!(weight > 0)) continue;
        const e = { v: 0 };
        // A cold request misses the resolver cache with probability 1 − hit: then every client call's first
        // attempt waits for the lookup (inside its timeout), as in the walk.
        let d = run(clientCalls, write, cold ? 2 : 1, e);
        if (cold && dns && dns.hit < 1 && dns.ms > 0) {
          const missed = run(clientCalls, write, 2, { v: 0 }, dns.ms);
          d = mix([
            [missed, 1 - dns.hit],
            [d, dns.hit],
          ]);
        }
        eps += weight * e.v;
        classes.push([d, weight]);
        if (!cold) warm.push([d, weight]);
      }
    }
    const all = mix(classes);
    return { all, warm: warm.length > 0 ? mix(warm) : undefined, neglected: eps };
  } catch (e) {
    if (e instanceof X.NotClosedForm) {
      if (failure) {
        failure.id = at;
        failure.budget = e.message.includes("budget");
      }
      return undefined;
    }
    throw e;
  }
}

/**
 * A routing group's member m's share (calls[start..end]), as the walk draws it: the last member takes what the
 * others leave (`left`), a lone call all of it. A function of its own, not a closure made per group.
 */
function memberWeight(calls: Call[], start: number, end: number, m: number, left: number): number {
  return start === end ? 1 : m === end ? Math.max(0, left) : (calls[m] as Call).share;
}

/**
 * Percentiles on a uniform lattice (percentiles-lattice.ts), or undefined (then the caller samples): LATTICE_POINTS
 * points from 0 to a top first guessed from the moments (mean + 8 standard deviations, maxima taken as sums), then
 * doubled while the p99 lies beyond 80 % of it; a p99 below 40 % of the top is computed again on a lattice up to
 * 1.25 × that p99 (plus two steps), so the spacing follows the times that matter. A queue wait neglected past
 * NEGLECTED_MASS or the work budget gives undefined.
 */
function latticePercentiles(
  build: <D>(
    alg: Algebra<D>,
    afterNodes?: () => void,
  ) => { all: D; warm: D | undefined; neglected: number } | undefined,
  cache: PercentileCache,
  charges: LatticeCharge[],
): Omit<PercentileResult, "samples" | "exact"> | undefined {
  const on = (top: number) => {
    const n = LATTICE_POINTS;
    const h = top / (n - 1);
    const key = `${h}|${n}`;
    let entry = cache.lattices.get(key);
    if (!entry) {
      entry = { lat: new Lattice(h, n, LATTICE_WORK), nodes: new Map() };
      cache.lattices.set(key, entry);
    }
    const { lat: l } = entry;
    let mark = NaN;
    const d = build(latticeAlgebra(l, entry.nodes), () => (mark = l.work));
    charges.push({ lat: l, work: l.work - mark, ok: d !== undefined && mark === mark });
    if (!d || d.neglected > X.NEGLECTED_MASS) return undefined;
    const { lat } = entry;
    try {
      return { d, lat, p99: lat.quantile(d.all, 0.99) };
    } catch (e) {
      if (e instanceof X.NotClosedForm) return { d, lat, p99: Infinity };
      throw e;
    }
  };
  const m = build(momentsAlgebra(cache.moments))?.all;
  if (!m || !(m.w > 0)) return undefined;
  const mean = m.m1 / m.w;
  const sd = Math.sqrt(Math.max(0, m.m2 / m.w - mean * mean));
  let top = Math.max(LATTICE_MIN_TOP_MS, mean + 8 * sd);
  let run = on(top);
  for (let k = 0; run && run.p99 > 0.8 * top && k < LATTICE_DOUBLINGS; k++) run = on((top *= 2));
  if (!run || run.p99 > 0.8 * top) return undefined;
  if (run.p99 < 0.4 * top) {
    const narrow = on(Math.max(LATTICE_MIN_TOP_MS, 1.25 * run.p99 + 2 * run.lat.h));
    if (narrow && narrow.p99 <= 0.8 * narrow.lat.top) run = narrow;
  }
  const { lat, d } = run;
  return {
    p50Ms: lat.quantile(d.all, 0.5),
    p95Ms: lat.quantile(d.all, 0.95),
    p99Ms: run.p99,
    warmP50Ms: d.warm ? lat.quantile(d.warm, 0.5) : 0,
  };
}

/**
 * Each node's fingerprint id (see fingerprint), computed once per node list and `waits` (every method that
 * builds the distribution asks for them), and only as far as asked: ids are needed from the last node (a leaf)
 * towards the first, and a closed form that fails on a node near the leaves (two continuous times added) never
 * asks for the rest. An id only says which fingerprints are equal, so the order ids are handed out in is free.
 */
type FingerprintIds = { ids: Int32Array; from: number };
const fpMemo = new WeakMap<SimNode[], (FingerprintIds | undefined)[]>();
function fingerprintId(nodes: SimNode[], cache: PercentileCache, waits: boolean, i: number): number {
  let memo = fpMemo.get(nodes);
  if (!memo) fpMemo.set(nodes, (memo = []));
  let known = memo[waits ? 1 : 0];
  if (!known) memo[waits ? 1 : 0] = known = { ids: new Int32Array(nodes.length), from: nodes.length };
  const fpIds = known.ids;
  const fps = cache.fps;
  for (let k = known.from - 1; k >= i; k--) {
    const node = nodes[k] as SimNode;
    // Without waits a node differs only if it has a real wait of its own (callees are in its fingerprint).
    fps.start(waits || !realWait(node) ? 0 : 1);
    fingerprint(node, fpIds, fps);
    fpIds[k] = fps.id();
    known.from = k;
  }
  return fpIds[i] as number;
}

/** Whether a node has a queue wait the distribution keeps (not an overload's constant, not negligible). */
function realWait(node: SimNode): boolean {
  return node.queue.some((c) => !c.queue.overloaded && c.queue.pWait > X.WAIT_EPSILON && c.queue.drainPerMs < Infinity);
}

/**
 * Fingerprints interned as small ids. A fingerprint is a list of numbers written field by field into a scratch
 * list (`start`, `num`, `exact`), hashed, and compared with the lists of the same hash seen before (`id`). Two
 * lists are equal exactly when every entry is: a `num` entry stands for the number as JSON writes it (every
 * non-finite one is null, so all of them are one NaN here), an `exact` one as String writes it (NaN and ±Infinity
 * apart); 0 and −0 are one number in both. Numbers are never printed: printing every field of every node of
 * every client group as text was a tenth of an evaluation of generated-50.
 */
class Fingerprints {
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);
  private list = new Float64Array(64);
  private len = 0;
  private readonly byHash = new Map<number, { values: Float64Array; id: number }[]>();
  private readonly strings = new Map<string, number>();
  /** Distinct fingerprints seen. */
  size = 0;

  start(first: number): void {
    this.len = 0;
    this.exact(first);
  }

  /** A number as JSON writes it. */
  num(x: number): void {
    this.exact(Number.isFinite(x) ? x : NaN);
  }

  /** A number as String writes it. */
  exact(x: number): void {
    if (this.len === this.list.length) {
      const grown = new Float64Array(this.list.length * 2);
      grown.set(this.list);
      this.list = grown;
    }
    this.list[this.len++] = x;
  }

  /** A string, as a number that stands for it. */
  text(x: string): void {
    let k = this.strings.get(x);
    if (k === undefined) this.strings.set(x, (k = this.strings.size));
    this.exact(k);
  }

  /** The id of the list written since `start`: an earlier list's when they are equal, else the next one. */
  id(): number {
    const { list, len, f64, u32 } = this;
    let h = len | 0;
    for (let i = 0; i < len; i++) {
      const x = list[i] as number;
      if (x !== x) h = Math.imul(h ^ 0x7ff80000, 0x9e3779b1);
      else {
        f64[0] = x === 0 ? 0 : x;
        h = Math.imul(h ^ (u32[0] as number), 0x9e3779b1);
        h = Math.imul(h ^ (u32[1] as number), 0x85ebca6b);
      }
      h ^= h >>> 15;
    }
    let bucket = this.byHash.get(h);
    if (bucket) {
      for (const b of bucket) if (sameList(b.values, list, len)) return b.id;
    } else this.byHash.set(h, (bucket = []));
    const id = this.size++;
    bucket.push({ values: list.slice(0, len), id });
    return id;
  }
}

function sameList(a: Float64Array, b: Float64Array, len: number): boolean {
  if (a.length !== len) return false;
  for (let i = 0; i < len; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y && (x === x || y === y)) return false;
  }
  return true;
}

/**
 * What a node's distributions depend on: its own time and spread, its queue, and each call's fields with the
 * callee's fingerprint id (groups numbered by first appearance in the node's call list). Every list is preceded
 * by its length, so two nodes get the same fingerprint exactly when they have the same fields.
 */
function fingerprint(node: SimNode, fpIds: Int32Array, fp: Fingerprints): void {
  let groups: Map<number, number> | undefined;
  fp.num(node.own);
  fp.num(node.sigma);
  fp.exact(node.queue.length);
  for (const q of node.queue) {
    fp.num(q.share);
    fp.exact(q.queue.overloaded ? 1 : 0);
    fp.num(q.queue.meanWaitMs);
    fp.num(q.queue.pWait);
    fp.exact(q.queue.drainPerMs);
  }
  fp.exact(node.calls.length);
  for (const c of node.calls) {
    let g = -1;
    if (c.group >= 0) {
      groups ??= new Map();
      if (!groups.has(c.group)) groups.set(c.group, groups.size);
      g = groups.get(c.group) as number;
    }
    fp.exact(c.to < 0 ? -1 : (fpIds[c.to] as number));
    fp.num(c.pRead);
    fp.num(c.pWrite);
    fp.num(c.hopMs);
    fp.exact(c.parallel ? 1 : 0);
    fp.exact(g);
    fp.num(c.share);
    fp.exact(c.timeoutMs);
    fp.exact(c.retries);
    fp.exact(c.backoff.length);
    for (const b of c.backoff) fp.num(b);
    fp.text(c.hopLoss?.key ?? "");
  }
}

/**
 * The q-quantile of a mixture of sorted samples with weights (Σ weights = 1): the smallest sample value x with
 * Σ w · F(x) ≥ q, where F is each class's empirical CDF. Binary search over the values, O(k log² n).
 */
export function mixtureQuantile(strata: readonly { weight: number; values: Float64Array }[], q: number): number {
  const total = strata.reduce((s, x) => s + x.weight, 0);
  if (strata.length === 0 || !(total > 0)) return 0;
  const cdf = (x: number) => {
    let c = 0;
    for (const s of strata) {
      let lo = 0;
      let hi = s.values.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((s.values[mid] as number) <= x) lo = mid + 1;
        else hi = mid;
      }
      c += (s.weight / total) * (lo / s.values.length);
    }
    return c;
  };
  let best = Infinity;
  for (const s of strata) {
    // Within one class, the CDF is monotone in the index: search the smallest value reaching q.
    let lo = 0;
    let hi = s.values.length - 1;
    if (cdf(s.values[hi] as number) < q - 1e-12) continue;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf(s.values[mid] as number) >= q - 1e-12) hi = mid;
      else lo = mid + 1;
    }
    best = Math.min(best, s.values[lo] as number);
  }
  return Number.isFinite(best) ? best : 0;
}

// Bottom-up variant for DAGs whose paths explode: per node and request type, an array of sampled
// end-to-end times; callers draw a random entry of their callee's array. `setDownstream` points the
// simulation's calls at those arrays before they are filled (bottom-up, so callees are always ready).
function bottomUp(
  nodes: SimNode[],
  requested: number,
  rand: () => number,
  ownSample: (n: SimNode) => number,
  runCalls: (calls: Call[], write: boolean, conn: 0) => number,
  setDownstream: (d: (to: number, write: boolean) => number) => void,
): (to: number, write: boolean) => number {
  const work = nodes.reduce((s, x) => s + 1 + x.calls.length, 0);
  // Only pathological graphs get here, so precision is traded for a bounded cost (at least 200 samples).
  const m = Math.max(200, Math.min(requested, Math.floor(DEFAULTS.simulation.workBudget / Math.max(1, work))));
  const arrays: [Float64Array, Float64Array][] = new Array(nodes.length);
  const draw = (to: number, write: boolean) => {
    const arr = (arrays[to] as [Float64Array, Float64Array])[write ? 1 : 0] as Float64Array;
    return arr[(rand() * m) | 0] as number;
  };
  setDownstream(draw);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i] as SimNode;
    const pair: [Float64Array, Float64Array] = [new Float64Array(m), new Float64Array(m)];
    for (let t = 0; t < 2; t++) {
      const write = t === 1;
      const out = pair[t] as Float64Array;
      for (let k = 0; k < m; k++) out[k] = ownSample(node) + runCalls(node.calls, write, 0);
    }
    arrays[i] = pair;
  }
  return draw;
}

function sampleQueue(comps: QueueComponent[], rand: () => number): number {
  let c = comps[0] as QueueComponent;
  if (comps.length > 1) {
    let u = rand();
    for (const comp of comps) {
      c = comp;
      u -= comp.share;
      if (u < 0) break;
    }
  }
  // Always two uniforms, used by inversion, so that the draw is monotone in the queue's load.
  const u1 = rand();
  const u2 = rand();
  const q = c.queue;
  if (q.overloaded) return q.meanWaitMs;
  if (q.pWait <= 0 || u1 >= q.pWait) return 0;
  return -Math.log(1 - u2) / q.drainPerMs;
}
