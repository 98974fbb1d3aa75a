import murmurhash from "murmurhash";
import { DEFAULTS } from "./defaults";
import { fnv1a, mulberry32 } from "@/lib/core/util/prng";
import type { LbAlgorithm } from "./schema";
import { mapArray } from "@/lib/core/util/arrays";

// How balancing algorithms spread requests over replicas. Two views of the same rules:
// - assignRequests: a request-by-request simulation (for the load-balancer widget and for tests);
// - replicaShares / hottestReplica: the steady-state shares the capacity model uses.

/** How people say each algorithm, in running text ("uses least connections over …"). */
export const LB_ALGORITHM_NAMES: Record<LbAlgorithm, string> = {
  round_robin: "round robin",
  weighted_round_robin: "weighted round robin",
  least_connections: "least connections",
  ip_hash: "client IP hash",
  consistent_hash: "consistent hashing",
  random: "random",
  power_of_two: "power of two choices",
  least_response_time: "least response time",
};

export type LbServer = {
  id: string;
  /** Relative weight / capacity (default 1). */
  weight?: number;
  /** Typical response time (ms) for least_response_time (default 1). */
  responseTimeMs?: number;
  /** Unhealthy servers receive nothing (as if removed by a health check). Default true. */
  healthy?: boolean;
};

export type LbRequest = {
  /** Client address for ip_hash (default 10.0.<i/256>.<i%256>). */
  clientIp?: string;
  /** Key for consistent_hash (default: clientIp). */
  key?: string;
  /** When the request arrives (ms; default i × 10). */
  arrivalMs?: number;
  /** How long it keeps a connection open (ms; default 100). */
  durationMs?: number;
};

export type Assignment = {
  /** Requests per server, in the order of `servers`. Always sums to the number of requests routed. */
  counts: number[];
  /** Server index chosen for each request (−1 when no server is healthy). */
  assignments: number[];
};

/**
 * Simulates a sequence of requests over servers with an algorithm and returns per-server counts
 * (unit: requests). Rules: round robin cycles in order; weighted round robin is nginx's smooth weighted
 * round robin (weights 3:1:1:1 over 12 requests → 6/2/2/2); least connections picks the fewest active
 * connections per unit of weight and shares ties out by the same smooth weighted round robin (as nginx's
 * least_conn does); power of two samples two servers at random and takes the less loaded, the first sample on
 * a tie (Mitzenmacher 2001); least response time minimises (active + 1) × response time, ties as least
 * connections; ip_hash hashes the client address (FNV-1a) modulo the healthy servers; consistent_hash places
 * 100 virtual nodes per unit of weight on a MurmurHash3 ring (Karger et al. 1997). `requests` may be a count.
 * Seeded: same inputs → same output.
 */
export function assignRequests(
  algorithm: LbAlgorithm,
  servers: readonly LbServer[],
  requests: number | readonly LbRequest[],
  seed = 1,
): Assignment {
  const reqs: LbRequest[] =
    typeof requests === "number"
      ? Array.from({ length: Math.max(0, Math.floor(requests)) }, () => ({}))
      : [...requests];
  const rand = mulberry32(seed);
  const counts = servers.map(() => 0);
  const assignments: number[] = [];
  const healthy = servers.map((s, i) => (s.healthy === false ? -1 : i)).filter((i) => i >= 0);
  const weight = (i: number) => Math.max(0, servers[i]?.weight ?? 1);
  const active: { server: number; until: number }[] = [];
  const current = servers.map(() => 0);
  // nginx's smooth weighted round robin over `candidates`; least_conn uses the same state to break ties.
  const smoothPick = (candidates: readonly number[]): number => {
    let total = 0;
    let best = -1;
    for (const s of candidates) {
      current[s] = (current[s] as number) + weight(s);
      total += weight(s);
      if (best < 0 || (current[s] as number) > (current[best] as number)) best = s;
    }
    current[best] = (current[best] as number) - total;
    return best;
  };
  // Every server whose score is the lowest, then one of them by turn, so equal load never means "always the first".
  const lowest = (score: (s: number) => number): number => {
    const scores = healthy.map(score);
    const min = Math.min(...scores);
    return smoothPick(healthy.filter((_, k) => (scores[k] as number) - min <= 1e-9 * Math.max(1, Math.abs(min))));
  };
  let rr = 0;
  const ring = algorithm === "consistent_hash" ? buildRing(servers, healthy, weight) : [];

  reqs.forEach((req, i) => {
    const now = req.arrivalMs ?? i * 10;
    for (let k = active.length - 1; k >= 0; k--) if ((active[k] as { until: number }).until <= now) active.splice(k, 1);
    const conns = (s: number) => active.reduce((n, a) => n + (a.server === s ? 1 : 0), 0);
    let pick = -1;
    if (healthy.length > 0) {
      switch (algorithm) {
        case "round_robin":
          pick = healthy[rr % healthy.length] as number;
          rr += 1;
          break;
        case "weighted_round_robin":
          pick = smoothPick(healthy);
          break;
        case "random":
          pick = healthy[Math.floor(rand() * healthy.length)] as number;
          break;
        case "least_connections":
          pick = lowest((s) => conns(s) / Math.max(weight(s), 1e-9));
          break;
        case "least_response_time":
          pick = lowest((s) => (conns(s) + 1) * (servers[s]?.responseTimeMs ?? 1));
          break;
        case "power_of_two": {
          const a = healthy[Math.floor(rand() * healthy.length)] as number;
          let b = healthy[Math.floor(rand() * healthy.length)] as number;
          if (healthy.length > 1) while (b === a) b = healthy[Math.floor(rand() * healthy.length)] as number;
          const sa = conns(a) / Math.max(weight(a), 1e-9);
          const sb = conns(b) / Math.max(weight(b), 1e-9);
          pick = sb < sa ? b : a;
          break;
        }
        case "ip_hash": {
          const ip = req.clientIp ?? `10.0.${(i >> 8) & 255}.${i & 255}`;
          pick = healthy[fnv1a(ip) % healthy.length] as number;
          break;
        }
        case "consistent_hash": {
          const key = req.key ?? req.clientIp ?? `10.0.${(i >> 8) & 255}.${i & 255}`;
          pick = ringLookup(ring, murmurhash.v3(key));
          break;
        }
      }
    }
    assignments.push(pick);
    if (pick >= 0) {
      counts[pick] = (counts[pick] as number) + 1;
      active.push({ server: pick, until: now + (req.durationMs ?? 100) });
    }
  });
  return { counts, assignments };
}

function buildRing(servers: readonly LbServer[], healthy: number[], weight: (i: number) => number) {
  const ring: { point: number; server: number }[] = [];
  for (const s of healthy) {
    const vnodes = Math.max(1, Math.round(100 * weight(s)));
    // A hash that avalanches: with FNV-1a, names differing in the last character ("A#1", "A#2", or client
    // addresses in one /24) land next to each other, so whole ranges of similar keys fell on one server.
    for (let k = 0; k < vnodes; k++) ring.push({ point: murmurhash.v3(`${servers[s]?.id ?? s}#${k}`), server: s });
  }
  ring.sort((a, b) => a.point - b.point || a.server - b.server);
  return ring;
}

function ringLookup(ring: { point: number; server: number }[], h: number): number {
  if (ring.length === 0) return -1;
  let lo = 0;
  let hi = ring.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ring[mid] as { point: number }).point < h) lo = mid + 1;
    else hi = mid;
  }
  return (ring[lo % ring.length] as { server: number }).server;
}

/** Whether an algorithm reacts to replicas' current load (and so behaves like one shared queue). */
export function isAdaptive(algorithm: LbAlgorithm): boolean {
  return algorithm === "least_connections" || algorithm === "power_of_two" || algorithm === "least_response_time";
}

/** Whether an algorithm sends more traffic to replicas with more capacity. */
export function isCapacityAware(algorithm: LbAlgorithm): boolean {
  return algorithm === "weighted_round_robin" || isAdaptive(algorithm);
}

/**
 * Steady-state share of requests (probabilities summing to 1) each replica receives, given replicas'
 * relative capacities. Round robin and random split evenly; weighted round robin follows the weights (the
 * balancer is configured with the replicas' capacityWeights); adaptive algorithms end up proportional to
 * capacity (faster replicas free their connections sooner); hash-based ones split evenly on average but a
 * realistic key mix makes one replica hotter by `hashSkew` — we assume the worst case, the hot keys on the
 * weakest replica. Source: content brief 10.3; Mitzenmacher (2001) for power of two.
 */
export function replicaShares(algorithm: LbAlgorithm, capacities: readonly number[]): number[] {
  const n = capacities.length;
  if (n === 0) return [];
  const total = capacities.reduce((a, b) => a + b, 0);
  if (isCapacityAware(algorithm) && total > 0) return mapArray(capacities, (c) => c / total);
  if ((algorithm === "ip_hash" || algorithm === "consistent_hash") && n > 1) {
    const hot = Math.min(1, DEFAULTS.loadBalancing.hashSkew / n);
    let weakest = 0;
    capacities.forEach((c, i) => {
      if (c < (capacities[weakest] as number)) weakest = i;
    });
    return mapArray(capacities, (_, i) => (i === weakest ? hot : (1 - hot) / (n - 1)));
  }
  return mapArray(capacities, () => 1 / n);
}

/**
 * The hottest replica under an algorithm: its index, its utilisation (0–1+, arrival / capacity) and the
 * node's effective capacity (rps): the total arrival at which that replica saturates = min_i cap_i / share_i.
 */
export function hottestReplica(
  algorithm: LbAlgorithm,
  capacitiesRps: readonly number[],
  arrivalRps: number,
): { index: number; utilization: number; effectiveCapacityRps: number; shares: number[] } {
  const shares = replicaShares(algorithm, capacitiesRps);
  let index = 0;
  let worst = -1;
  let effective = Infinity;
  capacitiesRps.forEach((cap, i) => {
    const share = shares[i] as number;
    const limit = share > 0 ? cap / share : Infinity;
    if (limit < effective) effective = limit;
    const u = cap > 0 ? (arrivalRps * share) / cap : share > 0 && arrivalRps > 0 ? Infinity : 0;
    if (u > worst) {
      worst = u;
      index = i;
    }
  });
  return { index, utilization: Math.max(0, worst), effectiveCapacityRps: effective, shares };
}
