import { replicatedAvailability } from "../availability";
import { cacheHitRatio } from "../branches";
import { DEFAULTS } from "../defaults";
import { syncCalls } from "../graph";
import { nodeParams } from "../params";
import { defineRule, list, num, pct } from "./rule";

// Availability: whether requests have somewhere to go, and whether one failure stops them.

export const noHealthCheck = defineRule({
  id: "no-health-check",
  severity: "major",
  category: "reliability",
  title: "Load balancer without health checks",
  fix: "Enable active health checks (e.g. GET /health every 5–10 s, unhealthy after 2–3 failures) so failed replicas leave the rotation.",
  chapter: "/learn/load-balancing#health-checks",
  detect: ({ nodeLabel, graph, nodeShare }) => {
    const lbsNoHealth = graph.nodes.filter(
      (n) => n.kind === "load_balancer" && n.props?.healthCheck?.enabled !== true && syncCalls(graph, n.id).length > 0,
    );
    if (lbsNoHealth.length === 0) return undefined;
    const parts: string[] = [];
    for (const lb of lbsNoHealth) {
      for (const e of syncCalls(graph, lb.id)) {
        const t = graph.byId.get(e.to);
        if (!t) continue;
        const p = nodeParams(t);
        if (p.replicas > 1) {
          parts.push(
            `${nodeLabel(lb.id)} keeps sending 1/${p.replicas} of ${nodeLabel(t.id)}'s traffic to a dead replica: ${nodeLabel(t.id)} is available ${pct(p.availability, 2)} of the time instead of ${pct(replicatedAvailability(p.availability, p.replicas, true), 5)}`,
          );
        } else parts.push(`${nodeLabel(lb.id)} cannot notice that ${nodeLabel(t.id)} is down`);
      }
    }
    return {
      detail: `${parts.join("; ")}.`,
      nodeIds: lbsNoHealth.map((n) => n.id),
      edgeIds: [],
      impact: Math.max(...lbsNoHealth.map((n) => nodeShare(n.id))),
      cap: 79,
      capReason:
        "replicas behind a balancer that cannot see them fail give no redundancy: a dead one keeps its share of requests.",
    };
  },
});

export const spof = defineRule({
  id: "spof",
  severity: "major",
  category: "reliability",
  title: "Single point of failure",
  fix: "Run at least two replicas across zones behind a health-checked balancer; give databases a standby or read replica to fail over to.",
  chapter: "/learn/load-balancing#why-load-balancers",
  detect: ({ nodeLabel, graph, availability, capacity, nodeShare }) => {
    const { spofs } = availability;
    if (spofs.length === 0) return undefined;
    // A single instance of a compute tier that most requests need is a one-crash outage; a managed database
    // without a replica still fails over to its standby (Multi-AZ), so it costs points but does not cap.
    const computeSpofs = spofs.filter((id) => {
      const k = graph.byId.get(id)?.kind;
      return (k === "service" || k === "worker") && nodeShare(id) > 0;
    });
    // One instance already past comfortable utilisation has neither redundancy nor headroom: a restart, a GC
    // pause or a spike fails its requests outright (N+1 planning).
    const utilOf = (id: string) => capacity.nodes.find((n) => n.nodeId === id)?.utilization ?? 0;
    const comfortable = DEFAULTS.score.comfortableUtilization;
    const hotSpofs = computeSpofs.filter((id) => utilOf(id) >= comfortable);
    return {
      detail: `${list(spofs.map(nodeLabel))} ${spofs.length === 1 ? "runs" : "run"} as a single instance on the request path: one crash, deploy or zone outage stops requests.`,
      nodeIds: spofs,
      edgeIds: [],
      impact: Math.max(0, ...spofs.map(nodeShare)),
      ...(hotSpofs.length > 0
        ? {
            cap: 69,
            capReason: `${list(hotSpofs)} runs as one instance above ${pct(comfortable, 0)} utilisation: no redundancy and no headroom.`,
          }
        : computeSpofs.length > 0
          ? {
              cap: 79,
              capReason: `${list(computeSpofs)} runs as one instance on a synchronous request path: one crash fails every request that needs it.`,
            }
          : {}),
    };
  },
});

export const dnsRoundRobinNoHealth = defineRule({
  id: "dns-round-robin-no-health",
  severity: "major",
  category: "reliability",
  title: "DNS round robin without health checks",
  fix: "Put a health-checked load balancer behind one name, or use failover/health-checked DNS routing.",
  chapter: "/learn/dns#traffic-steering",
  detect: ({ nodeLabel, graph }) => {
    const dnsRr = graph.nodes.filter((n) => n.kind === "dns" && n.props?.routing === "round_robin");
    if (dnsRr.length === 0) return undefined;
    const ttl =
      dnsRr[0]?.kind === "dns" ? (dnsRr[0].props?.ttlSeconds ?? DEFAULTS.dns.ttlSeconds) : DEFAULTS.dns.ttlSeconds;
    return {
      detail: `${list(dnsRr.map((n) => nodeLabel(n.id)))} hand${dnsRr.length === 1 ? "s" : ""} out addresses round robin with no health checks: a dead server keeps its share of new clients until the TTL (${num(ttl)} s) expires and they re-resolve.`,
      nodeIds: dnsRr.map((n) => n.id),
      edgeIds: [],
    };
  },
});

export const targetAvailabilityMissed = defineRule({
  id: "target-availability-missed",
  severity: "major",
  category: "reliability",
  title: "Availability target missed",
  fix: "Replicate what runs once, put health checks in front of replicas, and make optional dependencies (caches, recommendations) fail soft.",
  chapter: "/learn/distributed-systems#unreliable-network",
  detect: ({ nodeLabel, availability, targets }) => {
    if (availability.estimate >= targets.availability) return undefined;
    return {
      detail: `Estimated availability ${pct(availability.estimate, 3)} (${num(availability.nines, 2)} nines) is below the target ${pct(targets.availability, 3)}: about ${num((1 - availability.estimate) * 30 * 24 * 60)} minutes of failed requests a month instead of ${num((1 - targets.availability) * 30 * 24 * 60)}.${availability.spofs.length ? ` Start with the single points of failure: ${list(availability.spofs.map(nodeLabel))}.` : ""}`,
      nodeIds: availability.spofs,
      edgeIds: [],
    };
  },
});

export const noBackend = defineRule({
  id: "no-backend",
  severity: "critical",
  category: "reliability",
  title: "The client calls nothing",
  fix: "Connect the client to your entry point (a CDN, load balancer, gateway or service) and build the path behind it.",
  chapter: "/learn/big-picture#seven-stages",
  detect: ({ nodeLabel, graph }) => {
    if (!graph.mainClientId) return undefined;
    const mainOut = graph.out.get(graph.mainClientId) ?? [];
    if (mainOut.some((e) => graph.byId.get(e.to)?.kind !== "dns")) return undefined;
    return {
      detail: `The main client (${nodeLabel(graph.mainClientId ?? "")}) sends its requests nowhere: apart from name lookups it has no edge to an entry point, so there is no system to time, scale or keep available yet.`,
      nodeIds: [graph.mainClientId],
      edgeIds: [],
    };
  },
});

export const cdnNoOrigin = defineRule({
  id: "cdn-no-origin",
  severity: "critical",
  category: "reliability",
  title: "A CDN has no origin behind it",
  fix: "Connect the CDN to its origin (a load balancer, gateway or service in a region) and build the path behind it; a CDN only holds copies of what an origin produced.",
  chapter: "/learn/caching#cdn",
  // A CDN answers hits from its edge, but a miss (and every write) must go to an origin. With no outgoing call
  // the drawing looks complete and fast while every miss fails: a user-facing outage the timing model cannot see.
  detect: ({ nodeLabel, graph }) => {
    const originless = graph.nodes.filter(
      (n) =>
        n.kind === "cdn" &&
        (graph.inc.get(n.id) ?? []).length > 0 &&
        !(graph.out.get(n.id) ?? []).some((e) => e.mode !== "lookup"),
    );
    if (originless.length === 0) return undefined;
    const missShare = Math.max(...originless.map((n) => 1 - cacheHitRatio(n)));
    return {
      detail: `${list(originless.map((n) => `${nodeLabel(n.id)} (${pct(1 - cacheHitRatio(n), 0)} of reads miss)`))} forward${originless.length === 1 ? "s" : ""} nowhere: every cache miss and every write reaching it fails, because no origin serves it.`,
      nodeIds: originless.map((n) => n.id),
      edgeIds: [],
      impact: Math.max(missShare, 0.5),
      cap: 39,
      capReason: `${list(originless.map((n) => n.id))} has no origin: misses and writes have nowhere to go.`,
    };
  },
});

export const noClient = defineRule({
  id: "no-client",
  severity: "info",
  category: "latency",
  title: "No client in the design",
  fix: "Add a client and connect it to your entry point (and to a DNS node).",
  chapter: "/learn/big-picture#seven-stages",
  detect: ({ graph }) =>
    graph.mainClientId
      ? undefined
      : {
          detail:
            "The design has no client node, so there is no request to time: latency figures are 0 and availability covers every node.",
          nodeIds: [],
          edgeIds: [],
        },
});
