import { assignRequests, type LbServer } from "@/lib/core/evaluator/load-balancing";
import type { LbAlgorithm } from "@/lib/core/evaluator/schema";

// W9: 12 requests over servers A–D. The choice of server is always the evaluator's assignRequests, so the
// widget and a design score agree. Health checks are layered on top: they only change which servers count
// as healthy at each moment.

export const ALGORITHMS: readonly { id: LbAlgorithm; label: string; description: string }[] = [
  { id: "round_robin", label: "Round robin", description: "Cycles through the servers in order: A, B, C, D, A, …" },
  { id: "weighted_round_robin", label: "Weighted round robin", description: "Like round robin, but a server with weight 3 gets three turns for every one turn of a weight-1 server (nginx's smooth interleaving)." },
  { id: "least_connections", label: "Least connections", description: "Each request goes to the server with the fewest open connections (per unit of weight); when several are equally idle they take turns, as nginx's least_conn does." },
  { id: "ip_hash", label: "IP hash", description: "Hashes the client IP: the same client always lands on the same server, however uneven that makes the spread." },
  { id: "random", label: "Random", description: "Picks a server at random (seeded, so you can replay it)." },
  { id: "least_response_time", label: "Least response time", description: "Prefers the server whose (open connections + 1) × typical response time is lowest." },
  { id: "power_of_two", label: "Power of two choices", description: "Samples two servers at random and sends the request to the less busy one." },
  { id: "consistent_hash", label: "Consistent hashing", description: "Places 100 points per server (virtual nodes) on a hash ring; a client key goes to the next server clockwise, so removing one server only moves its own keys." },
];

export const SERVER_NAMES = ["A", "B", "C", "D"] as const;

export type ServerConfig = { name: string; weight: number; slow: boolean; failing: boolean };
export type RequestConfig = { clientIp: string; durationMs: number };
export type HealthMode = "none" | "passive" | "active";

export type LbConfig = {
  algorithm: LbAlgorithm;
  servers: ServerConfig[];
  requests: RequestConfig[];
  /** Time between request arrivals (ms). */
  spacingMs: number;
  health: HealthMode;
  seed: number;
};

/** nginx passive check as in the incident: `max_fails=3 fail_timeout=30s`. */
export const PASSIVE = { maxFails: 3, failTimeoutMs: 30_000 } as const;
/** Active check: `GET /health` every 5 s, expecting 200. */
export const ACTIVE = { intervalMs: 5_000 } as const;

const FAST_MS = 50;
const SLOW_MS = 800;
/** A server throwing 500s answers almost instantly, which is why least connections keeps feeding it. */
const FAIL_FAST_MS = 5;

export function defaultConfig(): LbConfig {
  return {
    algorithm: "round_robin",
    servers: SERVER_NAMES.map((name) => ({ name, weight: 1, slow: false, failing: false })),
    requests: Array.from({ length: 12 }, (_, i) => ({ clientIp: `198.51.100.${10 + (i % 6)}`, durationMs: 300 })),
    spacingMs: 1_000,
    health: "none",
    seed: 1,
  };
}

export type LogLine = { index: number; atMs: number; clientIp: string; server: string | null; status: number; note: string };

export type ServerResult = { name: string; count: number; errors: number; active: number; markedDownAtMs: number | null; retryAtMs: number | null; failCount: number };

export type LbRun = { servers: ServerResult[]; log: LogLine[]; total: number };

/**
 * Plays the requests. For request i the set of healthy servers is worked out from the health mode, then
 * the evaluator's assignRequests replays requests 0..i with that set and request i's pick is used. Replaying
 * keeps the rotation state (round-robin pointer, smooth weights) exactly as the evaluator defines it.
 */
export function runLoadBalancer(config: LbConfig): LbRun {
  const reqs = config.requests.map((r, i) => ({ clientIp: r.clientIp, arrivalMs: i * config.spacingMs, durationMs: r.durationMs }));
  const failTimes: number[][] = config.servers.map(() => []);
  const downUntil: (number | null)[] = config.servers.map(() => null);
  const markedDownAt: (number | null)[] = config.servers.map(() => null);
  const counts = config.servers.map(() => 0);
  const errors = config.servers.map(() => 0);
  const picks: number[] = [];
  const log: LogLine[] = [];

  reqs.forEach((req, i) => {
    const now = req.arrivalMs;
    if (config.health === "active") {
      // The last probe at or before `now` decides; probes start one interval after the start.
      const lastProbe = Math.floor(now / ACTIVE.intervalMs) * ACTIVE.intervalMs;
      config.servers.forEach((s, k) => {
        if (s.failing && lastProbe >= ACTIVE.intervalMs && markedDownAt[k] === null) {
          markedDownAt[k] = lastProbe;
          downUntil[k] = Infinity;
        }
      });
    }
    if (config.health === "passive") {
      downUntil.forEach((until, k) => {
        if (until !== null && until <= now) downUntil[k] = null; // fail_timeout over: try it again
      });
    }
    const servers: LbServer[] = config.servers.map((s, k) => ({
      id: s.name,
      weight: s.weight,
      responseTimeMs: s.slow ? SLOW_MS : FAST_MS,
      healthy: downUntil[k] === null || (downUntil[k] as number) <= now,
    }));
    // Earlier requests hold their connection as long as the server they went to really took.
    const replay = reqs.slice(0, i + 1).map((r, j) => {
      const earlier = j < i ? config.servers[picks[j] as number] : undefined;
      return earlier ? { ...r, durationMs: effectiveDuration(r.durationMs, earlier) } : r;
    });
    const { assignments } = assignRequests(config.algorithm, servers, replay, config.seed);
    const pick = assignments[i] ?? -1;
    picks.push(pick);
    if (pick < 0) {
      log.push({ index: i + 1, atMs: now, clientIp: req.clientIp, server: null, status: 502, note: "No healthy server left: the balancer answers 502." });
      return;
    }
    const s = config.servers[pick] as ServerConfig;
    counts[pick] = (counts[pick] as number) + 1;
    let status = 200;
    let note = s.slow ? `Slow server: answered after ${SLOW_MS} ms.` : "OK";
    if (s.failing) {
      status = 500;
      errors[pick] = (errors[pick] as number) + 1;
      note = "Server returns 500.";
      if (config.health === "passive") {
        const recent = [...(failTimes[pick] as number[]), now].filter((t) => now - t < PASSIVE.failTimeoutMs);
        failTimes[pick] = recent;
        if (recent.length >= PASSIVE.maxFails) {
          markedDownAt[pick] = now;
          downUntil[pick] = now + PASSIVE.failTimeoutMs;
          failTimes[pick] = [];
          note = `Failure ${PASSIVE.maxFails} within ${PASSIVE.failTimeoutMs / 1000} s: marked down until ${(now + PASSIVE.failTimeoutMs) / 1000} s.`;
        } else note = `Server returns 500 (failure ${recent.length} of ${PASSIVE.maxFails}).`;
      }
    }
    log.push({ index: i + 1, atMs: now, clientIp: req.clientIp, server: s.name, status, note });
  });

  const lastNow = reqs.length > 0 ? (reqs[reqs.length - 1] as { arrivalMs: number }).arrivalMs : 0;
  const servers: ServerResult[] = config.servers.map((s, k) => ({
    name: s.name,
    count: counts[k] as number,
    errors: errors[k] as number,
    active: reqs.filter((r, i) => picks[i] === k && r.arrivalMs <= lastNow && r.arrivalMs + effectiveDuration(r.durationMs, s) > lastNow).length,
    markedDownAtMs: markedDownAt[k] ?? null,
    retryAtMs: downUntil[k] === null || downUntil[k] === Infinity ? null : (downUntil[k] as number),
    failCount: (failTimes[k] as number[]).length,
  }));
  return { servers, log, total: counts.reduce((a, b) => a + b, 0) + log.filter((l) => l.server === null).length };
}

/** How long a request really holds its connection: slow servers hold it longer, failing ones answer 500 at once. */
export function effectiveDuration(durationMs: number, s: ServerConfig): number {
  if (s.failing) return FAIL_FAST_MS;
  return s.slow ? Math.max(durationMs, SLOW_MS) : durationMs;
}
