import type { NodeLoad } from "./capacity";
import { DEFAULTS } from "./defaults";
import type { Graph } from "./graph";
import { nodeParams } from "./params";

// Rules for building blocks candidates draw beyond request/response paths (issue #12 item 16): read
// replicas that lag, and servers holding long-lived connections. Sources are in each function and in
// docs/model.md section 16. Bandwidth and packet loss on large transfers have one rule, shared with the
// calibration lab: transfer-fit.ts pathPenaltyMs.

export type StaleReads = { dbId: string; lagMs: number; lagDefaulted: boolean; readShare: number };

/**
 * Databases whose read replicas serve reads while the same database takes writes, with no read-your-writes
 * guarantee: a user who writes and reads back within the replication lag (ms) sees the old value.
 * `readShare` is the share (0–1) of the database's requests that are reads. Source: M. Kleppmann,
 * "Designing Data-Intensive Applications", ch. 5 ("Reading Your Own Writes"); replica lag figures from the
 * Aurora and RDS documentation (default 100 ms).
 */
export function staleReads(graph: Graph, loads: Map<string, NodeLoad>): StaleReads[] {
  const out: StaleReads[] = [];
  for (const n of graph.nodes) {
    if (n.kind !== "database" || (n.props?.readReplicas ?? 0) < 1 || n.props?.readYourWrites === true) continue;
    const l = loads.get(n.id);
    if (!l || !(l.read > 0) || !(l.write > 0)) continue;
    const lag = n.props?.replicationLagMs;
    out.push({
      dbId: n.id,
      lagMs: lag ?? DEFAULTS.database.replicationLagMs,
      lagDefaulted: lag === undefined,
      readShare: l.read / (l.read + l.write),
    });
  }
  return out;
}

export type ConnectionLoad = {
  nodeId: string;
  /** Connections held open at once: concurrent users × the share of them this service serves. */
  connections: number;
  /** replicas × connections per instance. */
  capacity: number;
  perInstance: number;
  perInstanceDefaulted: boolean;
};

/**
 * Services that hold clients' long-lived connections (a WebSocket or SSE edge into them): each connected
 * user holds one connection for the whole session, whatever the request rate, so the limit is connections per
 * instance × replicas (C10k: D. Kegel, "The C10K problem"; each connection costs a file descriptor and memory).
 * `share(id)` is the share (0–1) of users whose traffic reaches the service. Empty without `concurrentUsers`.
 */
export function connectionLoads(graph: Graph, concurrentUsers: number | undefined, share: (id: string) => number): ConnectionLoad[] {
  if (!(concurrentUsers !== undefined && concurrentUsers > 0)) return [];
  const out: ConnectionLoad[] = [];
  for (const n of graph.nodes) {
    if (n.kind !== "service") continue;
    const longLived = (graph.inc.get(n.id) ?? []).some((e) => e.props.protocol === "websocket" || e.props.protocol === "sse");
    if (!longLived) continue;
    const given = n.props?.maxConnectionsPerInstance;
    const perInstance = given ?? DEFAULTS.service.maxConnectionsPerInstance;
    const s = share(n.id);
    out.push({
      nodeId: n.id,
      connections: concurrentUsers * (s > 0 ? s : 1),
      capacity: nodeParams(n).replicas * perInstance,
      perInstance,
      perInstanceDefaulted: given === undefined,
    });
  }
  return out;
}
