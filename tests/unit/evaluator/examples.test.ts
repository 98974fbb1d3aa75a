import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { designJsonSchema, evaluateDesign } from "@/lib/core/evaluator/index";
import { formatDesign, generateDesign } from "@/lib/core/evaluator/examples/generate";
import { EXAMPLES_DIR, ROOT, evalOk, findingIds, loadExample, type Doc } from "./helpers";

const all = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".json"));

describe("public/schemas/design-v2.json", () => {
  it("equals the schema generated from zod (run `npm run schema:design` when this fails)", () => {
    const committed = readFileSync(`${ROOT}public/schemas/design-v2.json`, "utf8");
    expect(committed).toBe(`${JSON.stringify(designJsonSchema(), null, 2)}\n`);
  });
  it("accepts both versions and publishes the v2 fields; the published v1 file stays as it was", () => {
    const s = designJsonSchema() as Doc;
    expect(JSON.stringify(s.properties.version)).toContain("1");
    expect(JSON.stringify(s.properties.version)).toContain("2");
    const text = JSON.stringify(s);
    for (const field of ["cacheFor", "requests", "groupPolicy", "zones", "queryP99Ms", "ack"]) expect(text).toContain(field);
    const v1 = JSON.parse(readFileSync(`${ROOT}public/schemas/design-v1.json`, "utf8")) as Doc;
    expect(v1.properties.version.const).toBe(1);
  });
  it("declares the limits and the node kinds", () => {
    const s = designJsonSchema() as Doc;
    expect(s.properties.nodes.maxItems).toBe(2000);
    expect(s.properties.edges.maxItems).toBe(10000);
    expect(s.properties.nodes.items.oneOf).toHaveLength(14);
  });
});

describe("examples", () => {
  it("has at least 10 designs", () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
  });
  it.each(all)("%s is valid and fits the API's 1 MB body limit", (file) => {
    const text = readFileSync(`${EXAMPLES_DIR}${file}`, "utf8");
    expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024);
    expect(evaluateDesign(JSON.parse(text)).ok).toBe(true);
  });
  it.each([
    "three-tier",
    "global-read-heavy",
    "chat-websockets",
    "payments-idempotency",
    "video-quic",
    "request-journey",
  ])("%s is a reference-quality design (score ≥ 90)", (name) => {
    const r = evalOk(loadExample(name));
    expect(r.score).toBeGreaterThanOrEqual(90);
    expect(r.grade).toBe("A");
  });
  it("the bad design scores low and trips most findings", () => {
    const r = evalOk(loadExample("bad-design"));
    expect(r.score).toBeLessThan(20);
    expect(r.grade).toBe("F");
    const spec = [
      "db-exposed",
      "firewall-default-allow",
      "ssh-open",
      "no-health-check",
      "spof",
      "overload",
      "timeout-missing",
      "timeout-budget",
      "retry-non-idempotent",
      "retry-amplification",
      "no-circuit-breaker",
      "unbounded-pool",
      "lb-algorithm-mismatch",
      "dns-round-robin-no-health",
      "cache-no-ttl",
      "nat-idle-timeout",
      "target-p99-missed",
      "target-availability-missed",
    ];
    expect(findingIds(r)).toEqual(expect.arrayContaining(spec));
    expect(r.checklist.every((c) => c.status === "fail")).toBe(true);
  });
  it("the single server works but is a single point of failure", () => {
    const r = evalOk(loadExample("single-server"));
    expect(r.availability.spofs).toEqual(["app"]);
    expect(r.score).toBeLessThan(90);
  });
  it("video over QUIC: 0-RTT resumption, slow start on a 1 MB segment", () => {
    const r = evalOk(loadExample("video-quic"));
    expect(r.latency.breakdown.find((s) => s.step === "quic")).toBeUndefined();
    expect(r.latency.coldLastByteMs - r.latency.coldTtfbMs).toBe(60); // 7 rounds → 6 extra RTTs of 10 ms
  });
  it("generated examples are exactly the generator's output", () => {
    for (const n of [50, 2000]) {
      const text = readFileSync(`${EXAMPLES_DIR}generated-${n}.json`, "utf8");
      // Content, not layout: a formatter may re-indent the file (keep it compact to stay under 1 MB).
      expect(JSON.parse(text)).toEqual(JSON.parse(formatDesign(generateDesign(n))));
      expect(JSON.parse(text).nodes).toHaveLength(n);
    }
  });
  it("the 2,000-node design evaluates, and order does not matter", () => {
    const d: Doc = loadExample("generated-2000");
    const a = evalOk(d);
    d.nodes.reverse();
    d.edges.reverse();
    expect(evalOk(d)).toEqual(a);
    expect(a.capacity.nodes.length).toBeGreaterThan(1900);
  });
});
