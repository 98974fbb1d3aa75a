import { callProbability } from "./branches";
import { DEFAULTS } from "./defaults";
import { syncCalls, type Edge, type Graph } from "./graph";
import { isIdempotentMethod } from "./handshake";
import type { LatencyModel } from "./latency";

// Timeouts, retries, idempotency, circuit breakers, pools and idle timeouts.

type Backoff = "none" | "fixed" | "exponential" | "exponential_jitter";

/**
 * Total time spent waiting between attempts (ms) for `retries` retries. fixed: base each; exponential:
 * base·2^(k−1); exponential with full jitter: on average half of that (AWS Builders' Library, "Timeouts,
 * retries, and backoff with jitter").
 */
export function backoffTotalMs(
  retries: number,
  backoff: Backoff = "none",
  baseMs = DEFAULTS.resilience.backoffBaseMs,
): number {
  let total = 0;
  for (let k = 1; k <= retries; k++) {
    if (backoff === "fixed") total += baseMs;
    else if (backoff === "exponential") total += baseMs * 2 ** (k - 1);
    else if (backoff === "exponential_jitter") total += (baseMs * 2 ** (k - 1)) / 2;
  }
  return total;
}

/**
 * Longest time (ms) a caller can spend on one call before giving up: every attempt runs to its timeout,
 * plus the backoff between attempts: (1 + retries) × timeoutMs + backoff. Undefined without a timeout.
 */
export function callBudgetMs(edge: Edge): number | undefined {
  const t = edge.props.timeoutMs;
  if (t === undefined) return undefined;
  const r = edge.props.retries ?? 0;
  return (1 + r) * t + backoffTotalMs(r, edge.props.backoff);
}

/**
 * What a node may legitimately take to answer (ms): its p99 own time plus, for each call it makes, that
 * call's full budget with its own retries (or, without a timeout, the assumed hang of 30 s, at least the
 * callee's own legitimate time plus the hop). Parallel calls count once, the longest; so do a load balancer's calls (each request goes to one backend). Memoised over the DAG. Source: Google SRE book ch. 22
 * ("Addressing cascading failures": deadlines), AWS Builders' Library (timeouts).
 */
export function legitimateTimes(graph: Graph, model: LatencyModel): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = graph.topo.length - 1; i >= 0; i--) {
    const id = graph.topo[i] as string;
    let total = model.ownP99Ms.get(id) ?? 0;
    let par = 0;
    // A load balancer forwards each request to one backend: its calls are alternatives, not a sequence.
    const alternatives = graph.byId.get(id)?.kind === "load_balancer";
    for (const e of syncCalls(graph, id)) {
      const hop = model.hops.get(e.id);
      // A call without a timeout may hang: its legitimate time is the assumed hang (30 s), so a caller's
      // timeout above it is always too short — and removing an inner timeout can never clear the finding.
      const untimed = Math.max((hop?.warmCallMs ?? 0) + (out.get(e.to) ?? 0), DEFAULTS.resilience.noTimeoutAssumedMs);
      const v = callBudgetMs(e) ?? untimed;
      if (e.props.parallel || alternatives) par = Math.max(par, v);
      else total += v;
    }
    out.set(id, total + par);
  }
  return out;
}

export type TimeoutBudgetIssue = { edge: Edge; timeoutMs: number; neededMs: number };

/** Calls whose timeout is shorter than the callee's legitimate time (ms) plus one RTT of the hop. */
export function timeoutBudgetIssues(graph: Graph, model: LatencyModel): TimeoutBudgetIssue[] {
  const legit = legitimateTimes(graph, model);
  const issues: TimeoutBudgetIssue[] = [];
  for (const e of graph.edges) {
    if (e.mode !== "sync" || e.props.timeoutMs === undefined) continue;
    const hop = model.hops.get(e.id);
    const needed = (hop?.rttMs ?? 0) + (legit.get(e.to) ?? 0);
    if (e.props.timeoutMs < needed) issues.push({ edge: e, timeoutMs: e.props.timeoutMs, neededMs: needed });
  }
  return issues;
}

export type Amplification = { nodeId: string; factor: number; attempts: number[]; edgeIds: string[] };

/**
 * Worst retry amplification reaching each node: the product of (1 + retries) along a synchronous path, as
 * when every layer retries a failing dependency (AWS Builders' Library: retries at several layers multiply,
 * 3 layers × 3 attempts = 27× load). Returns the worst path per node with the attempts of each retrying layer.
 */
export function retryAmplification(graph: Graph): Map<string, Amplification> {
  const best = new Map<string, Amplification>();
  for (const id of graph.topo) {
    const here = best.get(id) ?? { nodeId: id, factor: 1, attempts: [], edgeIds: [] };
    if (!best.has(id)) best.set(id, here);
    for (const e of syncCalls(graph, id)) {
      const r = e.props.retries ?? 0;
      const cand: Amplification = {
        nodeId: e.to,
        factor: here.factor * (1 + r),
        attempts: r > 0 ? [...here.attempts, 1 + r] : here.attempts,
        edgeIds: r > 0 ? [...here.edgeIds, e.id] : here.edgeIds,
      };
      const cur = best.get(e.to);
      if (!cur || cand.factor > cur.factor) best.set(e.to, cand);
    }
  }
  return best;
}

/** Proxies: by RFC 9110 §9.2.2 they do not retry non-idempotent requests unless configured to. */
const PROXIES = new Set(["cdn", "load_balancer", "gateway"]);

/**
 * Edges whose retries repeat writes without an idempotency key (issue #12 item 6: judged on the writes an
 * edge carries, not on its label). An edge retries writes when it retries at all, carries writes (its caller
 * receives writes and the edge passes them on) and either names a non-idempotent method (POST/PATCH), or is
 * made by application code (not a proxy) without naming an idempotent one (PUT/DELETE). Proxies — CDNs,
 * balancers, gateways — retry only idempotent requests unless told POST/PATCH (RFC 9110 §9.2.2).
 */
export function retryNonIdempotentEdges(graph: Graph, loads?: Map<string, { read: number; write: number }>): Edge[] {
  return graph.edges.filter((e) => {
    if ((e.props.retries ?? 0) === 0 || e.props.idempotencyKey === true) return false;
    const method = e.props.method;
    if (method === "POST" || method === "PATCH") return true;
    if (method === "PUT" || method === "DELETE") return false;
    if (PROXIES.has(graph.byId.get(e.from)?.kind ?? "")) return false;
    const writes = loads ? (loads.get(e.from)?.write ?? 0) * callProbability(graph, e, "write") : 0;
    return writes > 0;
  });
}

/** Edges that send a non-idempotent method as TLS 1.3 / QUIC 0-RTT early data (replayable: RFC 8446 §8). */
export function zeroRttNonIdempotentEdges(graph: Graph): Edge[] {
  return graph.edges.filter((e) => e.props.resumption === "0rtt" && !isIdempotentMethod(e.props.method));
}

/** Synchronous calls to an external API with no circuit breaker (Nygard, Release It!; SRE book ch. 22). */
export function missingCircuitBreakers(graph: Graph): Edge[] {
  return graph.edges.filter(
    (e) => e.mode === "sync" && graph.byId.get(e.to)?.kind === "external_api" && e.props.circuitBreaker !== true,
  );
}

/** Calls from servers to a database without a bounded connection pool (`poolSize`). */
export function unboundedPoolEdges(graph: Graph): Edge[] {
  return graph.edges.filter((e) => {
    const from = graph.byId.get(e.from);
    return (
      e.mode === "sync" &&
      from?.kind !== "client" &&
      graph.byId.get(e.to)?.kind === "database" &&
      e.props.poolSize === undefined
    );
  });
}

export type PoolPressure = { dbId: string; totalConnections: number; maxConnections: number; edgeIds: string[] };

/**
 * Databases whose callers' pools can open more connections than `maxConnections` allows: Σ poolSize ×
 * caller replicas (every replica has its own pool). Source: content brief 8.5 (pools), PostgreSQL docs.
 */
export function poolPressure(graph: Graph): PoolPressure[] {
  const out: PoolPressure[] = [];
  for (const db of graph.nodes) {
    if (db.kind !== "database") continue;
    const max = db.props?.maxConnections ?? DEFAULTS.database.maxConnections;
    let total = 0;
    const edgeIds: string[] = [];
    for (const e of graph.inc.get(db.id) ?? []) {
      if (e.props.poolSize === undefined) continue;
      const from = graph.byId.get(e.from);
      const replicas = from && (from.kind === "service" || from.kind === "worker") ? (from.props?.replicas ?? 1) : 1;
      total += e.props.poolSize * replicas;
      edgeIds.push(e.id);
    }
    if (total > max) out.push({ dbId: db.id, totalConnections: total, maxConnections: max, edgeIds });
  }
  return out;
}

export type IdleTimeoutIssue = { edge: Edge; nodeId: string; idleTimeoutSeconds: number; pingIntervalSeconds?: number };

/**
 * Long-lived connections (websocket, sse, tcp) through a load balancer or NAT gateway whose idle timeout is
 * not longer than the ping interval, or with no pings at all: the middlebox silently drops the idle
 * connection. Defaults: LB 60 s, NAT gateway 350 s (AWS). Source: content brief 3.5 and 5.5.
 */
export function idleTimeoutIssues(graph: Graph): IdleTimeoutIssue[] {
  const issues: IdleTimeoutIssue[] = [];
  for (const e of graph.edges) {
    if (!DEFAULTS.resilience.poolLongLivedProtocols.includes(e.props.protocol ?? "")) continue;
    for (const id of [e.from, e.to]) {
      const n = graph.byId.get(id);
      let idle: number | undefined;
      if (n?.kind === "load_balancer") idle = n.props?.idleTimeoutSeconds ?? DEFAULTS.loadBalancer.idleTimeoutSeconds;
      if (n?.kind === "nat_gateway") idle = n.props?.idleTimeoutSeconds ?? DEFAULTS.natGateway.idleTimeoutSeconds;
      if (idle === undefined) continue;
      const ping = e.props.pingIntervalSeconds;
      if (ping === undefined || ping >= idle) {
        const issue: IdleTimeoutIssue = { edge: e, nodeId: id, idleTimeoutSeconds: idle };
        if (ping !== undefined) issue.pingIntervalSeconds = ping;
        issues.push(issue);
      }
    }
  }
  return issues;
}

/** Synchronous calls by servers (not clients) with no timeout: they can hang forever (brief 3.4). */
export function missingTimeouts(graph: Graph): Edge[] {
  return graph.edges.filter(
    (e) => e.mode === "sync" && graph.byId.get(e.from)?.kind !== "client" && e.props.timeoutMs === undefined,
  );
}

/**
 * Synchronous calls by clients with no timeout (issue #12 item 11): a browser or app that waits forever
 * shows a spinner instead of an error or a retry. The simulation cuts client attempts at their timeout like
 * any other call.
 */
export function missingClientTimeouts(graph: Graph): Edge[] {
  return graph.edges.filter(
    (e) =>
      e.mode === "sync" &&
      graph.byId.get(e.from)?.kind === "client" &&
      graph.byId.get(e.to)?.kind !== "dns" &&
      e.props.timeoutMs === undefined,
  );
}

/** Edges that retry with no backoff (retry storms; AWS Builders' Library recommends exponential + jitter). */
export function retriesWithoutBackoff(graph: Graph): Edge[] {
  return graph.edges.filter((e) => (e.props.retries ?? 0) > 0 && (e.props.backoff ?? "none") === "none");
}
