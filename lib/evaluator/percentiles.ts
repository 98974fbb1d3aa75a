import { callProbability, type RequestType } from "./branches";
import type { QueueComponent } from "./capacity";
import { DEFAULTS } from "./defaults";
import { clientDns, syncCalls } from "./graph";
import type { HopModel, LatencyModel } from "./latency";
import { lognormalFromMedianP99, mulberry32, quantileSorted } from "./queueing";

export {
  erlangC,
  fanOutSlowProbability,
  lognormalFromMedianP99,
  mmcQueue,
  mulberry32,
  quantileSorted,
} from "./queueing";

// Seeded Monte Carlo percentiles of steady-state requests.
//
// Normally each simulated request walks the call graph: at every node it draws the node's own time
// (lognormal from median and p99) and queueing (M/M/c), flips a coin for every call (its probability), adds
// the hop and recurses; parallel calls take the slowest. The cost is the expected number of node visits per
// request, computed exactly beforehand. On pathological DAGs where that number explodes (many shared paths
// called with certainty) the simulation switches to a bottom-up variant: each node gets an array of sampled
// end-to-end times and a caller draws a random entry of its callee's array — O(samples × (nodes + edges)).

export type PercentileResult = { p50Ms: number; p95Ms: number; p99Ms: number; samples: number };

export type SimulationInput = {
  model: LatencyModel;
  queues: Map<string, QueueComponent[]>;
  readRatio: number;
  coldRatio: number;
  seed: number;
  /** Number of simulated requests; default adapts to the design (see sampleCount). */
  samples?: number;
};

// Budgets, in node visits: the default sample count keeps a simulation within WALK_BUDGET visits; above
// HARD_LIMIT visits the bottom-up method is used instead.
const WALK_BUDGET = 10_000;
const HARD_LIMIT = 30_000_000;
const Z_TABLE_SIZE = 4096;

/**
 * Standard normal quantile (inverse CDF) by Acklam's rational approximation (relative error < 1.2e-9).
 * Used once to build a table of stratified normal quantiles, so sampling costs one table lookup.
 */
export function normalQuantile(p: number): number {
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
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

type Call = { to: number; pRead: number; pWrite: number; hopMs: number; parallel: boolean };
type SimNode = { own: number; sigma: number; queue: QueueComponent[]; calls: Call[] };

/** Default number of simulated requests: as many as the visit budget allows, within documented bounds. */
export function sampleCount(expectedVisitsPerRequest: number): number {
  const S = DEFAULTS.simulation;
  const v = Math.max(1, expectedVisitsPerRequest);
  return Math.max(S.minSamples, Math.min(S.maxSamples, Math.floor(WALK_BUDGET / v)));
}

/**
 * Seeded percentiles (ms) of the main client's steady-state requests: a share `coldRatio` of them opens a
 * new connection (handshakes, slow start, and a DNS lookup unless the resolver cache answers), the rest
 * reuse one. Own times are lognormal from median and p99; queueing is the M/M/c wait (Erlang C probability
 * of waiting, then exponential); parallel calls take the slowest. Sources: Erlang C; Dean & Barroso,
 * "The Tail at Scale". Same input and seed → same output.
 */
export function simulatePercentiles(input: SimulationInput): PercentileResult {
  const { model, queues, readRatio, coldRatio, seed } = input;
  const { graph } = model;
  const clientId = graph.mainClientId;
  if (!clientId) return { p50Ms: 0, p95Ms: 0, p99Ms: 0, samples: 0 };

  // Compact, index-based copy of the synchronous graph below the client.
  const ids = model.order.filter((id) => id !== clientId);
  const index = new Map(ids.map((id, i) => [id, i] as const));
  const nodes: SimNode[] = ids.map((id) => {
    const own = model.ownMs.get(id) ?? 0;
    const ln = lognormalFromMedianP99(own, model.ownP99Ms.get(id) ?? own);
    const calls: Call[] = [];
    for (const e of syncCalls(graph, id)) {
      const to = index.get(e.to);
      if (to === undefined) continue;
      calls.push({
        to,
        pRead: callProbability(graph, e, "read"),
        pWrite: callProbability(graph, e, "write"),
        hopMs: (model.hops.get(e.id) as HopModel).warmCallMs,
        parallel: e.props.parallel === true,
      });
    }
    // A queue that almost never makes anyone wait (P(wait) < 1e-6) is skipped: it cannot move a percentile.
    const queue = queues.get(id) ?? [];
    const matters = queue.some((q) => q.queue.overloaded || q.queue.pWait >= 1e-6);
    return { own, sigma: ln.sigma, queue: matters ? queue : [], calls };
  });
  const clientCalls = syncCalls(graph, clientId).map((e) => ({
    to: index.get(e.to) ?? -1,
    pRead: callProbability(graph, e, "read"),
    pWrite: callProbability(graph, e, "write"),
    hop: model.hops.get(e.id) as HopModel,
    parallel: e.props.parallel === true,
  }));

  // Expected node visits per request (exact, reverse topological order).
  const visits = { read: new Float64Array(nodes.length), write: new Float64Array(nodes.length) };
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i] as SimNode;
    let vr = 1;
    let vw = 1;
    for (const c of n.calls) {
      vr += c.pRead * (visits.read[c.to] as number);
      vw += c.pWrite * (visits.write[c.to] as number);
    }
    visits.read[i] = vr;
    visits.write[i] = vw;
  }
  let perRequest = 1;
  for (const c of clientCalls) {
    if (c.to < 0) continue;
    perRequest +=
      readRatio * c.pRead * (visits.read[c.to] as number) + (1 - readRatio) * c.pWrite * (visits.write[c.to] as number);
  }
  const n = input.samples ?? sampleCount(perRequest);
  if (n <= 0) return { p50Ms: 0, p95Ms: 0, p99Ms: 0, samples: 0 };

  const rand = mulberry32(seed);
  const Z = normalTable();
  const ownSample = (node: SimNode): number => {
    let v = node.own;
    if (v > 0 && node.sigma > 0) v *= Math.exp(node.sigma * (Z[(rand() * Z_TABLE_SIZE) | 0] as number));
    if (node.queue.length > 0) v += sampleQueue(node.queue, rand);
    return v;
  };

  let downstream: (to: number, write: boolean) => number;
  if (perRequest * n <= HARD_LIMIT) {
    // Flat typed arrays: the walk is the hot loop of an evaluation.
    const count = nodes.length;
    const own = new Float64Array(count);
    const sigma = new Float64Array(count);
    const qWait = new Float64Array(count); // P(wait) of a single M/M/c queue
    const qDrain = new Float64Array(count);
    const qFixed = new Float64Array(count); // overload charge
    const qMixed: (QueueComponent[] | undefined)[] = new Array(count);
    const first = new Int32Array(count + 1);
    const total = nodes.reduce((s2, x) => s2 + x.calls.length, 0);
    const cTo = new Int32Array(total);
    const cRead = new Float64Array(total);
    const cWrite = new Float64Array(total);
    const cHop = new Float64Array(total);
    const cPar = new Uint8Array(total);
    let k = 0;
    nodes.forEach((node, i) => {
      own[i] = node.own;
      sigma[i] = node.own > 0 ? node.sigma : 0;
      if (node.queue.length > 1) qMixed[i] = node.queue;
      else if (node.queue.length === 1) {
        const q = (node.queue[0] as QueueComponent).queue;
        if (q.overloaded) qFixed[i] = q.meanWaitMs;
        else if (q.pWait > 0) {
          qWait[i] = q.pWait;
          qDrain[i] = q.drainPerMs;
        }
      }
      first[i] = k;
      for (const c of node.calls) {
        cTo[k] = c.to;
        cRead[k] = c.pRead;
        cWrite[k] = c.pWrite;
        cHop[k] = c.hopMs;
        cPar[k] = c.parallel ? 1 : 0;
        k += 1;
      }
    });
    first[count] = k;
    const walk = (i: number, write: boolean): number => {
      let t = own[i] as number;
      const sg = sigma[i] as number;
      if (sg > 0) t *= Math.exp(sg * (Z[(rand() * Z_TABLE_SIZE) | 0] as number));
      const mixed = qMixed[i];
      if (mixed) t += sampleQueue(mixed, rand);
      else if ((qFixed[i] as number) > 0) t += qFixed[i] as number;
      else if ((qWait[i] as number) > 0 && rand() < (qWait[i] as number))
        t += -Math.log(1 - rand()) / (qDrain[i] as number);
      let par = 0;
      const end = first[i + 1] as number;
      for (let c = first[i] as number; c < end; c++) {
        const p = (write ? cWrite[c] : cRead[c]) as number;
        if (p <= 0 || (p < 1 && rand() >= p)) continue;
        const v = (cHop[c] as number) + walk(cTo[c] as number, write);
        if (cPar[c] === 1) {
          if (v > par) par = v;
        } else t += v;
      }
      return t + par;
    };
    downstream = walk;
  } else {
    downstream = bottomUp(nodes, n, rand, ownSample);
  }

  const dns = clientDns(graph, clientId);
  const dnsMs = dns?.kind === "dns" ? (dns.props?.lookupMs ?? DEFAULTS.dns.lookupMs) : 0;
  const dnsHit = dns?.kind === "dns" ? (dns.props?.cacheHitRatio ?? DEFAULTS.dns.cacheHitRatio) : 1;
  const totals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const write = readRatio >= 1 ? false : readRatio <= 0 ? true : rand() >= readRatio;
    const cold = coldRatio > 0 && rand() < coldRatio;
    let total = cold && dns && rand() >= dnsHit ? dnsMs : 0;
    let par = 0;
    for (const c of clientCalls) {
      const p = write ? c.pWrite : c.pRead;
      if (p <= 0 || (p < 1 && rand() >= p)) continue;
      const hop = c.hop;
      const newConn = cold || !hop.keepAlive;
      const setup = newConn
        ? (hop.handshake.tcpRtts + hop.handshake.tlsRtts + hop.handshake.quicRtts + hop.slowStartExtraRtts) * hop.rttMs
        : 0;
      const v = setup + hop.rttMs + (c.to >= 0 ? downstream(c.to, write) : 0);
      if (c.parallel) par = Math.max(par, v);
      else total += v;
    }
    totals[i] = total + par;
  }
  totals.sort();
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    p50Ms: r(quantileSorted(totals, 0.5)),
    p95Ms: r(quantileSorted(totals, 0.95)),
    p99Ms: r(quantileSorted(totals, 0.99)),
    samples: n,
  };
}

// Bottom-up variant for DAGs whose paths explode: per node and request type, an array of sampled
// end-to-end times; callers draw a random entry of their callee's array.
function bottomUp(
  nodes: SimNode[],
  requested: number,
  rand: () => number,
  ownSample: (n: SimNode) => number,
): (to: number, write: boolean) => number {
  const work = nodes.reduce((s, x) => s + 1 + x.calls.length, 0);
  // Only pathological graphs get here, so precision is traded for a bounded cost (at least 200 samples).
  const m = Math.max(200, Math.min(requested, Math.floor(DEFAULTS.simulation.workBudget / Math.max(1, work))));
  const arrays: [Float64Array, Float64Array][] = new Array(nodes.length);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i] as SimNode;
    const pair: [Float64Array, Float64Array] = [new Float64Array(m), new Float64Array(m)];
    for (let t = 0; t < 2; t++) {
      const write = t === 1;
      const out = pair[t] as Float64Array;
      const par = new Float64Array(m);
      for (let k = 0; k < m; k++) out[k] = ownSample(node);
      for (const c of node.calls) {
        const p = write ? c.pWrite : c.pRead;
        if (p <= 0) continue;
        const child = (arrays[c.to] as [Float64Array, Float64Array])[t] as Float64Array;
        for (let k = 0; k < m; k++) {
          if (p < 1 && rand() >= p) continue;
          const v = c.hopMs + (child[(rand() * m) | 0] as number);
          if (c.parallel) {
            if (v > (par[k] as number)) par[k] = v;
          } else out[k] = (out[k] as number) + v;
        }
      }
      for (let k = 0; k < m; k++) out[k] = (out[k] as number) + (par[k] as number);
    }
    arrays[i] = pair;
  }
  return (to, write) => {
    const arr = (arrays[to] as [Float64Array, Float64Array])[write ? 1 : 0] as Float64Array;
    return arr[(rand() * m) | 0] as number;
  };
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
  const q = c.queue;
  if (q.overloaded) return q.meanWaitMs;
  if (q.pWait <= 0 || rand() >= q.pWait) return 0;
  return -Math.log(1 - rand()) / q.drainPerMs;
}

export type { RequestType };
