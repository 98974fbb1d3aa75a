// W10: browser → CDN → Redis → database with cache-aside fill, a simulated clock, TTLs, invalidation
// strategies and private data that must never sit on the CDN. Latencies are figures of the reference table.

import { figureRangeLabel, widgetFigure } from "@/lib/core/widgets/reference-figures";

export type LayerId = "browser" | "cdn" | "redis" | "db";

/** The latencies the widget simulates (ms), each a figure of content/reference-figures.json. */
export const CACHING_FIGURES = {
  cdnHit: widgetFigure("cdn-hit", 15),
  redisRead: widgetFigure("redis-read", 1),
  databaseQuery: widgetFigure("postgres-indexed", 10),
  /** Round trip from the user to the origin (app server) when the CDN misses: one across a continent. */
  originRtt: widgetFigure("rtt-continent", 60),
} as const;

export const LAYERS: readonly { id: LayerId; label: string; latency: string; ms: number; lives: string; vantage: string }[] = [
  { id: "browser", label: "Browser cache", latency: "0 ms", ms: 0, lives: "Kept by the browser on the user's device, steered by Cache-Control.", vantage: "measured on the device: no network at all" },
  { id: "cdn", label: "CDN", latency: figureRangeLabel(CACHING_FIGURES.cdnHit.figureId), ms: CACHING_FIGURES.cdnHit.ms, lives: "Edge servers around the world caching static and public content.", vantage: "measured from the user to the nearest edge" },
  { id: "redis", label: "Redis", latency: figureRangeLabel(CACHING_FIGURES.redisRead.figureId), ms: CACHING_FIGURES.redisRead.ms, lives: "In-memory cache beside your app servers, for API responses.", vantage: "measured from the app server, not from the user" },
  { id: "db", label: "Database", latency: figureRangeLabel(CACHING_FIGURES.databaseQuery.figureId), ms: CACHING_FIGURES.databaseQuery.ms, lives: "The source of truth: slowest, but always fresh.", vantage: "measured from the app server" },
];

/** Round trip from the user to the origin (app server) when the CDN misses. */
export const ORIGIN_RTT_MS = CACHING_FIGURES.originRtt.ms;

export type ScenarioId = "users" | "profile" | "prices";
export type Scenario = { id: ScenarioId; label: string; description: string; key: string; path: string; ttl: number; private: boolean; cacheControl: string };

export const SCENARIOS: readonly Scenario[] = [
  { id: "users", label: "User list (changes rarely)", description: "A public list that changes a few times a day.", key: "users:all", path: "/api/users", ttl: 300, private: false, cacheControl: "public, max-age=300" },
  {
    id: "profile",
    label: "My profile (private)",
    description: "Per-user data: the CDN must never store it, or one user could be served another's profile.",
    key: "user:42:profile",
    path: "/api/me",
    ttl: 60,
    private: true,
    cacheControl: "private, max-age=60",
  },
  { id: "prices", label: "Live prices (change constantly)", description: "Data that changes every few seconds: a short TTL bounds how stale it can be.", key: "prices:latest", path: "/api/prices", ttl: 5, private: false, cacheControl: "public, max-age=5" },
];

export type Entry = { key: string; version: number; expiresAt: number };
export type CacheState = {
  scenario: ScenarioId;
  clock: number;
  dataVersion: number;
  /** Version suffix for versioned URLs (?v=n); bumped by the versioned-URL invalidation. */
  urlVersion: number;
  layers: Record<Exclude<LayerId, "db">, Entry[]>;
  hits: Record<LayerId, number>;
};

export type Invalidation = "delete-key" | "purge-cdn" | "versioned-url" | "wait-ttl";

export const INVALIDATIONS: readonly { id: Invalidation; label: string; effect: string }[] = [
  { id: "delete-key", label: "Delete the Redis key", effect: "DEL removes the key; the next request that reaches Redis rebuilds it. Browser and CDN copies stay until their TTL." },
  { id: "purge-cdn", label: "Purge the CDN", effect: "Removes the edge copy. Browsers that already have it keep it until max-age runs out." },
  { id: "versioned-url", label: "Versioned URL", effect: "Clients ask for a new URL (?v=2), which no cache has seen, so every layer misses once. Old copies are simply never asked for again." },
  { id: "wait-ttl", label: "Wait for the TTL", effect: "Do nothing: every layer serves the old value until its copy expires." },
];

export function scenarioOf(id: ScenarioId): Scenario {
  return SCENARIOS.find((s) => s.id === id) as Scenario;
}

export function initialCache(scenario: ScenarioId = "users"): CacheState {
  return { scenario, clock: 0, dataVersion: 1, urlVersion: 1, layers: { browser: [], cdn: [], redis: [] }, hits: { browser: 0, cdn: 0, redis: 0, db: 0 } };
}

/** The cache key used at the HTTP layers (browser, CDN): the URL, with its version when versioned. */
export function urlKey(state: CacheState): string {
  const sc = scenarioOf(state.scenario);
  return state.urlVersion > 1 ? `${sc.path}?v=${state.urlVersion}` : sc.path;
}

function redisKey(state: CacheState): string {
  const sc = scenarioOf(state.scenario);
  return state.urlVersion > 1 ? `${sc.key}:v${state.urlVersion}` : sc.key;
}

export type RequestResult = { state: CacheState; servedBy: LayerId; version: number; stale: boolean; latencyMs: number; path: { layer: LayerId; hit: boolean; note: string }[] };

const liveEntry = (list: Entry[], key: string, clock: number) => list.find((e) => e.key === key && e.expiresAt > clock);

/** One request. Misses fall through; the answer is written back into every layer above (cache-aside). */
export function request(state: CacheState): RequestResult {
  const sc = scenarioOf(state.scenario);
  const http = urlKey(state);
  const rkey = redisKey(state);
  const path: RequestResult["path"] = [];
  const expires = state.clock + sc.ttl;
  const layers = { browser: [...state.layers.browser], cdn: [...state.layers.cdn], redis: [...state.layers.redis] };
  const put = (layer: Exclude<LayerId, "db">, key: string, version: number) => {
    layers[layer] = [...layers[layer].filter((e) => e.key !== key), { key, version, expiresAt: expires }];
  };
  const done = (servedBy: LayerId, version: number, latencyMs: number): RequestResult => ({
    state: { ...state, layers, hits: { ...state.hits, [servedBy]: state.hits[servedBy] + 1 } },
    servedBy,
    version,
    stale: version < state.dataVersion,
    latencyMs,
    path,
  });

  const b = liveEntry(layers.browser, http, state.clock);
  if (b) {
    path.push({ layer: "browser", hit: true, note: `Fresh copy of ${http} (${b.expiresAt - state.clock} s left)` });
    return done("browser", b.version, 0);
  }
  path.push({ layer: "browser", hit: false, note: "No fresh copy on this device" });
  if (sc.private) {
    path.push({ layer: "cdn", hit: false, note: "Skipped: Cache-Control: private forbids shared caches" });
  } else {
    const c = liveEntry(layers.cdn, http, state.clock);
    if (c) {
      path.push({ layer: "cdn", hit: true, note: `Edge copy of ${http}` });
      put("browser", http, c.version);
      return done("cdn", c.version, CACHING_FIGURES.cdnHit.ms);
    }
    path.push({ layer: "cdn", hit: false, note: "Edge miss: forward to the origin" });
  }
  const r = liveEntry(layers.redis, rkey, state.clock);
  if (r) {
    path.push({ layer: "redis", hit: true, note: `GET ${rkey} hit` });
    if (!sc.private) put("cdn", http, r.version);
    put("browser", http, r.version);
    return done("redis", r.version, ORIGIN_RTT_MS + CACHING_FIGURES.redisRead.ms);
  }
  path.push({ layer: "redis", hit: false, note: `GET ${rkey} miss` });
  path.push({ layer: "db", hit: true, note: `Query the database; SET ${rkey} EX ${sc.ttl}` });
  put("redis", rkey, state.dataVersion);
  if (!sc.private) put("cdn", http, state.dataVersion);
  put("browser", http, state.dataVersion);
  return done("db", state.dataVersion, ORIGIN_RTT_MS + CACHING_FIGURES.databaseQuery.ms);
}

export function advance(state: CacheState, seconds: number): CacheState {
  return { ...state, clock: state.clock + Math.max(0, seconds) };
}

/** New device / CDN purge / Redis flush. */
export function clearLayer(state: CacheState, layer: Exclude<LayerId, "db">): CacheState {
  return { ...state, layers: { ...state.layers, [layer]: [] } };
}

/** The data changes in the database, followed by one invalidation strategy. */
export function updateData(state: CacheState, how: Invalidation): CacheState {
  const next: CacheState = { ...state, dataVersion: state.dataVersion + 1 };
  switch (how) {
    case "delete-key":
      return { ...next, layers: { ...next.layers, redis: next.layers.redis.filter((e) => e.key !== redisKey(state)) } };
    case "purge-cdn":
      return { ...next, layers: { ...next.layers, cdn: [] } };
    case "versioned-url":
      return { ...next, urlVersion: state.urlVersion + 1 };
    case "wait-ttl":
      return next;
  }
}

/** Whether any layer holds a scenario entry for a private response at the CDN (must always be false). */
export function cdnHoldsPrivate(state: CacheState): boolean {
  return scenarioOf(state.scenario).private && state.layers.cdn.length > 0;
}

export const EXAMPLES: readonly string[] = [
  "An endpoint that took 200 ms from the database answered in 2 ms once Redis held the result.",
  "Users in Europe waited 800 ms for assets from a US origin; behind a CDN with max-age=86400 it was 40 ms.",
];
