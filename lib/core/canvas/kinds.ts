import { NODE_KINDS } from "@/lib/core/evaluator/node-kinds";
import type { DesignNode, NodeKind } from "@/lib/schemas/design";
import { mapArray } from "@/lib/core/util/arrays";

// The palette's catalogue: one entry per node kind of the design format, with a short description and an
// icon drawn as SVG path data (24×24 viewBox, stroked) so the same data works on the canvas, in the palette
// and in exports without an icon font.

export type ZoneName = "public" | "private" | "data";

export type KindInfo = {
  kind: NodeKind;
  title: string;
  description: string;
  /** Path data for a 24×24, stroke-only icon. */
  icon: string[];
  /** Zone a new node of this kind is placed in (the format's default is private, clients public). */
  zone: ZoneName;
  /** Props a freshly added node starts with; small on purpose so the evaluator's defaults apply. */
  defaultProps: Record<string, unknown>;
  /** Short id prefix for new nodes of this kind. */
  idPrefix: string;
};

export const KIND_CATALOGUE: Record<NodeKind, KindInfo> = {
  client: {
    kind: "client",
    title: "Client",
    description: "Browsers or mobile apps that start every request.",
    icon: ["M3 5h18v11H3z", "M8 20h8", "M12 16v4"],
    zone: "public",
    defaultProps: { share: 1, platform: "web" },
    idPrefix: "client",
  },
  dns: {
    kind: "dns",
    title: "DNS",
    description: "Resolves names to addresses; TTL and routing policy matter.",
    icon: ["M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z", "M3 12h18", "M12 3c3 3.5 3 14.5 0 18", "M12 3c-3 3.5-3 14.5 0 18"],
    zone: "public",
    defaultProps: { routing: "simple", ttlSeconds: 300 },
    idPrefix: "dns",
  },
  cdn: {
    kind: "cdn",
    title: "CDN",
    description: "Edge cache near users; terminates TLS and serves hits.",
    icon: ["M4 15a4 4 0 0 1 1-7.9A6 6 0 0 1 17 7a4 4 0 0 1 2 8z", "M8 19h8", "M12 15v4"],
    zone: "public",
    defaultProps: { tlsTermination: true, http: "2" },
    idPrefix: "cdn",
  },
  load_balancer: {
    kind: "load_balancer",
    title: "Load balancer",
    description: "Spreads requests over replicas and drops unhealthy ones.",
    icon: ["M12 3v6", "M12 9L5 15", "M12 9l7 6", "M12 9v6", "M3 15h4v5H3z", "M10 15h4v5h-4z", "M17 15h4v5h-4z"],
    zone: "public",
    defaultProps: { layer: 7, algorithm: "round_robin", healthCheck: { enabled: true } },
    idPrefix: "lb",
  },
  gateway: {
    kind: "gateway",
    title: "API gateway",
    description: "Reverse proxy that routes, limits rates and checks auth.",
    icon: ["M4 21V9l8-6l8 6v12", "M9 21v-7h6v7"],
    zone: "public",
    defaultProps: {},
    idPrefix: "gateway",
  },
  service: {
    kind: "service",
    title: "Service",
    description: "Your application code, running as one or more replicas.",
    icon: ["M4 4h16v6H4z", "M4 14h16v6H4z", "M8 7h.01", "M8 17h.01"],
    zone: "private",
    defaultProps: { replicas: 2 },
    idPrefix: "service",
  },
  cache: {
    kind: "cache",
    title: "Cache",
    description: "In-memory store for hot reads, such as Redis.",
    icon: ["M13 2L4 14h7l-1 8l9-12h-7z"],
    zone: "data",
    defaultProps: { engine: "redis", ttlSeconds: 300 },
    idPrefix: "cache",
  },
  database: {
    kind: "database",
    title: "Database",
    description: "Durable storage; query time depends on indexes.",
    icon: ["M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3s-3.6 3-8 3s-8-1.3-8-3z", "M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6", "M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3"],
    zone: "data",
    defaultProps: { engine: "postgres", indexed: true },
    idPrefix: "db",
  },
  queue: {
    kind: "queue",
    title: "Queue",
    description: "Buffers work between producers and consumers.",
    icon: ["M3 7h18v10H3z", "M8 7v10", "M13 7v10"],
    zone: "data",
    defaultProps: { engine: "kafka" },
    idPrefix: "queue",
  },
  worker: {
    kind: "worker",
    title: "Worker",
    description: "Background consumer that processes queued jobs.",
    icon: ["M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8z", "M12 2v3", "M12 19v3", "M2 12h3", "M19 12h3", "M5 5l2 2", "M17 17l2 2", "M5 19l2-2", "M17 7l2-2"],
    zone: "private",
    defaultProps: { replicas: 1 },
    idPrefix: "worker",
  },
  object_storage: {
    kind: "object_storage",
    title: "Object storage",
    description: "Blob store for files and media, such as S3.",
    icon: ["M3 7l9-4l9 4l-9 4z", "M3 7v10l9 4l9-4V7", "M12 11v10"],
    zone: "data",
    defaultProps: {},
    idPrefix: "storage",
  },
  external_api: {
    kind: "external_api",
    title: "External API",
    description: "A third party you call but do not run, such as payments.",
    icon: ["M14 4h6v6", "M20 4l-9 9", "M18 14v6H4V6h6"],
    zone: "private",
    defaultProps: {},
    idPrefix: "external",
  },
  firewall: {
    kind: "firewall",
    title: "Firewall",
    description: "Ordered allow and deny rules; the first match wins.",
    icon: ["M3 5h18v14H3z", "M3 10h18", "M3 15h18", "M9 5v5", "M15 10v5", "M9 15v4"],
    zone: "public",
    defaultProps: { defaultAction: "deny", rules: [] },
    idPrefix: "firewall",
  },
  nat_gateway: {
    kind: "nat_gateway",
    title: "NAT gateway",
    description: "Lets private hosts reach out; idle connections time out.",
    icon: ["M4 12h12", "M12 8l4 4l-4 4", "M20 4v16"],
    zone: "private",
    defaultProps: {},
    idPrefix: "nat",
  },
};

export const KINDS: readonly KindInfo[] = NODE_KINDS.map((k) => KIND_CATALOGUE[k]);

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === "string" && (NODE_KINDS as readonly string[]).includes(value);
}

/** The zone a node is drawn in: its own, else the format's default (clients public, everything else private). */
export function effectiveZone(node: Pick<DesignNode, "kind" | "zone">): ZoneName {
  return node.zone ?? (node.kind === "client" ? "public" : "private");
}

/**
 * A component as people name it: its label, else its kind's title ("Load balancer"). Ids (client-1, e-api) are the
 * file format's references and never reach the screen.
 */
export function componentName(node: Pick<DesignNode, "kind" | "label">): string {
  const label = node.label?.trim();
  return label ? label : KIND_CATALOGUE[node.kind].title;
}

/**
 * Every component's name (componentName), made unique where two would read the same: "Service (1)", "Service (2)"
 * in the order of their ids, so a menu or a table row that must tell them apart never falls back to the ids.
 */
export function componentNames(nodes: readonly Pick<DesignNode, "id" | "kind" | "label">[]): Map<string, string> {
  const base = mapArray(nodes, (n) => componentName(n));
  const total = new Map<string, number>();
  for (const name of base) total.set(name, (total.get(name) ?? 0) + 1);
  // Numbered in id order, not the file's order: the evaluator's findings use these names and must not change when
  // the same design lists its nodes in another order, and a component keeps its number when others move.
  const order = mapArray(nodes, (_, i) => i).sort((a, b) => (nodes[a]!.id < nodes[b]!.id ? -1 : nodes[a]!.id > nodes[b]!.id ? 1 : 0));
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  for (const i of order) {
    const n = nodes[i]!;
    const name = base[i] ?? "";
    if ((total.get(name) ?? 0) < 2) names.set(n.id, name);
    else {
      const nth = (seen.get(name) ?? 0) + 1;
      seen.set(name, nth);
      names.set(n.id, `${name} (${nth})`);
    }
  }
  return new Map(nodes.map((n) => [n.id, names.get(n.id) ?? ""]));
}
