import type { AvailabilityResult } from "./availability";
import { replicatedAvailability } from "./availability";
import type { CapacityModel } from "./capacity";
import {
  corsWildcards,
  deprecatedTls,
  edgeTlsFailures,
  internalHttpWithoutKeepAlive,
  type ChecklistItem,
} from "./checklist";
import { DB_PORTS, DEFAULTS } from "./defaults";
import { evaluateFirewall } from "./firewall";
import { cacheHitRatio, callProbability } from "./branches";
import { connectionLoads, staleReads } from "./building-blocks";
import { syncCalls, type Edge, type Graph } from "./graph";
import type { ColdLatency, LatencyModel } from "./latency";
import { hottestReplica, isCapacityAware } from "./load-balancing";
import { FINDING_IDS, FINDING_LINKS, type FindingId } from "./links";
import { nodeParams } from "./params";
import type { PercentileResult } from "./percentiles";
import { fanOutSlowProbability } from "./queueing";
import {
  type Amplification,
  idleTimeoutIssues,
  missingCircuitBreakers,
  missingClientTimeouts,
  missingTimeouts,
  poolPressure,
  retriesWithoutBackoff,
  retryAmplification,
  retryNonIdempotentEdges,
  timeoutBudgetIssues,
  unboundedPoolEdges,
  zeroRttNonIdempotentEdges,
} from "./resilience";

export { FINDING_IDS, FINDING_LINKS };
export type { FindingId };

export type Severity = "critical" | "major" | "minor" | "info";
export type Category = "latency" | "reliability" | "capacity" | "security" | "checklist";

export type Finding = {
  id: FindingId;
  severity: Severity;
  title: string;
  detail: string;
  fix: string;
  nodeIds: string[];
  edgeIds: string[];
  chapter: string;
  /** Score category the finding counts against (an extension of the contract). */
  category: Category;
  /** Share of requests (0–1) the finding touches; scales its penalty (absent: all of them). */
  impact?: number;
  /** Highest score the design can get while this finding stands (a critical flaw caps the grade). */
  cap?: number;
  /** Why the finding caps the score (defaults to its detail). */
  capReason?: string;
};

/** Severity and category of every finding id (the score's penalties follow from these). */
export const FINDING_META: Record<FindingId, { severity: Severity; category: Category; title: string }> = {
  "db-exposed": { severity: "critical", category: "security", title: "Database reachable from the internet" },
  "firewall-default-allow": { severity: "major", category: "security", title: "Firewall allows by default" },
  "ssh-open": { severity: "critical", category: "security", title: "SSH open to the internet" },
  "no-health-check": { severity: "major", category: "reliability", title: "Load balancer without health checks" },
  spof: { severity: "major", category: "reliability", title: "Single point of failure" },
  overload: { severity: "critical", category: "capacity", title: "Node overloaded" },
  "timeout-missing": { severity: "major", category: "reliability", title: "Calls without a timeout" },
  "timeout-budget": { severity: "major", category: "reliability", title: "Timeout shorter than the callee's budget" },
  "retry-non-idempotent": { severity: "critical", category: "reliability", title: "Retrying a non-idempotent call" },
  "retry-amplification": { severity: "major", category: "reliability", title: "Retries multiply across layers" },
  "no-circuit-breaker": {
    severity: "major",
    category: "reliability",
    title: "External dependency without a circuit breaker",
  },
  "unbounded-pool": { severity: "major", category: "capacity", title: "Unbounded connection pool" },
  "lb-algorithm-mismatch": {
    severity: "major",
    category: "capacity",
    title: "Balancing algorithm does not fit the replicas",
  },
  "dns-round-robin-no-health": {
    severity: "major",
    category: "reliability",
    title: "DNS round robin without health checks",
  },
  "cache-no-ttl": { severity: "minor", category: "reliability", title: "Cache entries never expire" },
  "nat-idle-timeout": {
    severity: "major",
    category: "reliability",
    title: "Long-lived connection outlives an idle timeout",
  },
  "target-p99-missed": { severity: "major", category: "latency", title: "p99 latency target missed" },
  "target-availability-missed": { severity: "major", category: "reliability", title: "Availability target missed" },
  "zero-rtt-non-idempotent": {
    severity: "major",
    category: "security",
    title: "0-RTT early data on a non-idempotent call",
  },
  "pool-exceeds-max-connections": {
    severity: "major",
    category: "capacity",
    title: "Pools can exceed the database's connection limit",
  },
  "retry-no-backoff": { severity: "minor", category: "reliability", title: "Retries without backoff" },
  "high-utilization": { severity: "minor", category: "capacity", title: "Node running hot" },
  "rate-limit-exceeded": { severity: "major", category: "capacity", title: "Traffic above the gateway's rate limit" },
  "unindexed-query": { severity: "major", category: "latency", title: "Unindexed database query" },
  "no-keep-alive": { severity: "minor", category: "latency", title: "Internal calls without keep-alive" },
  "cross-region-call": { severity: "minor", category: "latency", title: "Synchronous call across regions" },
  "fanout-tail": { severity: "info", category: "latency", title: "Wide fan-out amplifies the tail" },
  "no-edge-tls": { severity: "major", category: "security", title: "No TLS at the edge" },
  "deprecated-tls": { severity: "major", category: "security", title: "Deprecated TLS versions allowed" },
  "cors-wildcard": { severity: "major", category: "security", title: "CORS allows any origin" },
  "no-client": { severity: "info", category: "latency", title: "No client in the design" },
  "no-backend": { severity: "critical", category: "reliability", title: "The client calls nothing" },
  "cdn-no-origin": { severity: "critical", category: "reliability", title: "A CDN has no origin behind it" },
  "client-timeout-missing": { severity: "minor", category: "reliability", title: "Client requests without a timeout" },
  "stale-reads": { severity: "minor", category: "reliability", title: "Read replicas can serve stale reads" },
  "connection-capacity": { severity: "major", category: "capacity", title: "Not enough room for open connections" },
};

export type FindingContext = {
  graph: Graph;
  latency: LatencyModel;
  cold: ColdLatency;
  capacity: CapacityModel;
  availability: AvailabilityResult;
  percentiles: PercentileResult;
  checklist: ChecklistItem[];
  targets: { p99Ms: number; availability: number };
  /** Total request rate entering at the clients (rps). */
  rps: number;
  /** Users connected at the same time (scenario.concurrentUsers), when the design states it. */
  concurrentUsers?: number;
};

/** Formats a number with thousands separators and at most `digits` decimals (Intl is slow on hot paths). */
export function formatNumber(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return String(x);
  const f = 10 ** digits;
  const rounded = Math.round(Math.abs(x) * f) / f;
  const [int = "0", frac] = String(rounded).includes("e") ? [rounded.toFixed(0)] : String(rounded).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${x < 0 && rounded !== 0 ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}
const num = formatNumber;
const ms = (x: number) => `${num(x, x < 10 ? 1 : 0)} ms`;
const pct = (x: number, digits = 1) => `${num(x * 100, digits)} %`;
const list = (items: string[], max = 6) =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/**
 * Runs every finding rule over the evaluated design. One finding per id (its nodeIds/edgeIds list every
 * place it applies), sorted by severity then id. Each rule's source is in the function it calls and in
 * docs/model.md.
 */
export function collectFindings(ctx: FindingContext): Finding[] {
  const { graph } = ctx;
  const out: Finding[] = [];
  const add = (
    id: FindingId,
    detail: string,
    fix: string,
    nodeIds: Iterable<string>,
    edgeIds: Iterable<string>,
    severity?: Severity,
    extra: { impact?: number; cap?: number; capReason?: string } = {},
  ) => {
    const meta = FINDING_META[id];
    const f: Finding = {
      id,
      severity: severity ?? meta.severity,
      title: meta.title,
      detail,
      fix,
      nodeIds: sorted(nodeIds),
      edgeIds: sorted(edgeIds),
      chapter: FINDING_LINKS[id],
      category: meta.category,
    };
    if (extra.impact !== undefined) f.impact = Math.round(Math.min(1, Math.max(0, extra.impact)) * 1e4) / 1e4;
    if (extra.cap !== undefined) f.cap = extra.cap;
    if (extra.capReason !== undefined) f.capReason = extra.capReason;
    out.push(f);
  };
  // Share of all requests (0–1) that cross an edge or reach a node, from the flow model's loads.
  const total = Math.max(ctx.rps, 1e-9);
  const nodeShare = (id: string) => {
    const l = ctx.capacity.loads.get(id);
    return l ? Math.min(1, (l.read + l.write) / total) : 0;
  };
  const edgeShare = (e: Edge) => {
    const l = ctx.capacity.loads.get(e.from);
    if (!l) return 0;
    const share = ctx.capacity.routing.share.get(e.id) ?? 1;
    return Math.min(
      1,
      (share * (l.read * callProbability(graph, e, "read") + l.write * callProbability(graph, e, "write"))) / total,
    );
  };
  const maxShare = (edges: Edge[]) => edges.reduce((m, e) => Math.max(m, edgeShare(e)), 0);
  const edgeLabel = (id: string) => {
    const e = graph.edgeById.get(id);
    return e ? `${e.id} (${e.from} → ${e.to})` : id;
  };

  // ---- security -------------------------------------------------------------------------------------
  const firewalls = graph.nodes.filter((n) => n.kind === "firewall");
  const exposedDb: string[] = [];
  const exposedReasons: string[] = [];
  for (const n of graph.nodes) {
    if (n.kind !== "database") continue;
    if (n.props?.publicAccess === true) {
      exposedDb.push(n.id);
      exposedReasons.push(`${n.id} has publicAccess: true`);
    } else if (n.zone === "public") {
      exposedDb.push(n.id);
      exposedReasons.push(`${n.id} sits in the public zone`);
    }
    const port = DB_PORTS[(n.props?.engine ?? "postgres").toLowerCase()] ?? 5432;
    for (const fw of firewalls) {
      if (fw.kind !== "firewall") continue;
      const v = evaluateFirewall(
        fw.props?.rules ?? [],
        { direction: "inbound", protocol: "tcp", port, source: "internet" },
        fw.props?.defaultAction ?? "deny",
      );
      if (v.action === "allow") {
        exposedDb.push(n.id, fw.id);
        exposedReasons.push(
          `${fw.id} lets inbound TCP ${port} from the internet through (${v.matchedRule === null ? "default allow" : `rule ${v.matchedRule + 1}`})`,
        );
      }
    }
  }
  if (exposedDb.length > 0) {
    add(
      "db-exposed",
      `${exposedReasons.join("; ")}. Anyone on the internet can try passwords or exploits against it: this is how databases end up in breach reports.`,
      "Keep databases in a private subnet with no public address, turn publicAccess off, and allow the database port only from the application servers (internal source).",
      exposedDb,
      [],
      undefined,
      { cap: 59, capReason: "a database reachable from the internet fails a design review whatever its latency." },
    );
  }
  const allowByDefault = firewalls
    .filter((f) => f.kind === "firewall" && f.props?.defaultAction === "allow")
    .map((f) => f.id);
  if (allowByDefault.length > 0) {
    add(
      "firewall-default-allow",
      `${list(allowByDefault)} allow every packet no rule matches: an inbound TCP 3306 from the internet, which no rule mentions, is let through.`,
      "Set defaultAction to deny and list only what must be open (443, and 80 to redirect).",
      allowByDefault,
      [],
    );
  }
  const sshOpen: string[] = [];
  const sshWhy: string[] = [];
  for (const fw of firewalls) {
    if (fw.kind !== "firewall") continue;
    const v = evaluateFirewall(
      fw.props?.rules ?? [],
      { direction: "inbound", protocol: "tcp", port: 22, source: "internet" },
      fw.props?.defaultAction ?? "deny",
    );
    if (v.action === "allow") {
      sshOpen.push(fw.id);
      sshWhy.push(`${fw.id} (${v.matchedRule === null ? "default allow" : `rule ${v.matchedRule + 1}`})`);
    }
  }
  if (sshOpen.length > 0) {
    add(
      "ssh-open",
      `Inbound TCP 22 from the internet is allowed by ${sshWhy.join(", ")}. Exposed SSH is scanned within minutes of going live.`,
      "Deny port 22 from the internet; reach machines through a VPN, a bastion host or a session manager.",
      sshOpen,
      [],
      undefined,
      { cap: 69, capReason: "SSH open to the internet is an entry point for attackers." },
    );
  }
  const noTls = edgeTlsFailures(graph).filter((id) => {
    const n = graph.byId.get(id);
    const viaTls = (graph.inc.get(id) ?? []).some(
      (e) => graph.byId.get(e.from)?.kind === "client" && e.props.tls && e.props.tls !== "none",
    );
    const terminates =
      n && (n.kind === "cdn" || n.kind === "load_balancer" || n.kind === "gateway") && n.props?.tlsTermination === true;
    return !terminates && !viaTls;
  });
  if (noTls.length > 0) {
    add(
      "no-edge-tls",
      `Clients reach ${list(noTls)} without TLS: requests and responses cross the internet in plaintext, readable and modifiable on the way.`,
      "Terminate TLS at the edge (CDN, load balancer or gateway) with a managed certificate, and redirect port 80 to 443.",
      noTls,
      [],
      undefined,
      { cap: 69, capReason: "a public service without HTTPS exposes every request and response." },
    );
  }
  const oldTls = deprecatedTls(graph);
  if (oldTls.nodeIds.length + oldTls.edgeIds.length > 0) {
    add(
      "deprecated-tls",
      `TLS 1.0/1.1 is still accepted by ${list([...oldTls.nodeIds, ...oldTls.edgeIds.map(edgeLabel)])}; both are deprecated (RFC 8996) and allow downgrade attacks.`,
      "Set minTls to 1.2 (better 1.3) everywhere.",
      oldTls.nodeIds,
      oldTls.edgeIds,
      undefined,
      { cap: 79, capReason: "TLS 1.0/1.1 at the edge fails a security review (RFC 8996, PCI DSS)." },
    );
  }
  const cors = corsWildcards(graph);
  if (cors.nodeIds.length > 0) {
    add(
      "cors-wildcard",
      `${list(cors.nodeIds)} allow any origin (*): scripts on any website can read these responses from your users' browsers.`,
      "List the exact origins of your own front ends.",
      cors.nodeIds,
      [],
    );
  }
  const zeroRtt = zeroRttNonIdempotentEdges(graph);
  if (zeroRtt.length > 0) {
    add(
      "zero-rtt-non-idempotent",
      `${list(zeroRtt.map((e) => `${edgeLabel(e.id)} ${e.props.method}`))} sends a non-idempotent request as 0-RTT early data, which an attacker can replay (RFC 8446 §8): one payment could run twice.`,
      "Allow 0-RTT only for idempotent requests (GET); use session resumption (1 RTT) for POST/PATCH.",
      [],
      zeroRtt.map((e) => e.id),
      undefined,
      { cap: 79, capReason: "replayable early data on writes can repeat them." },
    );
  }

  // ---- reliability ----------------------------------------------------------------------------------
  const lbsNoHealth = graph.nodes.filter(
    (n) => n.kind === "load_balancer" && n.props?.healthCheck?.enabled !== true && syncCalls(graph, n.id).length > 0,
  );
  if (lbsNoHealth.length > 0) {
    const parts: string[] = [];
    for (const lb of lbsNoHealth) {
      for (const e of syncCalls(graph, lb.id)) {
        const t = graph.byId.get(e.to);
        if (!t) continue;
        const p = nodeParams(t);
        if (p.replicas > 1) {
          parts.push(
            `${lb.id} keeps sending 1/${p.replicas} of ${t.id}'s traffic to a dead replica: ${t.id} is available ${pct(p.availability, 2)} of the time instead of ${pct(replicatedAvailability(p.availability, p.replicas, true), 5)}`,
          );
        } else parts.push(`${lb.id} cannot notice that ${t.id} is down`);
      }
    }
    add(
      "no-health-check",
      `${parts.join("; ")}.`,
      "Enable active health checks (e.g. GET /health every 5–10 s, unhealthy after 2–3 failures) so failed replicas leave the rotation.",
      lbsNoHealth.map((n) => n.id),
      [],
      undefined,
      {
        impact: Math.max(...lbsNoHealth.map((n) => nodeShare(n.id))),
        cap: 79,
        capReason:
          "replicas behind a balancer that cannot see them fail give no redundancy: a dead one keeps its share of requests.",
      },
    );
  }
  // A single instance of a compute tier that most requests need is a one-crash outage; a managed database
  // without a replica still fails over to its standby (Multi-AZ), so it costs points but does not cap.
  const computeSpofs = ctx.availability.spofs.filter((id) => {
    const k = graph.byId.get(id)?.kind;
    return (k === "service" || k === "worker") && nodeShare(id) > 0;
  });
  // One instance already past comfortable utilisation has neither redundancy nor headroom: a restart, a GC
  // pause or a spike fails its requests outright (N+1 planning).
  const utilOf = (id: string) => ctx.capacity.nodes.find((n) => n.nodeId === id)?.utilization ?? 0;
  const hotSpofs = computeSpofs.filter((id) => utilOf(id) >= DEFAULTS.score.comfortableUtilization);
  const computeSpof = {
    impact: Math.max(0, ...ctx.availability.spofs.map(nodeShare)),
    ...(hotSpofs.length > 0
      ? {
          cap: 69,
          capReason: `${list(hotSpofs)} runs as one instance above ${pct(DEFAULTS.score.comfortableUtilization, 0)} utilisation: no redundancy and no headroom.`,
        }
      : computeSpofs.length > 0
        ? {
            cap: 79,
            capReason: `${list(computeSpofs)} runs as one instance on a synchronous request path: one crash fails every request that needs it.`,
          }
        : {}),
  };
  if (ctx.availability.spofs.length > 0) {
    add(
      "spof",
      `${list(ctx.availability.spofs)} ${ctx.availability.spofs.length === 1 ? "runs" : "run"} as a single instance on the request path: one crash, deploy or zone outage stops requests.`,
      "Run at least two replicas across zones behind a health-checked balancer; give databases a standby or read replica to fail over to.",
      ctx.availability.spofs,
      [],
      undefined,
      computeSpof,
    );
  }
  const noTimeout = missingTimeouts(graph);
  if (noTimeout.length > 0) {
    // A call without a timeout to a dependency that can be slow (an external API, or a p99 of a second or
    // more) and without a circuit breaker hangs its caller when the dependency slows: every slot waits on it.
    const hanging = noTimeout.filter((e) => {
      const to = graph.byId.get(e.to);
      if (!to || e.props.circuitBreaker === true) return false;
      return to.kind === "external_api" || (ctx.latency.ownP99Ms.get(to.id) ?? 0) >= 1000;
    });
    const share = maxShare(noTimeout);
    // No timeout on any server-side call (at least two): failure handling was never designed.
    const serverCalls = graph.edges.filter(
      (e) => e.mode === "sync" && graph.byId.get(e.from)?.kind !== "client" && edgeShare(e) > 0,
    );
    const none = serverCalls.length >= 2 && serverCalls.every((e) => e.props.timeoutMs === undefined);
    const extra =
      hanging.length > 0 && maxShare(hanging) >= 0.1
        ? {
            cap: 69,
            capReason: `${list(hanging.map((e) => edgeLabel(e.id)))} wait${hanging.length === 1 ? "s" : ""} without a timeout or circuit breaker on a dependency that can be slow: when it slows, every slot of the caller waits on it.`,
          }
        : share >= 0.5 || none
          ? {
              cap: 79,
              capReason: none
                ? "no server-side call has a timeout: one stuck dependency holds every slot of its callers."
                : `most requests (${pct(share, 0)}) cross a call with no timeout: one stuck dependency holds every slot.`,
            }
          : {};
    add(
      "timeout-missing",
      `${noTimeout.length} call${noTimeout.length === 1 ? " has" : "s have"} no timeout: ${list(noTimeout.map((e) => edgeLabel(e.id)))}, crossed by up to ${pct(share, 0)} of requests. A dependency that hangs holds the caller's threads and connections until it runs out of them.`,
      "Set a connect timeout (1–2 s inside a data centre) and a request timeout a little above the callee's p99.",
      [],
      noTimeout.map((e) => e.id),
      undefined,
      { impact: share, ...extra },
    );
  }
  const clientNoTimeout = missingClientTimeouts(graph).filter((e) => edgeShare(e) > 0);
  if (clientNoTimeout.length > 0) {
    add(
      "client-timeout-missing",
      `${list(clientNoTimeout.map((e) => edgeLabel(e.id)))} ${clientNoTimeout.length === 1 ? "has" : "have"} no timeout on the client side: when the service stalls, users watch a spinner until they give up, and a client that never gives up cannot retry or show an error.`,
      "Give every client request a timeout a little above the service's p99 (e.g. 2–10 s), then retry idempotent calls once or show an error.",
      clientNoTimeout.map((e) => e.from),
      clientNoTimeout.map((e) => e.id),
      undefined,
      { impact: maxShare(clientNoTimeout) },
    );
  }
  const budget = timeoutBudgetIssues(graph, ctx.latency);
  if (budget.length > 0) {
    const b = budget[0] as (typeof budget)[number];
    const callee = graph.byId.get(b.edge.to);
    const inner = callee ? syncCalls(graph, callee.id).filter((e) => e.props.timeoutMs !== undefined) : [];
    const how = list(
      inner.map((e) => {
        const attempts = 1 + (e.props.retries ?? 0);
        return `${e.to}: ${attempts} attempt${attempts === 1 ? "" : "s"} × ${ms(e.props.timeoutMs as number)}`;
      }),
      3,
    );
    add(
      "timeout-budget",
      `${edgeLabel(b.edge.id)} times out after ${ms(b.timeoutMs)}, but ${b.edge.to} may legitimately take ${ms(b.neededMs)}${how ? ` (${how})` : ""}: the caller gives up while the callee is still working${b.edge.props.retries ? ", and its retry adds load on top" : ""}.${budget.length > 1 ? ` ${budget.length - 1} more call${budget.length > 2 ? "s have" : " has"} the same problem.` : ""}`,
      "Give each layer a smaller budget than its caller (deadlines shrink inward), or propagate a deadline and let inner calls use what is left.",
      [],
      budget.map((x) => x.edge.id),
      undefined,
      // Judged like a missing timeout on the same calls (never worse), so that removing a short timeout
      // cannot raise the score.
      { impact: maxShare(budget.map((x) => x.edge)) },
    );
  }
  const nonIdem = retryNonIdempotentEdges(graph, ctx.capacity.loads);
  if (nonIdem.length > 0) {
    const explicit = nonIdem.filter((e) => e.props.method === "POST" || e.props.method === "PATCH");
    add(
      "retry-non-idempotent",
      `${list(nonIdem.map((e) => `${edgeLabel(e.id)} retries ${e.props.method === "POST" || e.props.method === "PATCH" ? `a ${e.props.method}` : "the writes it carries"} up to ${e.props.retries}×`))} without an idempotency key: a timeout after the server committed turns into a duplicate order or a double charge.`,
      "Send an idempotency key with every write that may be retried and have the server store results by key; or do not retry writes.",
      [],
      nonIdem.map((e) => e.id),
      explicit.length > 0 ? "critical" : "major",
      {
        impact: maxShare(nonIdem),
        ...(explicit.length > 0
          ? {
              cap: 59,
              capReason:
                "POST/PATCH calls are retried without idempotency keys: duplicate writes (double charges) under any timeout.",
            }
          : {}),
      },
    );
  }
  const amp = retryAmplification(graph);
  let worst: Amplification = { nodeId: "", factor: 1, attempts: [], edgeIds: [] };
  for (const a of amp.values())
    if (a.attempts.length >= 2 && (a.factor > worst.factor || (a.factor === worst.factor && a.nodeId < worst.nodeId)))
      worst = a;
  if (worst.attempts.length >= 2) {
    const same = worst.attempts.every((x) => x === worst.attempts[0]);
    const how = same
      ? `${worst.attempts.length} layers × ${worst.attempts[0]} attempts`
      : `${worst.attempts.length} layers (${worst.attempts.join(" × ")} attempts)`;
    add(
      "retry-amplification",
      `retries at ${how} = up to ${num(worst.factor)}× load on ${worst.nodeId} when it struggles, exactly when it can least take it.`,
      "Retry at one layer only (usually the one closest to the user), cap retries with a retry budget, and use exponential backoff with jitter.",
      [worst.nodeId],
      worst.edgeIds,
    );
  }
  const noBackoff = retriesWithoutBackoff(graph);
  if (noBackoff.length > 0) {
    add(
      "retry-no-backoff",
      `${list(noBackoff.map((e) => edgeLabel(e.id)))} retr${noBackoff.length === 1 ? "ies" : "y"} immediately: every client retries in lockstep and the retry wave hits the dependency at the same moment.`,
      "Use exponential backoff with jitter (AWS Builders' Library).",
      [],
      noBackoff.map((e) => e.id),
    );
  }
  const noCb = missingCircuitBreakers(graph);
  if (noCb.length > 0) {
    add(
      "no-circuit-breaker",
      `${list(noCb.map((e) => edgeLabel(e.id)))} call${noCb.length === 1 ? "s" : ""} an external API without a circuit breaker: when it slows down, every request waits for the full timeout${noCb[0]?.props.timeoutMs ? ` (${ms(noCb[0].props.timeoutMs)})` : ""} and your threads pile up behind it.`,
      "Wrap external calls in a circuit breaker that fails fast (or serves a fallback) after repeated failures.",
      noCb.map((e) => e.to),
      noCb.map((e) => e.id),
      undefined,
      { impact: Math.max(0.5, maxShare(noCb)) },
    );
  }
  const dnsRr = graph.nodes.filter((n) => n.kind === "dns" && n.props?.routing === "round_robin");
  if (dnsRr.length > 0) {
    const ttl =
      dnsRr[0]?.kind === "dns" ? (dnsRr[0].props?.ttlSeconds ?? DEFAULTS.dns.ttlSeconds) : DEFAULTS.dns.ttlSeconds;
    add(
      "dns-round-robin-no-health",
      `${list(dnsRr.map((n) => n.id))} hand${dnsRr.length === 1 ? "s" : ""} out addresses round robin with no health checks: a dead server keeps its share of new clients until the TTL (${num(ttl)} s) expires and they re-resolve.`,
      "Put a health-checked load balancer behind one name, or use failover/health-checked DNS routing.",
      dnsRr.map((n) => n.id),
      [],
    );
  }
  const noTtl = graph.nodes.filter((n) => n.kind === "cache" && !(n.props?.ttlSeconds && n.props.ttlSeconds > 0));
  if (noTtl.length > 0) {
    add(
      "cache-no-ttl",
      `${list(noTtl.map((n) => n.id))} ${noTtl.length === 1 ? "has" : "have"} no TTL: an entry whose invalidation is missed stays wrong forever, and memory fills with keys nobody reads.`,
      "Set a TTL on every key (e.g. 300 s) even when you also invalidate explicitly.",
      noTtl.map((n) => n.id),
      [],
    );
  }
  const idle = idleTimeoutIssues(graph);
  if (idle.length > 0) {
    const i0 = idle[0] as (typeof idle)[number];
    add(
      "nat-idle-timeout",
      `${edgeLabel(i0.edge.id)} is a long-lived ${i0.edge.props.protocol} connection through ${i0.nodeId} (idle timeout ${num(i0.idleTimeoutSeconds)} s) ${i0.pingIntervalSeconds === undefined ? "with no pings" : `with pings only every ${num(i0.pingIntervalSeconds)} s`}: quiet connections are dropped silently and clients only notice on their next send.${idle.length > 1 ? ` ${idle.length - 1} more such case${idle.length > 2 ? "s" : ""}.` : ""}`,
      "Send heartbeats (ping/pong or TCP keep-alive) well inside the shortest idle timeout on the path, e.g. every 15–30 s.",
      idle.map((i) => i.nodeId),
      idle.map((i) => i.edge.id),
      undefined,
      {
        cap: 79,
        capReason: "long-lived connections are cut silently by an idle timeout: users see phantom disconnects.",
      },
    );
  }
  if (ctx.availability.estimate < ctx.targets.availability) {
    add(
      "target-availability-missed",
      `Estimated availability ${pct(ctx.availability.estimate, 3)} (${num(ctx.availability.nines, 2)} nines) is below the target ${pct(ctx.targets.availability, 3)}: about ${num((1 - ctx.availability.estimate) * 30 * 24 * 60)} minutes of failed requests a month instead of ${num((1 - ctx.targets.availability) * 30 * 24 * 60)}.${ctx.availability.spofs.length ? ` Start with the single points of failure: ${list(ctx.availability.spofs)}.` : ""}`,
      "Replicate what runs once, put health checks in front of replicas, and make optional dependencies (caches, recommendations) fail soft.",
      ctx.availability.spofs,
      [],
    );
  }

  // ---- capacity -------------------------------------------------------------------------------------
  const over = ctx.capacity.nodes.filter((n) => n.utilization >= 1);
  if (over.length > 0) {
    const parts = over.map((n) => {
      const node = graph.byId.get(n.nodeId);
      const p = node ? nodeParams(node) : undefined;
      const more =
        node && (node.kind === "service" || node.kind === "worker") && p
          ? `; about ${Math.ceil((p.replicas * n.utilization) / DEFAULTS.score.comfortableUtilization)} replicas would bring it to ${pct(DEFAULTS.score.comfortableUtilization, 0)}`
          : "";
      return `${n.nodeId} receives ${num(n.arrivalRps)} rps but can serve ${num(n.capacityRps)} rps (utilisation ${pct(n.utilization, 0)})${more}`;
    });
    add(
      "overload",
      `${parts.join("; ")}. Above 100 % the queue grows without bound: only capacity ÷ arrival of the requests are served (goodput) and the rest fail or time out.`,
      "Add replicas or concurrency, cache reads in front of it, or shed load at the edge.",
      over.map((n) => n.nodeId),
      [],
      undefined,
      {
        impact: Math.max(...over.map((n) => nodeShare(n.nodeId))),
        cap: 59,
        capReason: `${list(over.map((n) => n.nodeId))} cannot carry the stated load.`,
      },
    );
  }
  const hot = ctx.capacity.nodes.filter((n) => n.utilization >= 0.8 && n.utilization < 1);
  if (hot.length > 0) {
    add(
      "high-utilization",
      `${list(hot.map((n) => `${n.nodeId} at ${pct(n.utilization, 0)}`))}: near saturation queueing delay grows as 1/(1 − utilisation), so the tail explodes and there is no headroom for a spike or a lost replica.`,
      "Keep steady-state utilisation below about 70 %: add replicas or reduce work per request.",
      hot.map((n) => n.nodeId),
      [],
      undefined,
      (() => {
        const worst = Math.max(...hot.map((n) => n.utilization));
        // At 90 % a lost replica or a 10 % spike is an outage (N+1 headroom); at 80 % the tail already climbs.
        return {
          cap: worst >= 0.9 ? 79 : 89,
          capReason: `${pct(worst, 0)} utilisation leaves no headroom for a spike or a lost replica.`,
        };
      })(),
    );
  }
  const unbounded = unboundedPoolEdges(graph);
  if (unbounded.length > 0) {
    add(
      "unbounded-pool",
      `${list(unbounded.map((e) => edgeLabel(e.id)))} ${unbounded.length === 1 ? "has" : "have"} no pool bound: under a spike every request opens its own connection (a 10,000-socket storm) and the database falls over.`,
      "Use a connection pool with a fixed size per replica so that Σ pool × replicas stays under the database's max_connections.",
      unbounded.map((e) => e.from),
      unbounded.map((e) => e.id),
    );
  }
  const pressure = poolPressure(graph);
  if (pressure.length > 0) {
    add(
      "pool-exceeds-max-connections",
      pressure
        .map(
          (p) =>
            `pools towards ${p.dbId} can open ${num(p.totalConnections)} connections, above its max_connections of ${num(p.maxConnections)}`,
        )
        .join("; ") + ": at peak some replicas fail to connect.",
      "Shrink pools (pool × replicas ≤ max_connections, leaving room for admin) or put a pooler such as PgBouncer in front.",
      pressure.map((p) => p.dbId),
      pressure.flatMap((p) => p.edgeIds),
    );
  }
  const rateLimited: string[] = [];
  for (const n of graph.nodes) {
    if (n.kind !== "gateway" || n.props?.rateLimitRps === undefined) continue;
    const load = ctx.capacity.loads.get(n.id);
    const arrival = load ? load.read + load.write : 0;
    if (arrival > n.props.rateLimitRps)
      rateLimited.push(`${n.id} (${num(arrival)} rps vs a limit of ${num(n.props.rateLimitRps)} rps)`);
  }
  if (rateLimited.length > 0) {
    add(
      "rate-limit-exceeded",
      `Steady traffic is above the rate limit at ${list(rateLimited)}: legitimate users get 429s every second, and every 429 counts against availability.`,
      "Rate limits protect against abuse; set them per client, above normal traffic.",
      graph.nodes.filter((n) => rateLimited.some((r) => r.startsWith(`${n.id} (`))).map((n) => n.id),
      [],
    );
  }
  const mismatches: string[] = [];
  const mismatchNodes: string[] = [];
  for (const [nodeId, bal] of ctx.capacity.balancing) {
    if (!bal.lbId) continue;
    const node = graph.byId.get(nodeId);
    if (!node || node.kind !== "service") continue;
    const p = nodeParams(node);
    if (p.replicas < 2) continue;
    const weights = node.props?.capacityWeights;
    const unequal = !!weights && weights.length === p.replicas && weights.some((w) => w !== weights[0]);
    const load = ctx.capacity.loads.get(nodeId);
    const arrival = load ? load.read + load.write : 0;
    if (unequal && !isCapacityAware(bal.algorithm) && weights) {
      const total = (p.replicas * p.concurrency * 1000) / Math.max(p.ownMs, 1e-9);
      const wSum = weights.reduce((a, b) => a + b, 0);
      const caps = weights.map((w) => (total * w) / wSum);
      const now = hottestReplica(bal.algorithm, caps, arrival);
      const fair = hottestReplica("weighted_round_robin", caps, arrival);
      mismatches.push(
        `${bal.lbId} uses ${bal.algorithm} over ${nodeId}'s replicas of capacity ${weights.join(":")}: replica ${now.index + 1} gets ${pct(now.shares[now.index] ?? 0, 0)} of the traffic for ${pct((weights[now.index] ?? 0) / wSum, 0)} of the capacity, so it runs at ${pct(now.utilization, 0)} while weighted balancing would keep every replica at ${pct(fair.utilization, 0)}`,
      );
      mismatchNodes.push(bal.lbId, nodeId);
    } else if (
      (bal.algorithm === "round_robin" || bal.algorithm === "random") &&
      p.ownP99Ms / Math.max(p.ownMs, 1e-9) >= DEFAULTS.loadBalancing.unevenCostRatio
    ) {
      mismatches.push(
        `${bal.lbId} uses ${bal.algorithm} while ${nodeId}'s requests vary ${num(p.ownP99Ms / Math.max(p.ownMs, 1e-9), 1)}× in cost (p99 ${ms(p.ownP99Ms)} vs median ${ms(p.ownMs)}): a replica stuck on slow requests keeps receiving its full share, which inflates p99`,
      );
      mismatchNodes.push(bal.lbId, nodeId);
    }
  }
  if (mismatches.length > 0) {
    add(
      "lb-algorithm-mismatch",
      `${mismatches.join("; ")}.`,
      "Use weighted round robin with the replicas' capacities, or an adaptive algorithm (least connections, power of two choices) when request costs vary.",
      mismatchNodes,
      [],
    );
  }

  const stale = staleReads(graph, ctx.capacity.loads);
  if (stale.length > 0) {
    const worstLag = Math.max(...stale.map((x) => x.lagMs));
    add(
      "stale-reads",
      `${list(stale.map((x) => `${x.dbId} serves ${pct(x.readShare, 0)} of its requests as reads from replicas ${ms(x.lagMs)} behind the primary${x.lagDefaulted ? " (assumed lag)" : ""}`))}: a user who saves and reloads within the lag sees the old value, which looks like a lost write.`,
      "Route a user's reads to the primary for a short while after they write (read-your-writes), or read from a replica only once it has caught up to the write's position; then set readYourWrites: true.",
      stale.map((x) => x.dbId),
      [],
      worstLag >= 1000 ? "major" : undefined,
      { impact: Math.max(...stale.map((x) => nodeShare(x.dbId))) },
    );
  }
  const conns = connectionLoads(graph, ctx.concurrentUsers, nodeShare).filter((c) => c.connections > c.capacity);
  if (conns.length > 0) {
    add(
      "connection-capacity",
      `${list(conns.map((c) => `${c.nodeId} must hold ${num(c.connections)} open connections but ${num(c.capacity / c.perInstance)} instance${c.capacity / c.perInstance === 1 ? "" : "s"} × ${num(c.perInstance)}${c.perInstanceDefaulted ? " (assumed)" : ""} hold ${num(c.capacity)}`))}: long-lived connections are held for the whole session whatever the request rate, so users past the limit cannot connect.`,
      "Add instances so that replicas × connections per instance exceeds the concurrent users with headroom, or raise the per-instance limit (file descriptors, memory per connection) and state it as maxConnectionsPerInstance.",
      conns.map((c) => c.nodeId),
      [],
      undefined,
      {
        impact: Math.max(...conns.map((c) => Math.min(1, 1 - c.capacity / c.connections))),
        cap: 69,
        capReason: `${list(conns.map((c) => c.nodeId))} cannot hold every connected user's connection.`,
      },
    );
  }

  // ---- latency --------------------------------------------------------------------------------------
  const mainOut = graph.mainClientId ? (graph.out.get(graph.mainClientId) ?? []) : [];
  if (graph.mainClientId && !mainOut.some((e) => graph.byId.get(e.to)?.kind !== "dns")) {
    add(
      "no-backend",
      `The main client (${graph.mainClientId}) sends its requests nowhere: apart from name lookups it has no edge to an entry point, so there is no system to time, scale or keep available yet.`,
      "Connect the client to your entry point (a CDN, load balancer, gateway or service) and build the path behind it.",
      [graph.mainClientId],
      [],
    );
  }
  // A CDN answers hits from its edge, but a miss (and every write) must go to an origin. With no outgoing call the
  // drawing looks complete and fast while every miss fails: a user-facing outage the timing model cannot see.
  const originless = graph.nodes.filter(
    (n) =>
      n.kind === "cdn" &&
      (graph.inc.get(n.id) ?? []).length > 0 &&
      !(graph.out.get(n.id) ?? []).some((e) => e.mode !== "lookup"),
  );
  if (originless.length > 0) {
    const missShare = Math.max(...originless.map((n) => 1 - cacheHitRatio(n)));
    add(
      "cdn-no-origin",
      `${list(originless.map((n) => `${n.id} (${pct(1 - cacheHitRatio(n), 0)} of reads miss)`))} forward${originless.length === 1 ? "s" : ""} nowhere: every cache miss and every write reaching it fails, because no origin serves it.`,
      "Connect the CDN to its origin (a load balancer, gateway or service in a region) and build the path behind it; a CDN only holds copies of what an origin produced.",
      originless.map((n) => n.id),
      [],
      undefined,
      {
        impact: Math.max(missShare, 0.5),
        cap: 39,
        capReason: `${list(originless.map((n) => n.id))} has no origin: misses and writes have nowhere to go.`,
      },
    );
  }
  if (!graph.mainClientId) {
    add(
      "no-client",
      "The design has no client node, so there is no request to time: latency figures are 0 and availability covers every node.",
      "Add a client and connect it to your entry point (and to a DNS node).",
      [],
      [],
    );
  }
  const unindexed = graph.nodes.filter((n) => n.kind === "database" && n.props?.indexed === false);
  if (unindexed.length > 0) {
    add(
      "unindexed-query",
      `${list(unindexed.map((n) => `${n.id} (${ms(nodeParams(n).ownMs)} per query instead of ${ms(n.kind === "database" ? (n.props?.queryMs ?? DEFAULTS.database.queryMs) : 0)})`))}: an unindexed query scans the table, so its time grows with the data.`,
      "Add an index for the query's filter and sort columns (check with EXPLAIN).",
      unindexed.map((n) => n.id),
      [],
    );
  }
  const ka = internalHttpWithoutKeepAlive(graph);
  if (ka.edgeIds.length > 0) {
    const costs = ka.edgeIds.map((id) => {
      const hop = ctx.latency.hops.get(id);
      return hop ? hop.warmCallMs - hop.rttMs : 0;
    });
    const worstCost = Math.max(0, ...costs);
    add(
      "no-keep-alive",
      `${list(ka.edgeIds.map(edgeLabel))} open a new connection for every call, paying the TCP${ka.edgeIds.some((id) => (ctx.latency.hops.get(id)?.handshake.tlsRtts ?? 0) > 0) ? "/TLS" : ""} handshake and slow start each time (up to +${ms(worstCost)} per call) and leaving sockets in TIME_WAIT.`,
      "Turn on keep-alive (an HTTP agent with keepAlive, or a pool) for every internal client.",
      ka.callerIds,
      ka.edgeIds,
    );
  }
  const cross: string[] = [];
  const crossEdges: string[] = [];
  for (const e of graph.edges) {
    if (e.mode !== "sync") continue;
    const from = graph.byId.get(e.from);
    const to = graph.byId.get(e.to);
    if (!from || !to || from.kind === "client" || from.kind === "cdn") continue;
    if (!from.region || !to.region || from.region === to.region) continue;
    const hop = ctx.latency.hops.get(e.id);
    if (!hop) continue;
    cross.push(`${edgeLabel(e.id)} goes ${from.region} → ${to.region} and costs ${ms(hop.rttMs)} per call`);
    crossEdges.push(e.id);
  }
  // A synchronous cross-region round trip made by most requests spends a fixed share of the latency budget
  // that no optimisation gets back: a quarter of the p99 target caps at C, half at D.
  let crossCap: { cap?: number; capReason?: string; impact?: number } = {};
  {
    const crossing = crossEdges.map((id) => graph.edgeById.get(id) as Edge);
    const share = maxShare(crossing);
    const rtt = Math.max(0, ...crossEdges.map((id) => ctx.latency.hops.get(id)?.rttMs ?? 0));
    const budget = rtt / Math.max(ctx.targets.p99Ms, 1e-9);
    crossCap = { impact: share };
    if (share >= 0.5 && budget >= 0.25)
      crossCap = {
        impact: share,
        cap: budget >= 0.5 ? 69 : 79,
        capReason: `${pct(share, 0)} of requests make a ${ms(rtt)} cross-region round trip: ${pct(budget, 0)} of the ${ms(ctx.targets.p99Ms)} p99 budget.`,
      };
  }
  if (cross.length > 0) {
    add(
      "cross-region-call",
      `${list(cross, 4)}: distance costs about 5 ms per 1,000 km each way, and no code optimisation gets it back.`,
      "Keep synchronous call chains inside one region; replicate data to the region that reads it, or make the cross-region step asynchronous.",
      [],
      crossEdges,
      crossCap.cap !== undefined ? "major" : undefined,
      crossCap,
    );
  }
  const fan: string[] = [];
  const fanNodes: string[] = [];
  for (const n of graph.nodes) {
    const par = syncCalls(graph, n.id).filter((e) => e.props.parallel);
    if (par.length >= DEFAULTS.resilience.fanOutWarnCalls) {
      fan.push(
        `${n.id} waits for ${par.length} parallel calls: if each is slow 1 % of the time, ${pct(fanOutSlowProbability(0.01, par.length))} of its requests wait for a slow one`,
      );
      fanNodes.push(n.id);
    }
  }
  if (fan.length > 0) {
    add(
      "fanout-tail",
      `${fan.join("; ")} (1 − 0.99^n, The Tail at Scale).`,
      "Hedge or tie requests to replicas, cut the fan-out, or answer with partial results after a deadline.",
      fanNodes,
      [],
    );
  }
  if (graph.mainClientId && ctx.percentiles.p99Ms > ctx.targets.p99Ms) {
    const top = [...ctx.cold.breakdown]
      .filter(
        (s) =>
          s.step !== "dns" &&
          s.step !== "tcp" &&
          s.step !== "tls" &&
          s.step !== "quic" &&
          s.step !== "tail" &&
          s.step !== "transfer",
      )
      .sort((a, b) => b.ms - a.ms || (a.nodeId ?? a.edgeId ?? "").localeCompare(b.nodeId ?? b.edgeId ?? ""))
      .slice(0, 3)
      .map((s) => `${s.step} at ${s.nodeId ?? s.edgeId} ${ms(s.ms)}`);
    add(
      "target-p99-missed",
      `Steady-state p99 is ${ms(ctx.percentiles.p99Ms)}, above the target of ${ms(ctx.targets.p99Ms)} (p50 ${ms(ctx.percentiles.p50Ms)}). Largest expected steps: ${top.join(", ") || "none"}.`,
      "Cut the biggest steps first: cache hot reads, move work off the request path (queues), keep calls in one region, and keep utilisation well below saturation.",
      [],
      [],
    );
  }

  const rank: Record<Severity, number> = { critical: 0, major: 1, minor: 2, info: 3 };
  out.sort((a, b) => rank[a.severity] - rank[b.severity] || FINDING_IDS.indexOf(a.id) - FINDING_IDS.indexOf(b.id));
  return out;
}
