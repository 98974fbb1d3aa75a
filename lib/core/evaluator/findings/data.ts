import { staleReads as staleReadsOf } from "../building-blocks";
import { DEFAULTS } from "../defaults";
import { nodeParams } from "../params";
import { defineRule, list, ms, pct } from "./rule";

// Data: caches, replicas and queries, i.e. whether what is read is fresh and found quickly.

export const cacheNoTtl = defineRule({
  id: "cache-no-ttl",
  severity: "minor",
  category: "reliability",
  title: "Cache entries never expire",
  fix: "Set a TTL on every key (e.g. 300 s) even when you also invalidate explicitly.",
  chapter: "/learn/caching#invalidation",
  detect: ({ nodeLabel, graph }) => {
    const noTtl = graph.nodes.filter((n) => n.kind === "cache" && !(n.props?.ttlSeconds && n.props.ttlSeconds > 0));
    if (noTtl.length === 0) return undefined;
    return {
      detail: `${list(noTtl.map((n) => nodeLabel(n.id)))} ${noTtl.length === 1 ? "has" : "have"} no TTL: an entry whose invalidation is missed stays wrong forever, and memory fills with keys nobody reads.`,
      nodeIds: noTtl.map((n) => n.id),
      edgeIds: [],
    };
  },
});

export const staleReads = defineRule({
  id: "stale-reads",
  severity: "minor",
  category: "reliability",
  title: "Read replicas can serve stale reads",
  fix: "Route a user's reads to the primary for a short while after they write (read-your-writes), or read from a replica only once it has caught up to the write's position; then turn on Read your writes on the database.",
  chapter: "/learn/consistency#replication-lag",
  detect: ({ nodeLabel, graph, capacity, nodeShare }) => {
    const stale = staleReadsOf(graph, capacity.loads);
    if (stale.length === 0) return undefined;
    const worstLag = Math.max(...stale.map((x) => x.lagMs));
    return {
      detail: `${list(stale.map((x) => `${nodeLabel(x.dbId)} serves ${pct(x.readShare, 0)} of its requests as reads from replicas ${ms(x.lagMs)} behind the primary${x.lagDefaulted ? " (assumed lag)" : ""}`))}: a user who saves and reloads within the lag sees the old value, which looks like a lost write.`,
      nodeIds: stale.map((x) => x.dbId),
      edgeIds: [],
      severity: worstLag >= 1000 ? "major" : undefined,
      impact: Math.max(...stale.map((x) => nodeShare(x.dbId))),
    };
  },
});

export const unindexedQuery = defineRule({
  id: "unindexed-query",
  severity: "major",
  category: "latency",
  title: "Unindexed database query",
  fix: "Add an index for the query's filter and sort columns (check with EXPLAIN).",
  chapter: "/learn/latency#debugging-slow-apis",
  detect: ({ nodeLabel, graph }) => {
    const unindexed = graph.nodes.filter((n) => n.kind === "database" && n.props?.indexed === false);
    if (unindexed.length === 0) return undefined;
    return {
      detail: `${list(unindexed.map((n) => `${nodeLabel(n.id)} (${ms(nodeParams(n).ownMs)} per query instead of ${ms(n.kind === "database" ? (n.props?.queryMs ?? DEFAULTS.database.queryMs) : 0)})`))}: an unindexed query scans the table, so its time grows with the data.`,
      nodeIds: unindexed.map((n) => n.id),
      edgeIds: [],
    };
  },
});
