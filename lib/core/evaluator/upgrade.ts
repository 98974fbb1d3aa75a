import type { Design } from "./schema";
import { mapArray } from "@/lib/core/util/arrays";

// Version 1 → version 2, on read. Version 2 only adds optional fields; the one place where the meaning of a v1
// drawing has to be written down explicitly is cache-aside: v1 inferred it from the drawing (a node that calls
// both a cache and a database reads the database only on a miss), v2 says it with `cacheFor` and defaults to
// no relation. Everything else a v1 document leaves out means what the v2 default means.

/** A design in format version 2. */
export type DesignV2 = Omit<Design, "version"> & { version: 2 };

/**
 * Upgrades a validated design to version 2 (pure; the input is not modified). For a v1 document every cache
 * gets `cacheFor`: the databases called (synchronously) by a node that also calls that cache — the v1 rule of
 * design-format.md "Model rules" — unless the cache already names them. A v2 document is returned as is.
 */
export function upgradeDesign(design: Design): DesignV2 {
  if (design.version === 2) return design as DesignV2;
  const kinds = new Map(design.nodes.map((n) => [n.id, n.kind] as const));
  const fronts = new Map<string, Set<string>>();
  const out = new Map<string, { caches: string[]; dbs: string[] }>();
  for (const e of design.edges) {
    const async = e.props?.mode === "async" || kinds.get(e.to) === "queue" || kinds.get(e.from) === "queue";
    if (async) continue;
    const o = out.get(e.from) ?? { caches: [], dbs: [] };
    if (kinds.get(e.to) === "cache") o.caches.push(e.to);
    if (kinds.get(e.to) === "database") o.dbs.push(e.to);
    out.set(e.from, o);
  }
  for (const o of out.values()) {
    if (o.caches.length === 0 || o.dbs.length === 0) continue;
    for (const c of o.caches) {
      const set = fronts.get(c) ?? new Set<string>();
      for (const d of o.dbs) set.add(d);
      fronts.set(c, set);
    }
  }
  const nodes = mapArray(design.nodes, (n) => {
    if (n.kind !== "cache" || n.props?.cacheFor !== undefined) return n;
    const f = fronts.get(n.id);
    return f ? { ...n, props: { ...n.props, cacheFor: [...f].sort() } } : n;
  });
  return { ...design, version: 2, nodes };
}
