import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FINDING_IDS, FINDING_RULES, type Finding } from "@/lib/core/evaluator/index";
import { EXAMPLES_DIR, evalOk, good, loadExample, type Doc } from "./helpers";

// Finding text is read by candidates: it names the editor's field labels ("Read your writes", "Min TLS"),
// never a JSON key (readYourWrites, minTls) or a stored enum value (max_connections, round_robin). Every rule
// is fired by at least one design below, and every title, detail and fix is scanned.

const CAMEL = /\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g;
const SNAKE = /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/g;
const rawNames = (text: string) => [...(text.match(CAMEL) ?? []), ...(text.match(SNAKE) ?? [])];

const GRADED = fileURLToPath(new URL("../../fixtures/graded/", import.meta.url));

function designs(): Doc[] {
  const out: Doc[] = [];
  for (const f of readdirSync(EXAMPLES_DIR))
    if (f.endsWith(".json") && f !== "generated-2000.json") out.push(loadExample(f.replace(/\.json$/, "")));
  for (const p of readdirSync(GRADED, { withFileTypes: true })) {
    if (!p.isDirectory()) continue;
    for (const f of readdirSync(`${GRADED}${p.name}`))
      if (f.endsWith(".json")) out.push(JSON.parse(readFileSync(`${GRADED}${p.name}/${f}`, "utf8")).design);
  }
  // Rules no corpus design fires: a 50-way parallel fan-out, no client, a client wired to nothing, a CDN with
  // nothing behind it, and more concurrent WebSocket users than the chat servers hold.
  const fan = good();
  for (let i = 0; i < 50; i++) {
    fan.nodes.push({ id: `shard-${i}`, kind: "cache", props: { ttlSeconds: 60, replicas: 2 } });
    fan.edges.push({ id: `s${i}`, from: "api", to: `shard-${i}`, props: { parallel: true, poolSize: 2, timeoutMs: 50 } });
  }
  const noClient = good();
  noClient.nodes = noClient.nodes.filter((n: Doc) => n.kind !== "client");
  noClient.edges = noClient.edges.filter((e: Doc) => e.from !== "browser");
  const chat = JSON.parse(readFileSync(`${GRADED}chat-websockets/reference.json`, "utf8")).design;
  chat.scenario = { ...chat.scenario, concurrentUsers: 50_000_000 };
  // A bare service: its time, concurrency and zones all take their defaults (the assumption lines).
  const bare: Doc = {
    version: 1,
    name: "bare service",
    nodes: [
      { id: "users", kind: "client" },
      { id: "api", kind: "service" },
    ],
    edges: [{ id: "call", from: "users", to: "api", props: { timeoutMs: 1000 } }],
  };
  out.push(fan, noClient, chat, bare, {
    version: 1,
    name: "clients only",
    nodes: [
      { id: "web", kind: "client" },
      { id: "dns", kind: "dns" },
    ],
    edges: [{ id: "lookup", from: "web", to: "dns" }],
  }, {
    version: 1,
    name: "cdn only",
    nodes: [
      { id: "users", kind: "client" },
      { id: "dns", kind: "dns" },
      { id: "cdn", kind: "cdn", props: { cacheHitRatio: 0.9 } },
    ],
    edges: [
      { id: "lookup", from: "users", to: "dns" },
      { id: "get", from: "users", to: "cdn", props: { timeoutMs: 2000 } },
    ],
  });
  return out;
}

describe("finding text reads in words", () => {
  const results = designs().map((d) => evalOk(d));
  const fired: Finding[] = results.flatMap((r) => r.findings);

  it("the designs fire every rule", () => {
    const ids = new Set(fired.map((f) => f.id));
    expect(FINDING_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("no rendered title, detail or fix shows a camelCase key or a snake_case value", () => {
    const bad = fired.flatMap((f) =>
      [f.title, f.detail, f.fix].flatMap((t) => rawNames(t).map((name) => `${f.id}: "${name}" in "${t}"`)),
    );
    expect([...new Set(bad)]).toEqual([]);
  });

  it("no assumption line shows a camelCase key or a snake_case value", () => {
    const lines = results.flatMap((r) => r.assumptions);
    // The designs leave fields unset, so every kind of line is there to scan: a defaulted time, a concurrency,
    // a zone count, and the nodes without a spread.
    expect(lines.some((l) => / not given, [\d.,]+ ms assumed$/.test(l))).toBe(true);
    expect(lines.some((l) => /in flight per replica/.test(l))).toBe(true);
    expect(lines.some((l) => /zones? assumed$/.test(l))).toBe(true);
    expect(lines.some((l) => /no spread is invented$/.test(l))).toBe(true);
    const bad = lines.flatMap((l) => rawNames(l).map((name) => `"${name}" in "${l}"`));
    expect([...new Set(bad)]).toEqual([]);
  });

  it("no rule's static title or fix does either", () => {
    const bad = FINDING_RULES.flatMap((r) => [r.title, r.fix].flatMap((t) => rawNames(t).map((n) => `${r.id}: ${n}`)));
    expect(bad).toEqual([]);
  });

  it("no finding or assumption names a component or connection by its id", () => {
    // Every id replaced by a token no label or kind title contains: any id that reaches the text shows.
    const renamed = designs().map((d) => {
      const ids = new Map<string, string>();
      const idOf = (id: string) => {
        if (!ids.has(id)) ids.set(id, `zqid${ids.size}`);
        return ids.get(id)!;
      };
      const doc = JSON.parse(JSON.stringify(d)) as Doc;
      for (const n of doc.nodes) {
        n.id = idOf(n.id);
        if (n.props?.cacheFor) n.props.cacheFor = n.props.cacheFor.map(idOf);
      }
      for (const e of doc.edges) Object.assign(e, { id: idOf(e.id), from: idOf(e.from), to: idOf(e.to) });
      return doc;
    });
    const lines = renamed.flatMap((d) => {
      const r = evalOk(d);
      return [...r.findings.flatMap((f) => [f.title, f.detail, f.fix].map((t) => `${f.id}: ${t}`)), ...r.assumptions];
    });
    expect(lines.length).toBeGreaterThan(100);
    expect([...new Set(lines.filter((l) => l.includes("zqid")))]).toEqual([]);
  });

  it("the scan catches what it should", () => {
    expect(rawNames("then set readYourWrites: true, below max_connections")).toEqual(["readYourWrites", "max_connections"]);
    expect(rawNames("Turn on Read your writes; PgBouncer; p99 of 40 ms; TLS 1.3")).toEqual([]);
  });
});
