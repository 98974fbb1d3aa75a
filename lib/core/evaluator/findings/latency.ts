import { internalHttpWithoutKeepAlive } from "../checklist";
import { DEFAULTS } from "../defaults";
import { syncCalls, type Edge } from "../graph";
import { fanOutSlowProbability } from "../queueing";
import { defineRule, list, ms, pct } from "./rule";

// Latency: time spent on the request path that the design could have avoided.

export const noKeepAlive = defineRule({
  id: "no-keep-alive",
  severity: "minor",
  category: "latency",
  title: "Internal calls without keep-alive",
  fix: "Turn on Keep alive on every internal connection (in code: an HTTP agent that keeps connections open, or a pool).",
  chapter: "/learn/http-versions#keep-alive-pooling",
  detect: ({ graph, latency, edgeLabel }) => {
    const ka = internalHttpWithoutKeepAlive(graph);
    if (ka.edgeIds.length === 0) return undefined;
    const costs = ka.edgeIds.map((id) => {
      const hop = latency.hops.get(id);
      return hop ? hop.warmCallMs - hop.rttMs : 0;
    });
    const worstCost = Math.max(0, ...costs);
    const tls = ka.edgeIds.some((id) => (latency.hops.get(id)?.handshake.tlsRtts ?? 0) > 0);
    return {
      detail: `${list(ka.edgeIds.map(edgeLabel))} open a new connection for every call, paying the TCP${tls ? "/TLS" : ""} handshake and slow start each time (up to +${ms(worstCost)} per call) and leaving sockets in TIME_WAIT.`,
      nodeIds: ka.callerIds,
      edgeIds: ka.edgeIds,
    };
  },
});

export const crossRegionCall = defineRule({
  id: "cross-region-call",
  severity: "minor",
  category: "latency",
  title: "Synchronous call across regions",
  fix: "Keep synchronous call chains inside one region; replicate data to the region that reads it, or make the cross-region step asynchronous.",
  chapter: "/learn/latency#where-time-goes",
  detect: ({ graph, latency, targets, maxShare, edgeLabel }) => {
    const cross: string[] = [];
    const crossing: Edge[] = [];
    for (const e of graph.edges) {
      if (e.mode !== "sync") continue;
      const from = graph.byId.get(e.from);
      const to = graph.byId.get(e.to);
      if (!from || !to || from.kind === "client" || from.kind === "cdn") continue;
      if (!from.region || !to.region || from.region === to.region) continue;
      const hop = latency.hops.get(e.id);
      if (!hop) continue;
      cross.push(`${edgeLabel(e.id)} goes ${from.region} → ${to.region} and costs ${ms(hop.rttMs)} per call`);
      crossing.push(e);
    }
    if (cross.length === 0) return undefined;
    // A synchronous cross-region round trip made by most requests spends a fixed share of the latency budget
    // that no optimisation gets back: a quarter of the p99 target caps at C, half at D.
    const share = maxShare(crossing);
    const rtt = Math.max(0, ...crossing.map((e) => latency.hops.get(e.id)?.rttMs ?? 0));
    const budget = rtt / Math.max(targets.p99Ms, 1e-9);
    const capped = share >= 0.5 && budget >= 0.25;
    return {
      detail: `${list(cross, 4)}: distance costs about 5 ms per 1,000 km each way, and no code optimisation gets it back.`,
      nodeIds: [],
      edgeIds: crossing.map((e) => e.id),
      impact: share,
      ...(capped
        ? {
            severity: "major" as const,
            cap: budget >= 0.5 ? 69 : 79,
            capReason: `${pct(share, 0)} of requests make a ${ms(rtt)} cross-region round trip: ${pct(budget, 0)} of the ${ms(targets.p99Ms)} p99 budget.`,
          }
        : {}),
    };
  },
});

export const fanoutTail = defineRule({
  id: "fanout-tail",
  severity: "info",
  category: "latency",
  title: "Wide fan-out amplifies the tail",
  fix: "Hedge or tie requests to replicas, cut the fan-out, or answer with partial results after a deadline.",
  chapter: "/learn/latency#tail-latency",
  detect: ({ nodeLabel, graph }) => {
    const fan: string[] = [];
    const nodes: string[] = [];
    for (const n of graph.nodes) {
      const par = syncCalls(graph, n.id).filter((e) => e.props.parallel);
      if (par.length >= DEFAULTS.resilience.fanOutWarnCalls) {
        fan.push(
          `${nodeLabel(n.id)} waits for ${par.length} parallel calls: if each is slow 1 % of the time, ${pct(fanOutSlowProbability(0.01, par.length))} of its requests wait for a slow one`,
        );
        nodes.push(n.id);
      }
    }
    if (fan.length === 0) return undefined;
    return { detail: `${fan.join("; ")} (1 − 0.99^n, The Tail at Scale).`, nodeIds: nodes, edgeIds: [] };
  },
});

export const targetP99Missed = defineRule({
  id: "target-p99-missed",
  severity: "major",
  category: "latency",
  title: "p99 latency target missed",
  fix: "Cut the biggest steps first: cache hot reads, move work off the request path (queues), keep calls in one region, and keep utilisation well below saturation.",
  chapter: "/learn/latency#cutting-latency",
  detect: ({ nodeLabel, edgeLabel, graph, cold, percentiles, targets }) => {
    if (!graph.mainClientId || percentiles.p99Ms <= targets.p99Ms) return undefined;
    // Connection setup, the tail allowance and the transfer are not steps a design change names.
    const notSteps = new Set(["dns", "tcp", "tls", "quic", "tail", "transfer"]);
    const top = [...cold.breakdown]
      .filter((s) => !notSteps.has(s.step))
      .sort((a, b) => b.ms - a.ms || (a.nodeId ?? a.edgeId ?? "").localeCompare(b.nodeId ?? b.edgeId ?? ""))
      .slice(0, 3)
      .map((s) => `${s.step} at ${s.nodeId ? nodeLabel(s.nodeId) : s.edgeId ? edgeLabel(s.edgeId) : "the request"} ${ms(s.ms)}`);
    return {
      detail: `Steady-state p99 is ${ms(percentiles.p99Ms)}, above the target of ${ms(targets.p99Ms)} (p50 ${ms(percentiles.p50Ms)}). Largest expected steps: ${top.join(", ") || "none"}.`,
      nodeIds: [],
      edgeIds: [],
    };
  },
});
