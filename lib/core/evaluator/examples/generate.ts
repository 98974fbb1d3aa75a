import { mulberry32 } from "@/lib/core/util/prng";
import type { DesignInput } from "../schema";

// Deterministic generator of large, well-behaved designs (microservices in layers, each domain with its own
// cache and database, some work handed to queues and workers). Pure, so tests can check that the committed
// examples (generated-50.json, generated-2000.json) are exactly its output. To rewrite them:
//   npx tsx -e 'import {writeFileSync} from "node:fs"; import {generateDesign, formatDesign} from "./lib/core/evaluator/examples/generate";
//     for (const n of [50, 2000]) writeFileSync(`lib/core/evaluator/examples/generated-${n}.json`, formatDesign(generateDesign(n)))'

type N = DesignInput["nodes"][number];
type E = DesignInput["edges"][number];

/** Generates a valid design with exactly `totalNodes` nodes (≥ 20), seeded. */
export function generateDesign(totalNodes: number, seed = 42): DesignInput {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const between = (lo: number, hi: number) => Math.round((lo + rand() * (hi - lo)) * 10) / 10;
  const nodes: N[] = [];
  const edges: E[] = [];
  let edgeNo = 0;
  const edge = (from: string, to: string, props: NonNullable<E["props"]> = {}) => {
    edgeNo += 1;
    edges.push({ id: `e${String(edgeNo).padStart(5, "0")}`, from, to, props });
  };

  const clients: [string, string, number][] = [
    ["users-us", "us-east", 0.6],
    ["users-eu", "eu-west", 0.25],
    ["users-ap", "ap-northeast", 0.15],
  ];
  for (const [id, region, share] of clients) nodes.push({ id, kind: "client", region, props: { share } });
  nodes.push({ id: "dns", kind: "dns", props: { routing: "geo", ttlSeconds: 60, lookupMs: 40, cacheHitRatio: 0.8 } });
  const edgeSettings = {
    tlsTermination: true,
    certificate: "managed" as const,
    minTls: "1.2" as const,
    compression: "brotli" as const,
    varyAcceptEncoding: true,
  };
  nodes.push({ id: "edge", kind: "cdn", zone: "public", props: { cacheHitRatio: 0.5, http: "3", ...edgeSettings } });
  nodes.push({
    id: "lb",
    kind: "load_balancer",
    region: "us-east",
    props: {
      layer: 7,
      algorithm: "least_connections",
      healthCheck: { enabled: true, intervalSeconds: 5, unhealthyThreshold: 2 },
      http: "2",
      ...edgeSettings,
    },
  });
  nodes.push({
    id: "firewall",
    kind: "firewall",
    props: {
      defaultAction: "deny",
      rules: [
        { action: "allow", direction: "inbound", protocol: "tcp", port: 443, source: "internet" },
        { action: "allow", direction: "inbound", protocol: "tcp", port: 5432, source: "10.0.0.0/8" },
      ],
    },
  });
  for (const [id] of clients) {
    edge(id, "dns");
    edge(id, "edge", { responseBytes: 20000 });
  }
  edge("edge", "lb", { tls: "1.3", httpVersion: "2", keepAlive: true, rttMs: 12, timeoutMs: 10000 });

  // Budget the remaining nodes: services 60 %, domains (cache + db) 10 % each, queues + workers, externals.
  const rest = totalNodes - nodes.length;
  const domains = Math.max(1, Math.floor(rest * 0.1));
  const queues = Math.max(1, Math.floor(rest * 0.04));
  const externals = Math.max(1, Math.floor(rest * 0.02));
  const workers = Math.max(1, Math.floor(rest * 0.06));
  const services = rest - 2 * domains - queues - externals - workers;
  const layers = Math.max(2, Math.min(8, Math.round(Math.log2(services))));
  const perLayer = Math.ceil(services / layers);

  for (let d = 0; d < domains; d++) {
    nodes.push({
      id: `cache-${d}`,
      kind: "cache",
      region: "us-east",
      zone: "data",
      props: { engine: "redis", hitRatio: between(0.8, 0.95), ttlSeconds: 300, replicas: 2 },
    });
    nodes.push({
      id: `db-${d}`,
      kind: "database",
      region: "us-east",
      zone: "data",
      props: { engine: "postgres", queryMs: between(2, 6), readReplicas: 1, maxConnections: 5000 },
    });
  }
  for (let x = 0; x < externals; x++) {
    nodes.push({
      id: `partner-${x}`,
      kind: "external_api",
      props: { latencyMs: between(40, 90), availability: 0.9999 },
    });
  }
  for (let q = 0; q < queues; q++)
    nodes.push({ id: `queue-${q}`, kind: "queue", region: "us-east", props: { engine: "kafka" } });
  for (let w = 0; w < workers; w++) {
    nodes.push({
      id: `worker-${w}`,
      kind: "worker",
      region: "us-east",
      props: { replicas: 4, serviceTimeMs: between(5, 20), concurrency: 16 },
    });
  }

  const layerIds: string[][] = [];
  let made = 0;
  for (let l = 0; l < layers; l++) {
    const ids: string[] = [];
    for (let k = 0; k < perLayer && made < services; k++, made++) {
      const id = `svc-${l}-${k}`;
      ids.push(id);
      const t = between(1, 5);
      nodes.push({
        id,
        kind: "service",
        region: "us-east",
        props: { replicas: 3, serviceTimeMs: t, serviceTimeP99Ms: Math.round(t * 3 * 10) / 10, concurrency: 32 },
      });
    }
    layerIds.push(ids);
  }
  // Each layer needs its own p99 plus cache (50 ms) and database (150 ms) budgets, and possibly a 1 s partner call, on top of the next layer's.
  const timeoutFor = (layer: number) => 1500 + (layers - layer) * 600;
  const sync = (layer: number, extra: NonNullable<E["props"]> = {}) => ({
    keepAlive: true,
    timeoutMs: timeoutFor(layer),
    ...extra,
  });

  // The balancer routes each request to one front service (path-based routing).
  const front = layerIds[0] ?? [];
  for (const id of front) edge("lb", id, sync(0, { callProbability: Math.round((1 / front.length) * 1e6) / 1e6 }));
  layerIds.forEach((ids, l) => {
    const next = layerIds[l + 1] ?? [];
    ids.forEach((id, k) => {
      const d = (l * perLayer + k) % domains;
      edge(id, `cache-${d}`, { protocol: "redis", poolSize: 4, timeoutMs: 50 });
      edge(id, `db-${d}`, { protocol: "postgres", poolSize: 4, timeoutMs: 150 });
      if (next.length > 0) {
        // Every next-layer service gets at least one caller; calls downstream run in parallel.
        const a = next[k % next.length] as string;
        edge(id, a, sync(l + 1, { parallel: true, callProbability: between(0.3, 0.6) }));
        if (rand() < 0.6) {
          const b = pick(next);
          if (b !== a) edge(id, b, sync(l + 1, { parallel: true, callProbability: between(0.1, 0.3) }));
        }
      }
      if (rand() < 0.08) {
        const x = `partner-${Math.floor(rand() * externals)}`;
        edge(id, x, {
          tls: "1.3",
          keepAlive: true,
          rttMs: 10,
          timeoutMs: 1000,
          parallel: true,
          circuitBreaker: true,
          callProbability: 0.05,
        });
      }
      if (rand() < 0.1)
        edge(id, `queue-${Math.floor(rand() * queues)}`, { mode: "async", timeoutMs: 100, callProbability: 0.1 });
    });
  });
  for (let w = 0; w < workers; w++) {
    edge(`queue-${w % queues}`, `worker-${w}`, { mode: "async" });
    edge(`worker-${w}`, `db-${w % domains}`, { protocol: "postgres", poolSize: 4, timeoutMs: 300 });
  }

  return {
    version: 1,
    name: `Generated microservices (${totalNodes} nodes, seed ${seed})`,
    scenario: { rps: 2000, readRatio: 0.9, coldRatio: 0.05, targets: { p99Ms: 500, availability: 0.999 } },
    nodes,
    edges,
  };
}

/**
 * Compact JSON with one node or edge per line: readable, diff-friendly, and under the API's 1 MB limit even
 * for the 2,000-node design.
 */
export function formatDesign(design: DesignInput): string {
  const { nodes, edges, ...head } = design;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, "");
  const lines = (xs: unknown[]) => xs.map((x) => `    ${JSON.stringify(x)}`).join(",\n");
  return `${top},\n  "nodes": [\n${lines(nodes)}\n  ],\n  "edges": [\n${lines(edges)}\n  ]\n}\n`;
}
