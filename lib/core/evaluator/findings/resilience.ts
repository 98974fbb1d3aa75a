import { syncCalls } from "../graph";
import {
  type Amplification,
  idleTimeoutIssues,
  missingCircuitBreakers,
  missingClientTimeouts,
  missingTimeouts,
  retriesWithoutBackoff,
  retryAmplification,
  retryNonIdempotentEdges,
  timeoutBudgetIssues,
} from "../resilience";
import { defineRule, list, ms, num, pct } from "./rule";

// Resilience: timeouts, retries and breakers, i.e. what a call does when the other side is slow or gone.

export const timeoutMissing = defineRule({
  id: "timeout-missing",
  severity: "major",
  category: "reliability",
  title: "Calls without a timeout",
  fix: "Set a connect timeout (1–2 s inside a data centre) and a request timeout a little above the callee's p99.",
  chapter: "/learn/distributed-systems#timeouts",
  detect: ({ graph, latency, edgeShare, maxShare, edgeLabel }) => {
    const noTimeout = missingTimeouts(graph);
    if (noTimeout.length === 0) return undefined;
    // A call without a timeout to a dependency that can be slow (an external API, or a p99 of a second or
    // more) and without a circuit breaker hangs its caller when the dependency slows: every slot waits on it.
    const hanging = noTimeout.filter((e) => {
      const to = graph.byId.get(e.to);
      if (!to || e.props.circuitBreaker === true) return false;
      return to.kind === "external_api" || (latency.ownP99Ms.get(to.id) ?? 0) >= 1000;
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
    return {
      detail: `${noTimeout.length} call${noTimeout.length === 1 ? " has" : "s have"} no timeout: ${list(noTimeout.map((e) => edgeLabel(e.id)))}, crossed by up to ${pct(share, 0)} of requests. A dependency that hangs holds the caller's threads and connections until it runs out of them.`,
      nodeIds: [],
      edgeIds: noTimeout.map((e) => e.id),
      impact: share,
      ...extra,
    };
  },
});

export const clientTimeoutMissing = defineRule({
  id: "client-timeout-missing",
  severity: "minor",
  category: "reliability",
  title: "Client requests without a timeout",
  fix: "Give every client request a timeout a little above the service's p99 (e.g. 2–10 s), then retry idempotent calls once or show an error.",
  chapter: "/learn/distributed-systems#timeouts",
  detect: ({ graph, edgeShare, maxShare, edgeLabel }) => {
    const calls = missingClientTimeouts(graph).filter((e) => edgeShare(e) > 0);
    if (calls.length === 0) return undefined;
    return {
      detail: `${list(calls.map((e) => edgeLabel(e.id)))} ${calls.length === 1 ? "has" : "have"} no timeout on the client side: when the service stalls, users watch a spinner until they give up, and a client that never gives up cannot retry or show an error.`,
      nodeIds: calls.map((e) => e.from),
      edgeIds: calls.map((e) => e.id),
      impact: maxShare(calls),
    };
  },
});

export const timeoutBudget = defineRule({
  id: "timeout-budget",
  severity: "major",
  category: "reliability",
  title: "Timeout shorter than the callee's budget",
  fix: "Give each layer a smaller budget than its caller (deadlines shrink inward), or propagate a deadline and let inner calls use what is left.",
  chapter: "/learn/distributed-systems#timeouts",
  detect: ({ nodeLabel, graph, latency, maxShare, edgeLabel }) => {
    const budget = timeoutBudgetIssues(graph, latency);
    const b = budget[0];
    if (!b) return undefined;
    const callee = graph.byId.get(b.edge.to);
    const inner = callee ? syncCalls(graph, callee.id).filter((e) => e.props.timeoutMs !== undefined) : [];
    const how = list(
      inner.map((e) => {
        const attempts = 1 + (e.props.retries ?? 0);
        return `${nodeLabel(e.to)}: ${attempts} attempt${attempts === 1 ? "" : "s"} × ${ms(e.props.timeoutMs as number)}`;
      }),
      3,
    );
    return {
      detail: `${edgeLabel(b.edge.id)} times out after ${ms(b.timeoutMs)}, but ${nodeLabel(b.edge.to)} may legitimately take ${ms(b.neededMs)}${how ? ` (${how})` : ""}: the caller gives up while the callee is still working${b.edge.props.retries ? ", and its retry adds load on top" : ""}.${budget.length > 1 ? ` ${budget.length - 1} more call${budget.length > 2 ? "s have" : " has"} the same problem.` : ""}`,
      nodeIds: [],
      edgeIds: budget.map((x) => x.edge.id),
      // Judged like a missing timeout on the same calls (never worse), so that removing a short timeout
      // cannot raise the score.
      impact: maxShare(budget.map((x) => x.edge)),
    };
  },
});

export const retryNonIdempotent = defineRule({
  id: "retry-non-idempotent",
  severity: "critical",
  category: "reliability",
  title: "Retrying a non-idempotent call",
  fix: "Send an idempotency key with every write that may be retried and have the server store results by key; or do not retry writes.",
  chapter: "/learn/distributed-systems#idempotency",
  detect: ({ graph, capacity, maxShare, edgeLabel }) => {
    const nonIdem = retryNonIdempotentEdges(graph, capacity.loads);
    if (nonIdem.length === 0) return undefined;
    const explicit = nonIdem.filter((e) => e.props.method === "POST" || e.props.method === "PATCH");
    return {
      detail: `${list(nonIdem.map((e) => `${edgeLabel(e.id)} retries ${e.props.method === "POST" || e.props.method === "PATCH" ? `a ${e.props.method}` : "the writes it carries"} up to ${e.props.retries}×`))} without an idempotency key: a timeout after the server committed turns into a duplicate order or a double charge.`,
      nodeIds: [],
      edgeIds: nonIdem.map((e) => e.id),
      severity: explicit.length > 0 ? "critical" : "major",
      impact: maxShare(nonIdem),
      ...(explicit.length > 0
        ? {
            cap: 59,
            capReason:
              "POST/PATCH calls are retried without idempotency keys: duplicate writes (double charges) under any timeout.",
          }
        : {}),
    };
  },
});

export const retryAmplificationRule = defineRule({
  id: "retry-amplification",
  severity: "major",
  category: "reliability",
  title: "Retries multiply across layers",
  fix: "Retry at one layer only (usually the one closest to the user), cap retries with a retry budget, and use exponential backoff with jitter.",
  chapter: "/learn/distributed-systems#retries-circuit-breakers",
  detect: ({ nodeLabel, graph }) => {
    let worst: Amplification = { nodeId: "", factor: 1, attempts: [], edgeIds: [] };
    for (const a of retryAmplification(graph).values())
      if (a.attempts.length >= 2 && (a.factor > worst.factor || (a.factor === worst.factor && a.nodeId < worst.nodeId)))
        worst = a;
    if (worst.attempts.length < 2) return undefined;
    const same = worst.attempts.every((x) => x === worst.attempts[0]);
    const how = same
      ? `${worst.attempts.length} layers × ${worst.attempts[0]} attempts`
      : `${worst.attempts.length} layers (${worst.attempts.join(" × ")} attempts)`;
    return {
      detail: `retries at ${how} = up to ${num(worst.factor)}× load on ${nodeLabel(worst.nodeId)} when it struggles, exactly when it can least take it.`,
      nodeIds: [worst.nodeId],
      edgeIds: worst.edgeIds,
    };
  },
});

export const retryNoBackoff = defineRule({
  id: "retry-no-backoff",
  severity: "minor",
  category: "reliability",
  title: "Retries without backoff",
  fix: "Use exponential backoff with jitter (AWS Builders' Library).",
  chapter: "/learn/distributed-systems#retries-circuit-breakers",
  detect: ({ graph, edgeLabel }) => {
    const noBackoff = retriesWithoutBackoff(graph);
    if (noBackoff.length === 0) return undefined;
    return {
      detail: `${list(noBackoff.map((e) => edgeLabel(e.id)))} retr${noBackoff.length === 1 ? "ies" : "y"} immediately: every client retries in lockstep and the retry wave hits the dependency at the same moment.`,
      nodeIds: [],
      edgeIds: noBackoff.map((e) => e.id),
    };
  },
});

export const noCircuitBreaker = defineRule({
  id: "no-circuit-breaker",
  severity: "major",
  category: "reliability",
  title: "External dependency without a circuit breaker",
  fix: "Wrap external calls in a circuit breaker that fails fast (or serves a fallback) after repeated failures.",
  chapter: "/learn/distributed-systems#retries-circuit-breakers",
  detect: ({ graph, maxShare, edgeLabel }) => {
    const noCb = missingCircuitBreakers(graph);
    if (noCb.length === 0) return undefined;
    return {
      detail: `${list(noCb.map((e) => edgeLabel(e.id)))} call${noCb.length === 1 ? "s" : ""} an external API without a circuit breaker: when it slows down, every request waits for the full timeout${noCb[0]?.props.timeoutMs ? ` (${ms(noCb[0].props.timeoutMs)})` : ""} and your threads pile up behind it.`,
      nodeIds: noCb.map((e) => e.to),
      edgeIds: noCb.map((e) => e.id),
      impact: Math.max(0.5, maxShare(noCb)),
    };
  },
});

export const natIdleTimeout = defineRule({
  id: "nat-idle-timeout",
  severity: "major",
  category: "reliability",
  title: "Long-lived connection outlives an idle timeout",
  fix: "Send heartbeats (ping/pong or TCP keep-alive) well inside the shortest idle timeout on the path, e.g. every 15–30 s.",
  chapter: "/learn/udp-quic-realtime#websockets",
  detect: ({ nodeLabel, graph, edgeLabel }) => {
    const idle = idleTimeoutIssues(graph);
    const i0 = idle[0];
    if (!i0) return undefined;
    return {
      detail: `${edgeLabel(i0.edge.id)} is a long-lived ${i0.edge.props.protocol} connection through ${nodeLabel(i0.nodeId)} (idle timeout ${num(i0.idleTimeoutSeconds)} s) ${i0.pingIntervalSeconds === undefined ? "with no pings" : `with pings only every ${num(i0.pingIntervalSeconds)} s`}: quiet connections are dropped silently and clients only notice on their next send.${idle.length > 1 ? ` ${idle.length - 1} more such case${idle.length > 2 ? "s" : ""}.` : ""}`,
      nodeIds: idle.map((i) => i.nodeId),
      edgeIds: idle.map((i) => i.edge.id),
      cap: 79,
      capReason: "long-lived connections are cut silently by an idle timeout: users see phantom disconnects.",
    };
  },
});
