// W4 (and W13, its repeat-visit mode): a DNS lookup walking browser cache → OS cache → /etc/hosts →
// recursive resolver → root → TLD → authoritative, with per-level caches that expire on a simulated clock.

import { widgetFigure } from "@/lib/core/widgets/reference-figures";

export const RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "SRV", "PTR", "CAA"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const TTL_CHOICES = [0, 60, 300, 3600, 86_400] as const;

export const DOMAIN = "shop.example.com";
export const RESOLVER = "1.1.1.1";
export const TLD_SERVER = "a.gtld-servers.net";
export const AUTH_SERVER = "ns1.example.com";

/** What the authoritative server answers for each record type (documentation values). */
export const ANSWERS: Record<RecordType, string> = {
  A: "203.0.113.80",
  AAAA: "2001:db8::80",
  CNAME: "shop.example.com → shops.cdn.example.net",
  MX: "10 mail.example.com",
  TXT: '"v=spf1 include:_spf.example.com ~all"',
  NS: "ns1.example.com, ns2.example.com",
  SOA: "ns1.example.com hostmaster.example.com 2026112201",
  SRV: "10 5 443 api.example.com",
  PTR: "80.113.0.203.in-addr.arpa → shop.example.com",
  CAA: '0 issue "letsencrypt.org"',
};

export type NodeId = "browser" | "local" | "resolver" | "root" | "tld" | "auth" | "cached" | "connected";

export const NODES: readonly { id: NodeId; label: string; caption: string }[] = [
  { id: "browser", label: "Browser", caption: `You type ${DOMAIN}.` },
  { id: "local", label: "Local cache", caption: "Browser cache, then the OS cache, then /etc/hosts." },
  { id: "resolver", label: "Resolver", caption: `The recursive resolver (${RESOLVER} or 8.8.8.8) checks its cache.` },
  { id: "root", label: "Root NS", caption: "Root servers point to the .com servers." },
  { id: "tld", label: "TLD NS", caption: `${TLD_SERVER} points to example.com's name servers.` },
  { id: "auth", label: "Auth NS", caption: `${AUTH_SERVER} gives the answer and its TTL.` },
  { id: "cached", label: "Cached", caption: "The answer is stored at each level and returned." },
  { id: "connected", label: "Connected", caption: "The browser opens TCP (and TLS) to the address." },
];

/** Where the time goes (ms). Cold walks and local caches stay inside the reference table's ranges (DNS_FIGURES). */
export const HOP_MS = { browserCache: 0.1, osCache: 0.3, hosts: 0.2, resolver: 12, root: 25, tld: 25, auth: 40 } as const;

/** The hop times as figures of content/reference-figures.json: a full walk is a cache miss, local caches are hits. */
export const DNS_FIGURES = {
  coldWalk: widgetFigure("dns-cache-miss", HOP_MS.resolver + HOP_MS.root + HOP_MS.tld + HOP_MS.auth),
  browserCache: widgetFigure("dns-cache-hit", HOP_MS.browserCache),
  osCache: widgetFigure("dns-cache-hit", HOP_MS.osCache),
  hosts: widgetFigure("dns-cache-hit", HOP_MS.hosts),
} as const;

export type Level = "browser" | "os" | "resolver";
export type CacheEntry = { value: string; expiresAt: number };
export type Caches = Record<Level, Record<string, CacheEntry>>;

export type DnsState = { clock: number; caches: Caches; lookups: number };

export type LookupOptions = { type: RecordType; ttl: number; hostsOverride?: boolean; browserCache?: boolean };

export type LookupStep = { node: NodeId; detail: string; ms: number };

export type LookupResult = {
  steps: LookupStep[];
  answer: string;
  answeredBy: "browser cache" | "OS cache" | "/etc/hosts" | "resolver cache" | "authoritative";
  elapsedMs: number;
  /** Servers contacted beyond the resolver: root, TLD, authoritative. */
  walked: boolean;
  state: DnsState;
};

export function initialDnsState(): DnsState {
  return { clock: 0, caches: { browser: {}, os: {}, resolver: {} }, lookups: 0 };
}

const keyOf = (type: RecordType) => `${DOMAIN} ${type}`;

function live(entry: CacheEntry | undefined, clock: number): entry is CacheEntry {
  return entry !== undefined && entry.expiresAt > clock;
}

/** Seconds left on an entry, or null when absent or expired. */
export function remainingTtl(state: DnsState, level: Level, type: RecordType): number | null {
  const e = state.caches[level][keyOf(type)];
  return live(e, state.clock) ? e.expiresAt - state.clock : null;
}

/** Advances the simulated clock (seconds). Entries whose TTL ran out stop answering. */
export function advanceClock(state: DnsState, seconds: number): DnsState {
  return { ...state, clock: state.clock + Math.max(0, seconds) };
}

export function clearLevel(state: DnsState, level: Level): DnsState {
  return { ...state, caches: { ...state.caches, [level]: {} } };
}

/** One lookup. Pure: returns the walk and the new state (caches filled on the way back). */
export function lookup(state: DnsState, opts: LookupOptions): LookupResult {
  const key = keyOf(opts.type);
  const useBrowser = opts.browserCache ?? true;
  const steps: LookupStep[] = [{ node: "browser", detail: `Lookup ${opts.type} ${DOMAIN}`, ms: 0 }];
  const finish = (answer: string, answeredBy: LookupResult["answeredBy"], caches: Caches, walked: boolean): LookupResult => {
    steps.push({ node: "connected", detail: `Connect to ${answer.split(/[ ,]/)[0]}`, ms: 0 });
    const elapsedMs = Math.round(steps.reduce((s, x) => s + x.ms, 0) * 10) / 10;
    return { steps, answer, answeredBy, elapsedMs, walked, state: { clock: state.clock, caches, lookups: state.lookups + 1 } };
  };
  const b = state.caches.browser[key];
  if (useBrowser && live(b, state.clock)) {
    steps.push({ node: "local", detail: `Browser cache hit (${b.expiresAt - state.clock} s left)`, ms: HOP_MS.browserCache });
    return finish(b.value, "browser cache", state.caches, false);
  }
  const o = state.caches.os[key];
  if (live(o, state.clock)) {
    steps.push({ node: "local", detail: `${useBrowser ? "Browser cache miss; " : ""}OS cache hit (${o.expiresAt - state.clock} s left)`, ms: HOP_MS.osCache });
    const caches = fill(state.caches, ["browser"], key, o, useBrowser);
    return finish(o.value, "OS cache", caches, false);
  }
  if (opts.hostsOverride && (opts.type === "A" || opts.type === "AAAA")) {
    const value = opts.type === "A" ? "127.0.0.1" : "::1";
    steps.push({ node: "local", detail: `Cache miss; /etc/hosts maps ${DOMAIN} to ${value}: no DNS query at all`, ms: HOP_MS.hosts });
    return finish(value, "/etc/hosts", state.caches, false);
  }
  steps.push({ node: "local", detail: "Browser and OS caches miss; nothing in /etc/hosts", ms: HOP_MS.osCache });
  const r = state.caches.resolver[key];
  if (live(r, state.clock)) {
    steps.push({ node: "resolver", detail: `Resolver cache hit (${r.expiresAt - state.clock} s left)`, ms: HOP_MS.resolver });
    const caches = fill(state.caches, ["os", "browser"], key, r, useBrowser);
    return finish(r.value, "resolver cache", caches, false);
  }
  steps.push({ node: "resolver", detail: `Resolver ${RESOLVER}: cache miss, starts the walk`, ms: HOP_MS.resolver });
  steps.push({ node: "root", detail: "Root: ask the .com servers", ms: HOP_MS.root });
  steps.push({ node: "tld", detail: `${TLD_SERVER}: ask ${AUTH_SERVER}`, ms: HOP_MS.tld });
  steps.push({ node: "auth", detail: `${AUTH_SERVER}: ${ANSWERS[opts.type]} (TTL ${opts.ttl} s)`, ms: HOP_MS.auth });
  const entry: CacheEntry = { value: ANSWERS[opts.type], expiresAt: state.clock + opts.ttl };
  const caches = opts.ttl > 0 ? fill(state.caches, ["resolver", "os", "browser"], key, entry, useBrowser) : state.caches;
  steps.push({ node: "cached", detail: opts.ttl > 0 ? `Stored for ${opts.ttl} s at the resolver, the OS and the browser` : "TTL 0: nobody may keep it, so the next lookup walks again", ms: 0 });
  return finish(entry.value, "authoritative", caches, true);
}

function fill(caches: Caches, levels: Level[], key: string, entry: CacheEntry, useBrowser: boolean): Caches {
  const next: Caches = { browser: { ...caches.browser }, os: { ...caches.os }, resolver: { ...caches.resolver } };
  for (const level of levels) {
    if (level === "browser" && !useBrowser) continue;
    next[level][key] = { ...entry };
  }
  return next;
}

/** W13: the same lookup twice (first visit, then repeat visit) and how much faster the second one is. */
export function repeatVisit(opts: LookupOptions): { first: LookupResult; second: LookupResult; speedup: number } {
  const first = lookup(initialDnsState(), opts);
  const second = lookup(first.state, opts);
  return { first, second, speedup: second.elapsedMs > 0 ? first.elapsedMs / second.elapsedMs : Infinity };
}

export type Lane = "first" | "repeat";

/** One frame of the W13 animation: which lane is moving, where the query is, and the lookup time so far (ms). */
export type AnimationFrame = { lane: Lane; step: number; node: NodeId; detail: string; elapsedMs: number };

/**
 * W13's loop: the first visit's walk frame by frame, then the repeat visit's, then round again. Elapsed times
 * come from the same lookups as `repeatVisit`, so the animation and the stepper never disagree.
 */
export function repeatVisitTimeline(opts: LookupOptions): { frames: AnimationFrame[]; firstMs: number; repeatMs: number } {
  const { first, second } = repeatVisit(opts);
  const framesOf = (lane: Lane, r: LookupResult): AnimationFrame[] => {
    let elapsed = 0;
    return r.steps.map((s, step) => {
      elapsed += s.ms;
      return { lane, step, node: s.node, detail: s.detail, elapsedMs: Math.round(elapsed * 10) / 10 };
    });
  };
  return { frames: [...framesOf("first", first), ...framesOf("repeat", second)], firstMs: first.elapsedMs, repeatMs: second.elapsedMs };
}

/** The frame shown at a tick of the animation clock; the loop wraps, so any non-negative tick is valid. */
export function frameAt(frames: readonly AnimationFrame[], tick: number): AnimationFrame | undefined {
  if (frames.length === 0) return undefined;
  return frames[((Math.floor(tick) % frames.length) + frames.length) % frames.length];
}
