import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WIDGET_CATALOGUE } from "@/components/widgets/registry";
import { loadChapters, loadChecklist, sectionIndex, WORDS_PER_MINUTE } from "@/lib/content/chapters";
import { loadGlossary, parseGlossaryFile } from "@/lib/content/glossary";
import { formatFigureRange, REFERENCE_FIGURES } from "@/lib/content/reference-figures";
import type { ContentPart } from "@/lib/content/types";
import { CHAPTER_SECTIONS } from "@/lib/schemas/chapters";
import { CHECKLIST_IDS } from "@/lib/core/evaluator/links";

const ROOT = process.cwd();
const chapters = loadChapters();

/** The required section ids per chapter, read from the writers' guide so the guide and the test cannot drift. */
function requiredSections(): Map<string, { number: number; ids: string[] }> {
  const doc = readFileSync(path.join(ROOT, "docs/content-format.md"), "utf8");
  const rows = [...doc.matchAll(/^\| (\d+) \| `([a-z0-9-]+)` \| ([^|]+) \|$/gm)];
  return new Map(rows.map((r) => [r[2]!, { number: Number(r[1]), ids: r[3]!.split(",").map((s) => s.trim()) }]));
}

function htmlOf(parts: ContentPart[]): string {
  return parts.map((p) => (p.kind === "html" ? p.html : "")).join("\n");
}

describe("chapters", () => {
  const required = requiredSections();

  it("has every chapter of the writers' guide and of the section list, numbered in order", () => {
    // The guide's table, the schema's section list and the files on disk must name the same chapters.
    expect([...required.keys()]).toEqual(Object.keys(CHAPTER_SECTIONS));
    for (const [slug, ids] of Object.entries(CHAPTER_SECTIONS)) expect(required.get(slug)?.ids, slug).toEqual([...ids]);
    expect(chapters.map((c) => c.slug)).toEqual([...required.keys()]);
    expect(chapters.map((c) => c.number)).toEqual([...required.values()].map((r) => r.number));
  });

  it.each(chapters.map((c) => [c.slug, c] as const))("%s: front matter, objectives and reading time", (_slug, chapter) => {
    expect(chapter.title.length).toBeGreaterThan(5);
    expect(chapter.description.length).toBeGreaterThan(20);
    expect(chapter.objectives.length).toBeGreaterThanOrEqual(4);
    expect(chapter.objectives.length).toBeLessThanOrEqual(6);
    expect(chapter.words).toBeGreaterThan(1500);
    expect(chapter.readingMinutes).toBe(Math.max(1, Math.round(chapter.words / WORDS_PER_MINUTE)));
  });

  it.each(chapters.map((c) => [c.slug, c] as const))("%s: required sections in order, then summary and further reading", (slug, chapter) => {
    const ids = chapter.sections.map((s) => s.id);
    const want = [...required.get(slug)!.ids, "summary", "further-reading"];
    expect(ids.filter((id) => want.includes(id))).toEqual(want);
    expect(ids.slice(-2)).toEqual(["summary", "further-reading"]);
  });

  it.each(chapters.map((c) => [c.slug, c] as const))("%s: every anchor is unique and every section has content", (_slug, chapter) => {
    expect(new Set(chapter.anchors).size).toBe(chapter.anchors.length);
    for (const section of chapter.sections) {
      expect(section.parts.length, section.id).toBeGreaterThan(0);
      expect(section.words, section.id).toBeGreaterThan(20);
    }
  });

  it.each(chapters.map((c) => [c.slug, c] as const))("%s: no directive or heading-id syntax leaks into the page", (_slug, chapter) => {
    const html = [htmlOf(chapter.intro), ...chapter.sections.map((s) => s.titleHtml + htmlOf(s.parts))].join("\n");
    expect(html).not.toMatch(/^:::/m);
    expect(html).not.toMatch(/\{#[a-z0-9-]+\}/);
    expect(html).not.toMatch(/::widget/);
    expect(html).not.toMatch(/TODO|coming soon|lorem ipsum/i);
  });

  it.each(chapters.map((c) => [c.slug, c] as const))("%s: every widget marker becomes a slot for a known widget", (_slug, chapter) => {
    const markers = readFileSync(path.join(ROOT, chapter.file), "utf8").match(/^::widget\{id="(W\d+)"\}$/gm) ?? [];
    expect(chapter.widgets).toHaveLength(markers.length);
    for (const id of chapter.widgets) expect(WIDGET_CATALOGUE[id], id).toBeDefined();
  });

  it("the request index for progress agrees with the rendered chapters", () => {
    const index = sectionIndex();
    for (const chapter of chapters) {
      expect([...index.get(chapter.slug)!.sections]).toEqual(chapter.sections.map((s) => s.id));
      expect([...index.get(chapter.slug)!.anchors]).toEqual(chapter.anchors);
      expect(index.get(chapter.slug)!.trackable.has("summary")).toBe(false);
    }
  });
});

describe("internal links", () => {
  const index = sectionIndex();
  const glossaryIds = new Set(loadGlossary().map((t) => t.id));
  const checklistIds = new Set(loadChecklist().anchors);

  function resolves(href: string): boolean {
    const [pathPart = "", anchor] = href.split("#");
    const m = /^\/learn(?:\/([a-z0-9-]+))?\/?$/.exec(pathPart);
    if (!m) return true; // Not a course link.
    const page = m[1];
    if (!page) return anchor === undefined;
    if (page === "glossary") return anchor === undefined || glossaryIds.has(anchor);
    if (page === "checklist") return anchor === undefined || checklistIds.has(anchor);
    const chapter = index.get(page);
    return chapter !== undefined && (anchor === undefined || chapter.anchors.has(anchor));
  }

  function hrefs(html: string): string[] {
    return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&#x26;|&amp;/g, "&"));
  }

  it("every /learn link in every chapter resolves to a real page and anchor", () => {
    const broken: string[] = [];
    for (const chapter of chapters) {
      const html = [htmlOf(chapter.intro), ...chapter.sections.map((s) => htmlOf(s.parts))].join("\n");
      for (const href of hrefs(html)) if (href.startsWith("/") && !resolves(href)) broken.push(`${chapter.slug}: ${href}`);
    }
    expect(broken).toEqual([]);
  });

  it("every /learn link on the checklist and in the glossary resolves", () => {
    const checklist = loadChecklist();
    const html = [htmlOf(checklist.intro), ...checklist.sections.map((s) => htmlOf(s.parts)), ...loadGlossary().map((t) => t.definitionHtml)].join("\n");
    const broken = hrefs(html).filter((h) => h.startsWith("/") && !resolves(h));
    expect(broken).toEqual([]);
  });

  it("every glossary term's 'see' points at a real section", () => {
    const broken = loadGlossary().filter((t) => !t.see.startsWith("/learn/") || !t.see.includes("#") || !resolves(t.see)).map((t) => `${t.id} → ${t.see}`);
    expect(broken).toEqual([]);
  });

  it("every question links to a real chapter section", () => {
    const dir = path.join(ROOT, "content/questions");
    const broken: string[] = [];
    let count = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const questions = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { id: string; chapter: string; section: string; prompt: string; explanation: string }[];
      for (const q of questions) {
        count++;
        if (!index.get(q.chapter)?.sections.has(q.section)) broken.push(`${q.id} → /learn/${q.chapter}#${q.section}`);
        for (const m of `${q.prompt}\n${q.explanation}`.matchAll(/\]\((\/learn\/[^)\s]+)\)/g)) if (!resolves(m[1]!)) broken.push(`${q.id} → ${m[1]}`);
      }
    }
    expect(count).toBeGreaterThan(200);
    expect(broken).toEqual([]);
  });

  it("the link checker itself rejects unknown chapters and anchors", () => {
    expect(resolves("/learn/tcp-connections#three-way-handshake")).toBe(true);
    expect(resolves("/learn/tcp-connections#no-such-anchor")).toBe(false);
    expect(resolves("/learn/no-such-chapter")).toBe(false);
    expect(resolves("/learn/glossary#no-such-term")).toBe(false);
  });
});

describe("glossary", () => {
  const dir = path.join(ROOT, "content/glossary");
  const files = readdirSync(dir).filter((f) => f.endsWith(".md"));
  const perFile = files.map((f) => parseGlossaryFile(readFileSync(path.join(dir, f), "utf8"), f));

  it("has one file per chapter with 10–20 terms each", () => {
    expect(files.map((f) => f.replace(/\.md$/, "")).sort()).toEqual(chapters.map((c) => c.slug).sort());
    for (const terms of perFile) {
      expect(terms.length).toBeGreaterThanOrEqual(10);
      expect(terms.length).toBeLessThanOrEqual(20);
    }
  });

  it("term ids are unique across all files", () => {
    const ids = perFile.flat().map((t) => t.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
    expect(loadGlossary()).toHaveLength(ids.length);
  });

  it("every alias belongs to exactly one term, so a mention always links to the same place", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const term of perFile.flat()) {
      expect(term.aliases.length, term.id).toBeGreaterThan(0);
      for (const alias of term.aliases) {
        const prev = owner.get(alias.toLowerCase());
        if (prev && prev !== term.id) clashes.push(`"${alias}": ${prev} and ${term.id}`);
        owner.set(alias.toLowerCase(), term.id);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe("checklist", () => {
  it("renders the 10 items with the ids of the design format, in order", () => {
    // CHECKLIST_IDS are the design format's ids in its order (tests/unit/evaluator/checklist.test.ts pins them).
    const ids = loadChecklist().sections.map((s) => s.id);
    expect(ids.filter((id) => (CHECKLIST_IDS as readonly string[]).includes(id))).toEqual([...CHECKLIST_IDS]);
  });

  it("links every interview-layer chapter (15–20), and the items on limits and real-time link their sections", () => {
    const checklist = loadChecklist();
    const intro = htmlOf(checklist.intro);
    for (const slug of ["the-interview", "estimation", "consistency", "rate-limiting", "real-time", "feeds"]) {
      expect(intro).toContain(`href="/learn/${slug}#`);
    }
    const section = (id: string) => htmlOf(checklist.sections.find((s) => s.id === id)?.parts ?? []);
    expect(section("bounded-pools")).toContain('href="/learn/rate-limiting#load-shedding"');
    expect(section("edge-http2")).toContain('href="/learn/real-time#transport-at-scale"');
    expect(section("cors-origins")).toContain('href="/learn/rate-limiting#where-to-limit"');
  });
});

// Facts from the content brief's chapter plan and coverage map (Part 5) that each chapter must state.
const COVERAGE: Record<string, string[]> = {
  "big-picture": ["OSI", "TCP/IP", "encapsulation", "Presentation", "Data link", "Connection refused", "No route to host", "ARP", "ICMP"],
  "addressing": ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "CIDR", "/24", "256", "254", "longest prefix", "NAT", "0–1023", "1024", "49152", "65535", "32768", "60999", "2^128", "4.3 billion"],
  "tcp-connections": ["SYN", "SYN-ACK", "TIME_WAIT", "MSL", "FIN", "sequence number", "window scaling", "checksum", "retransmission", "flow control", "receive window", "65,535", "RST", "CLOSE_WAIT"],
  "tcp-performance": ["slow start", "congestion avoidance", "cwnd", "ssthresh", "initial window", "CUBIC", "BBR", "Nagle", "TCP_NODELAY", "delayed ACK", "40 ms", "fast retransmit", "three duplicate"],
  "udp-quic-realtime": ["8-byte", "QUIC", "WebSocket", "101 Switching Protocols", "Sec-WebSocket-Key", "Sec-WebSocket-Accept", "Server-Sent Events", "long polling", "heartbeat", "ping", "head-of-line", "jitter"],
  "dns": ["recursive resolver", "TLD", "authoritative", "A record", "AAAA", "CNAME", "MX", "TXT", "TTL", "GeoDNS", "anycast", "DNS over HTTPS", "DoT", "853", "dns.lookup", "dns.resolve", "getaddrinfo", "libuv"],
  "http-semantics": ["POST", "PUT", "PATCH", "DELETE", "idempotent", "Cache-Control", "ETag", "If-None-Match", "304", "Vary", "Retry-After", "429", "503", "Strict-Transport-Security", "Accept-Encoding", "Content-Encoding"],
  "http-versions": ["head-of-line", "multiplexing", "HPACK", "QPACK", "QUIC", "0-RTT", "connection migration", "keep-alive", "connection pool", "6 connections", "HTTP/1.1"],
  "tls": ["TLS 1.3", "TLS 1.2", "1-RTT", "0-RTT", "ECDHE", "forward secrecy", "SNI", "ECH", "certificate", "Let's Encrypt", "90", "mTLS", "HSTS", "AES-GCM", "ChaCha20"],
  "load-balancing": ["Layer 4", "Layer 7", "round robin", "least connections", "weighted", "IP hash", "consistent hashing", "health check", "reverse proxy", "forward proxy", "proxy_pass", "upstream", "X-Forwarded-For", "keepalive", "client-side"],
  "caching": ["cache-aside", "TTL", "CDN", "stale-while-revalidate", "invalidation", "Cache-Control", "s-maxage", "ETag", "Redis", "hit ratio", "purge", "versioned", "immutable", "stampede"],
  "edge-security": ["security group", "default deny", "stateful", "CORS", "preflight", "OPTIONS", "Access-Control-Allow-Origin", "sliding window", "429", "Retry-After", "middleware", "CSRF", "rate limit", "0.0.0.0/0"],
  "latency": ["p99", "p50", "tail latency", "fan-out", "bandwidth", "round trip", "150 ms", "Server-Timing", "TTFB", "hedged", "The Tail at Scale", "curl", "99%", "20–120 ms", "10–30 ms", "30–50 ms", "5–20 ms", "50–500 ms"],
  "distributed-systems": ["timeout", "exponential backoff", "jitter", "circuit breaker", "idempotency key", "Idempotency-Key", "service discovery", "BGP", "anycast", "autonomous system", "retry storm", "connect timeout", "half-open"],
  // Issue 16, "the interview": the eight steps, three walk-throughs and the follow-up bank.
  "the-interview": ["functional requirements", "non-functional requirements", "estimates", "API", "data model", "high-level design", "deep dive", "follow-up", "wrap-up", "URL shortener", "news feed", "chat", "base 62", "302", "fan-out on write", "celebrity", "heartbeat", "client message id", "pub/sub", "drain", "hot key", "429"],
  // Issue 16, "back-of-the-envelope estimation".
  "estimation": ["/learn/latency#latency-numbers", "powers of two", "2¹⁰", "65,536", "4.3 billion", "86,400", "daily active users", "peak factor", "headroom", "storage", "bandwidth", "egress", "× 8", "cache", "80/20", "hit ratio", "Little's law", "L = λ × W", "N + 1"],
  // Issue 16, "consistency and partitions".
  "consistency": ["single leader", "multi-leader", "leaderless", "follower", "asynchronous", "synchronous", "failover", "split brain", "last write wins", "CRDT", "read repair", "replication lag", "read-your-writes", "monotonic reads", "eventual consistency", "W + R > N", "quorum", "sloppy quorum", "linearizable", "CAP", "PACELC", "partition", "consensus", "Raft", "majority", "2f + 1", "etcd", "ZooKeeper", "lease", "fencing token", "STONITH", "at most once", "at least once", "exactly once", "outbox", "idempotency key", "Kafka"],
  "rate-limiting": ["token bucket", "leaky bucket", "fixed window", "sliding window log", "sliding window counter", "GCRA", "burst", "INCR", "Lua script", "fail open", "fail closed", "429", "Retry-After", "503", "load shedding", "SLO", "error budget", "concurrency limit", "Little's law", "per IP", "API key"],
  "real-time": ["connection tier", "Last-Event-ID", "long polling", "Server-Sent Events", "WebSocket", "pub/sub", "at most once", "sequence number", "backfill", "presence", "heartbeat", "TTL", "grace period", "sticky session", "least-connections", "Socket.IO", "readiness", "deregistration delay", "1001", "1012", "jitter", "reconnect storm"],
  "feeds": ["home timeline", "fan-out on write", "fan-out on read", "push", "pull", "hybrid", "celebrity", "threshold", "k-way merge", "hot key", "write amplification", "timeline cache", "post ids", "hydrate", "multi-get", "cursor", "shard by user id", "inactive", "time-ordered id", "86,400"],
};

describe("coverage of the brief", () => {
  it("lists keywords for every chapter", () => {
    expect(Object.keys(COVERAGE).sort()).toEqual(chapters.map((c) => c.slug).sort());
  });

  it.each(chapters.map((c) => [c.slug, c] as const))("%s states every fact keyword", (slug, chapter) => {
    const source = readFileSync(path.join(ROOT, chapter.file), "utf8");
    // The reference-figure table is rendered from content/reference-figures.json, so its rows count as the chapter's.
    const table = source.includes("::reference-figures") ? REFERENCE_FIGURES.map((f) => `${f.label} ${formatFigureRange(f)}`).join("\n") : "";
    const text = `${source}\n${table}`.toLowerCase();
    const missing = (COVERAGE[slug] ?? []).filter((k) => !text.includes(k.toLowerCase()));
    expect(missing).toEqual([]);
  });
});
