import { connectionLoads } from "../building-blocks";
import { DEFAULTS } from "../defaults";
import { hottestReplica, isCapacityAware, LB_ALGORITHM_NAMES } from "../load-balancing";
import { nodeParams } from "../params";
import { poolPressure, unboundedPoolEdges } from "../resilience";
import { defineRule, list, ms, num, pct } from "./rule";

// Capacity: whether each part can carry the load the scenario sends it, with headroom.

export const overload = defineRule({
  id: "overload",
  severity: "critical",
  category: "capacity",
  title: "Node overloaded",
  fix: "Add replicas or concurrency, cache reads in front of it, or shed load at the edge.",
  chapter: "/learn/estimation#littles-law",
  detect: ({ nodeLabel, graph, capacity, nodeShare }) => {
    const over = capacity.nodes.filter((n) => n.utilization >= 1);
    if (over.length === 0) return undefined;
    const comfortable = DEFAULTS.score.comfortableUtilization;
    const parts = over.map((n) => {
      const node = graph.byId.get(n.nodeId);
      const p = node ? nodeParams(node) : undefined;
      const more =
        node && (node.kind === "service" || node.kind === "worker") && p
          ? `; about ${Math.ceil((p.replicas * n.utilization) / comfortable)} replicas would bring it to ${pct(comfortable, 0)}`
          : "";
      return `${nodeLabel(n.nodeId)} receives ${num(n.arrivalRps)} rps but can serve ${num(n.capacityRps)} rps (utilisation ${pct(n.utilization, 0)})${more}`;
    });
    return {
      detail: `${parts.join("; ")}. Above 100 % the queue grows without bound: only capacity ÷ arrival of the requests are served (goodput) and the rest fail or time out.`,
      nodeIds: over.map((n) => n.nodeId),
      edgeIds: [],
      impact: Math.max(...over.map((n) => nodeShare(n.nodeId))),
      cap: 59,
      capReason: `${list(over.map((n) => n.nodeId))} cannot carry the stated load.`,
    };
  },
});

export const highUtilization = defineRule({
  id: "high-utilization",
  severity: "minor",
  category: "capacity",
  title: "Node running hot",
  fix: "Keep steady-state utilisation below about 70 %: add replicas or reduce work per request.",
  chapter: "/learn/estimation#littles-law",
  detect: ({ nodeLabel, capacity }) => {
    const hot = capacity.nodes.filter((n) => n.utilization >= 0.8 && n.utilization < 1);
    if (hot.length === 0) return undefined;
    const worst = Math.max(...hot.map((n) => n.utilization));
    return {
      detail: `${list(hot.map((n) => `${nodeLabel(n.nodeId)} at ${pct(n.utilization, 0)}`))}: near saturation queueing delay grows as 1/(1 − utilisation), so the tail explodes and there is no headroom for a spike or a lost replica.`,
      nodeIds: hot.map((n) => n.nodeId),
      edgeIds: [],
      // At 90 % a lost replica or a 10 % spike is an outage (N+1 headroom); at 80 % the tail already climbs.
      cap: worst >= 0.9 ? 79 : 89,
      capReason: `${pct(worst, 0)} utilisation leaves no headroom for a spike or a lost replica.`,
    };
  },
});

export const unboundedPool = defineRule({
  id: "unbounded-pool",
  severity: "major",
  category: "capacity",
  title: "Unbounded connection pool",
  fix: "Use a connection pool with a fixed size per replica so that Σ pool × replicas stays under the database's Max connections.",
  chapter: "/learn/http-versions#keep-alive-pooling",
  detect: ({ graph, edgeLabel }) => {
    const unbounded = unboundedPoolEdges(graph);
    if (unbounded.length === 0) return undefined;
    return {
      detail: `${list(unbounded.map((e) => edgeLabel(e.id)))} ${unbounded.length === 1 ? "has" : "have"} no pool bound: under a spike every request opens its own connection (a 10,000-socket storm) and the database falls over.`,
      nodeIds: unbounded.map((e) => e.from),
      edgeIds: unbounded.map((e) => e.id),
    };
  },
});

export const poolExceedsMaxConnections = defineRule({
  id: "pool-exceeds-max-connections",
  severity: "major",
  category: "capacity",
  title: "Pools can exceed the database's connection limit",
  fix: "Shrink pools (pool × replicas ≤ the database's Max connections, leaving room for admin) or put a pooler such as PgBouncer in front.",
  chapter: "/learn/http-versions#keep-alive-pooling",
  detect: ({ nodeLabel, graph }) => {
    const pressure = poolPressure(graph);
    if (pressure.length === 0) return undefined;
    return {
      detail:
        pressure
          .map(
            (p) =>
              `pools towards ${nodeLabel(p.dbId)} can open ${num(p.totalConnections)} connections, above its Max connections of ${num(p.maxConnections)}`,
          )
          .join("; ") + ": at peak some replicas fail to connect.",
      nodeIds: pressure.map((p) => p.dbId),
      edgeIds: pressure.flatMap((p) => p.edgeIds),
    };
  },
});

export const rateLimitExceeded = defineRule({
  id: "rate-limit-exceeded",
  severity: "major",
  category: "capacity",
  title: "Traffic above the gateway's rate limit",
  fix: "Rate limits protect against abuse; set them per client, above normal traffic.",
  chapter: "/learn/rate-limiting#why-rate-limit",
  detect: ({ nodeLabel, graph, capacity }) => {
    const limited: { id: string; text: string }[] = [];
    for (const n of graph.nodes) {
      if (n.kind !== "gateway" || n.props?.rateLimitRps === undefined) continue;
      const load = capacity.loads.get(n.id);
      const arrival = load ? load.read + load.write : 0;
      if (arrival > n.props.rateLimitRps)
        limited.push({
          id: n.id,
          text: `${nodeLabel(n.id)} (${num(arrival)} rps vs a limit of ${num(n.props.rateLimitRps)} rps)`,
        });
    }
    if (limited.length === 0) return undefined;
    return {
      detail: `Steady traffic is above the rate limit at ${list(limited.map((l) => l.text))}: legitimate users get 429s every second, and every 429 counts against availability.`,
      nodeIds: limited.map((l) => l.id),
      edgeIds: [],
    };
  },
});

export const lbAlgorithmMismatch = defineRule({
  id: "lb-algorithm-mismatch",
  severity: "major",
  category: "capacity",
  title: "Balancing algorithm does not fit the replicas",
  fix: "Use weighted round robin with the replicas' capacities, or an adaptive algorithm (least connections, power of two choices) when request costs vary.",
  chapter: "/learn/load-balancing#algorithms",
  detect: ({ nodeLabel, graph, capacity }) => {
    const mismatches: string[] = [];
    const nodes: string[] = [];
    for (const [nodeId, bal] of capacity.balancing) {
      if (!bal.lbId) continue;
      const node = graph.byId.get(nodeId);
      if (!node || node.kind !== "service") continue;
      const p = nodeParams(node);
      if (p.replicas < 2) continue;
      const weights = node.props?.capacityWeights;
      const unequal = !!weights && weights.length === p.replicas && weights.some((w) => w !== weights[0]);
      const load = capacity.loads.get(nodeId);
      const arrival = load ? load.read + load.write : 0;
      if (unequal && !isCapacityAware(bal.algorithm) && weights) {
        const total = (p.replicas * p.concurrency * 1000) / Math.max(p.ownMs, 1e-9);
        const wSum = weights.reduce((a, b) => a + b, 0);
        const caps = weights.map((w) => (total * w) / wSum);
        const now = hottestReplica(bal.algorithm, caps, arrival);
        const fair = hottestReplica("weighted_round_robin", caps, arrival);
        mismatches.push(
          `${nodeLabel(bal.lbId)} uses ${LB_ALGORITHM_NAMES[bal.algorithm]} over ${nodeLabel(nodeId)}'s replicas of capacity ${weights.join(":")}: replica ${now.index + 1} gets ${pct(now.shares[now.index] ?? 0, 0)} of the traffic for ${pct((weights[now.index] ?? 0) / wSum, 0)} of the capacity, so it runs at ${pct(now.utilization, 0)} while weighted balancing would keep every replica at ${pct(fair.utilization, 0)}`,
        );
        nodes.push(bal.lbId, nodeId);
      } else if (
        (bal.algorithm === "round_robin" || bal.algorithm === "random") &&
        p.ownP99Ms / Math.max(p.ownMs, 1e-9) >= DEFAULTS.loadBalancing.unevenCostRatio
      ) {
        mismatches.push(
          `${nodeLabel(bal.lbId)} uses ${LB_ALGORITHM_NAMES[bal.algorithm]} while ${nodeLabel(nodeId)}'s requests vary ${num(p.ownP99Ms / Math.max(p.ownMs, 1e-9), 1)}× in cost (p99 ${ms(p.ownP99Ms)} vs median ${ms(p.ownMs)}): a replica stuck on slow requests keeps receiving its full share, which inflates p99`,
        );
        nodes.push(bal.lbId, nodeId);
      }
    }
    if (mismatches.length === 0) return undefined;
    return { detail: `${mismatches.join("; ")}.`, nodeIds: nodes, edgeIds: [] };
  },
});

export const connectionCapacity = defineRule({
  id: "connection-capacity",
  severity: "major",
  category: "capacity",
  title: "Not enough room for open connections",
  fix: "Add instances so that replicas × connections per instance exceeds the concurrent users with headroom, or raise the per-instance limit (file descriptors, memory per connection) and enter it as Max connections per instance.",
  chapter: "/learn/udp-quic-realtime#websockets",
  detect: ({ nodeLabel, graph, concurrentUsers, nodeShare }) => {
    const conns = connectionLoads(graph, concurrentUsers, nodeShare).filter((c) => c.connections > c.capacity);
    if (conns.length === 0) return undefined;
    return {
      detail: `${list(conns.map((c) => `${nodeLabel(c.nodeId)} must hold ${num(c.connections)} open connections but ${num(c.capacity / c.perInstance)} instance${c.capacity / c.perInstance === 1 ? "" : "s"} × ${num(c.perInstance)}${c.perInstanceDefaulted ? " (assumed)" : ""} hold ${num(c.capacity)}`))}: long-lived connections are held for the whole session whatever the request rate, so users past the limit cannot connect.`,
      nodeIds: conns.map((c) => c.nodeId),
      edgeIds: [],
      impact: Math.max(...conns.map((c) => Math.min(1, 1 - c.capacity / c.connections))),
      cap: 69,
      capReason: `${list(conns.map((c) => c.nodeId))} cannot hold every connected user's connection.`,
    };
  },
});
