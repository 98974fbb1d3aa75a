import { clientDns, type Edge, type Graph } from "./graph";

// "One of" routing groups (issue #12 item 3). A request that reaches a group goes to ONE member: its latency
// is that member's, its load lands on that member only, and with failover (or health-checked latency/geo DNS,
// or a health-checked balancer) the group fails only when every member does: 1 − Π(1 − A).
//
// Groups come from three places:
// - edges of one caller that share a `group` name (v2), with the first member's `groupPolicy` (by edge id);
// - a load balancer's synchronous calls: a balancer forwards each request to one target group (weighted);
// - a client's calls to several entry points when its DNS routes by geography, latency, anycast, weight or
//   failover (DNS answers with one address).

export type GroupPolicy = "failover" | "weighted" | "latency";

export type Group = {
  key: string;
  callerId: string;
  policy: GroupPolicy;
  edges: Edge[];
  /** Whether a failed member is taken out (health checks), so that other members absorb its requests. */
  healthChecked: boolean;
};

export type Routing = {
  groups: Group[];
  groupOf: Map<string, Group>;
  /** Probability (0–1) that a request reaching the caller is sent over this edge, among its group. */
  share: Map<string, number>;
};

const cache = new WeakMap<Graph, Routing>();

function dnsPolicy(routing: string | undefined): GroupPolicy | undefined {
  if (routing === "geo" || routing === "anycast" || routing === "latency") return "latency";
  if (routing === "failover") return "failover";
  if (routing === "weighted" || routing === "round_robin") return "weighted";
  return undefined;
}

/**
 * Finds every routing group of the graph and each member's share. Weighted: weight / Σ weight (default
 * weight 1). Failover: all traffic to the member with the lowest `priority` (then the smallest edge id).
 * Latency: all traffic to the member with the smallest `rttOf` (nearest region; ties to the smallest id).
 * Memoised per graph. `rttOf` gives a hop's RTT in ms.
 */
export function routingOf(graph: Graph, rttOf: (e: Edge) => number): Routing {
  const hit = cache.get(graph);
  if (hit) return hit;
  const groups: Group[] = [];
  for (const n of graph.nodes) {
    const calls = (graph.out.get(n.id) ?? []).filter((e) => e.mode === "sync");
    const named = new Map<string, Edge[]>();
    const rest: Edge[] = [];
    for (const e of calls) {
      if (e.props.group !== undefined) named.set(e.props.group, [...(named.get(e.props.group) ?? []), e]);
      else rest.push(e);
    }
    for (const [name, edges] of [...named.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const policy = edges[0]?.props.groupPolicy ?? "weighted";
      groups.push({ key: `${n.id}/${name}`, callerId: n.id, policy, edges, healthChecked: true });
    }
    if (rest.length < 2) continue;
    if (n.kind === "load_balancer") {
      const hc = n.props?.healthCheck?.enabled === true;
      groups.push({ key: `${n.id}/*`, callerId: n.id, policy: "weighted", edges: rest, healthChecked: hc });
    } else if (n.kind === "client") {
      const dns = clientDns(graph, n.id);
      const policy = dns?.kind === "dns" ? dnsPolicy(dns.props?.routing) : undefined;
      // Round-robin and weighted DNS do not health-check; failover, geo, latency and anycast routing do.
      const hc = dns?.kind === "dns" && dns.props?.routing !== "round_robin" && dns.props?.routing !== "weighted";
      if (policy) groups.push({ key: `${n.id}/dns`, callerId: n.id, policy, edges: rest, healthChecked: hc });
    }
  }
  const groupOf = new Map<string, Group>();
  const share = new Map<string, number>();
  for (const g of groups) {
    for (const e of g.edges) groupOf.set(e.id, g);
    if (g.policy === "weighted") {
      const total = g.edges.reduce((s, e) => s + (e.props.weight ?? 1), 0);
      for (const e of g.edges) share.set(e.id, (e.props.weight ?? 1) / total);
    } else {
      const key = (e: Edge) => (g.policy === "failover" ? (e.props.priority ?? 0) : rttOf(e));
      let best = g.edges[0] as Edge;
      for (const e of g.edges) if (key(e) < key(best) || (key(e) === key(best) && e.id < best.id)) best = e;
      for (const e of g.edges) share.set(e.id, e === best ? 1 : 0);
    }
  }
  const routing = { groups, groupOf, share };
  cache.set(graph, routing);
  return routing;
}
