import { assignRequests } from "@/lib/core/evaluator/load-balancing";

// W14: the intro-level picture. Requests stream through one balancer (round robin) to a pool of backends;
// killing a backend reroutes its share to the healthy ones.

export type FlowServer = { name: string; healthy: boolean };

export function initialFlowServers(): FlowServer[] {
  return ["App 1", "App 2", "App 3"].map((name) => ({ name, healthy: true }));
}

/** Where the n-th request (0-based) goes, given which backends are alive now; null when none are. */
export function routeRequest(servers: readonly FlowServer[], n: number): number | null {
  const { assignments } = assignRequests(
    "round_robin",
    servers.map((s) => ({ id: s.name, healthy: s.healthy })),
    n + 1,
  );
  const pick = assignments[n] ?? -1;
  return pick < 0 ? null : pick;
}

export function killOrRevive(servers: readonly FlowServer[], index: number): FlowServer[] {
  return servers.map((s, i) => (i === index ? { ...s, healthy: !s.healthy } : s));
}

/** Adds one more backend: scaling out horizontally. */
export function addServer(servers: readonly FlowServer[]): FlowServer[] {
  return [...servers, { name: `App ${servers.length + 1}`, healthy: true }];
}
