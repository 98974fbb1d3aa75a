import { describe, expect, it } from "vitest";
import { DEFAULTS } from "@/lib/core/evaluator/defaults";
import { describeFieldValue, edgeFields, labelFor, nodeFields, parseInput, scenarioFields, type FieldSpec } from "@/lib/core/canvas/fields";
import { unitFor } from "@/lib/core/canvas/field-schema";
import { optionLabel, protocolLineLabel } from "@/lib/core/canvas/labels";
import { NODE_KINDS, type NodeKind } from "@/lib/schemas/design";

const typesOf = (fields: FieldSpec[]) => Object.fromEntries(fields.map((f) => [f.key, f.type]));
const field = (kind: NodeKind, key: string) => {
  const f = nodeFields(kind).find((x) => x.key === key);
  if (!f) throw new Error(`${kind}.${key} missing`);
  return f;
};

const EDGE_SETTINGS = {
  tlsTermination: "boolean",
  certificate: "enum",
  minTls: "enum",
  http: "enum",
  compression: "enum",
  varyAcceptEncoding: "boolean",
  corsOrigins: "list",
  tlsRecordBytes: "number",
};

// What the schema of each kind must turn into; a new prop in the schema shows up here as a failure to update.
const EXPECTED: Record<NodeKind, Record<string, string>> = {
  client: { share: "number", platform: "enum" },
  dns: { routing: "enum", ttlSeconds: "number", lookupMs: "number", cacheHitRatio: "number" },
  cdn: { cacheHitRatio: "number", processingMs: "number", processingP99Ms: "number", ...EDGE_SETTINGS },
  load_balancer: {
    layer: "enum",
    idleTimeoutSeconds: "number",
    algorithm: "enum",
    healthCheck: "group",
    processingMs: "number",
    processingP99Ms: "number",
    availability: "number",
    ...EDGE_SETTINGS,
  },
  gateway: {
    rateLimitRps: "number",
    processingMs: "number",
    processingP99Ms: "number",
    availability: "number",
    ...EDGE_SETTINGS,
  },
  service: {
    replicas: "number",
    serviceTimeMs: "number",
    serviceTimeP99Ms: "number",
    concurrency: "number",
    availability: "number",
    capacityWeights: "list",
    corsOrigins: "list",
    zones: "number",
    maxConnectionsPerInstance: "number",
    tlsRecordBytes: "number",
  },
  cache: {
    engine: "text",
    hitRatio: "number",
    latencyMs: "number",
    ttlSeconds: "number",
    invalidation: "enum",
    replicas: "number",
    availability: "number",
    latencyP99Ms: "number",
    cacheFor: "list",
    zones: "number",
  },
  database: {
    engine: "text",
    queryMs: "number",
    indexed: "boolean",
    unindexedQueryMs: "number",
    readReplicas: "number",
    maxConnections: "number",
    availability: "number",
    publicAccess: "boolean",
    queryP99Ms: "number",
    shards: "number",
    hotKeyShare: "number",
    zones: "number",
    replicationLagMs: "number",
    readYourWrites: "boolean",
  },
  queue: { engine: "text", availability: "number" },
  worker: {
    replicas: "number",
    serviceTimeMs: "number",
    serviceTimeP99Ms: "number",
    concurrency: "number",
    availability: "number",
    zones: "number",
  },
  object_storage: { latencyMs: "number", latencyP99Ms: "number", availability: "number", tlsRecordBytes: "number" },
  external_api: { latencyMs: "number", latencyP99Ms: "number", availability: "number" },
  firewall: { defaultAction: "enum", rules: "object-list" },
  nat_gateway: { idleTimeoutSeconds: "number" },
};

describe("fields generated from the design schema", () => {
  it.each(NODE_KINDS)("%s props produce the expected controls", (kind) => {
    expect(typesOf(nodeFields(kind))).toEqual(EXPECTED[kind]);
  });

  it("edge props produce the expected controls", () => {
    expect(typesOf(edgeFields())).toEqual({
      protocol: "enum",
      httpVersion: "enum",
      tls: "enum",
      resumption: "enum",
      keepAlive: "boolean",
      poolSize: "number",
      rttMs: "number",
      mode: "enum",
      method: "enum",
      timeoutMs: "number",
      retries: "number",
      backoff: "enum",
      idempotencyKey: "boolean",
      circuitBreaker: "boolean",
      callProbability: "number",
      parallel: "boolean",
      requestBytes: "number",
      responseBytes: "number",
      pingIntervalSeconds: "number",
      requests: "mixed",
      group: "text",
      groupPolicy: "enum",
      weight: "number",
      priority: "number",
      ack: "boolean",
      bandwidthMbps: "number",
      lossRate: "number",
      congestionControl: "enum",
      idleBetweenRequestsMs: "number",
      priorResponses: "number",
    });
  });

  it("reads units from the name suffix and ratios from the bounds", () => {
    expect(unitFor("serviceTimeMs")).toBe("ms");
    expect(unitFor("ttlSeconds")).toBe("s");
    expect(unitFor("responseBytes")).toBe("bytes");
    expect(unitFor("rateLimitRps")).toBe("req/s");
    expect(unitFor("hitRatio")).toBe("ratio 0–1");
    expect(field("service", "availability")).toMatchObject({ unit: "ratio 0–1", min: 0, max: 1 });
    expect(field("service", "replicas")).toMatchObject({ integer: true });
    expect(labelFor("serviceTimeP99Ms")).toBe("Service time p99");
    expect(labelFor("minTls")).toBe("Min TLS");
    // Fields added with model 2.1.0 carry a unit and a label without the unit suffix.
    expect(unitFor("bandwidthMbps")).toBe("Mbit/s");
    expect(labelFor("bandwidthMbps")).toBe("Bandwidth");
    expect(edgeFields().find((f) => f.key === "lossRate")).toMatchObject({ unit: "ratio 0–0.5", min: 0, max: 0.5 });
    // Model 2.2.0's congestion control reads as people name the algorithms, not as the stored values.
    expect(labelFor("congestionControl")).toBe("Congestion control");
    expect(["cubic", "bbr"].map((v) => optionLabel("congestionControl", v))).toEqual(["CUBIC (the Linux default)", "BBR"]);
  });

  it("a TLS server's record size (model 2.7.0) has a label, a unit, its bounds and a sentence a newcomer can follow", () => {
    for (const kind of ["cdn", "load_balancer", "gateway", "service", "object_storage"] as const) {
      expect(field(kind, "tlsRecordBytes")).toMatchObject({
        label: "TLS record size",
        unit: "bytes",
        integer: true,
        min: 256,
        max: 16_384,
        optional: true,
      });
    }
    const hint = field("load_balancer", "tlsRecordBytes").hint ?? "";
    expect(hint).toMatch(/first byte arrives one round trip later/);
    expect(hint).not.toMatch(/tlsRecordBytes|ssl_buffer_size/);
    // Only fields that need one carry a hint.
    expect(field("service", "replicas").hint).toBeUndefined();
    expect(parseInput(field("cdn", "tlsRecordBytes"), "16384")).toEqual({ ok: true, value: 16_384 });
    expect(parseInput(field("cdn", "tlsRecordBytes"), "32768").ok).toBe(false);
  });

  it("a kept-alive connection's idle time (model 2.8.0) has a label, a unit and a sentence a newcomer can follow", () => {
    const idle = edgeFields().find((f) => f.key === "idleBetweenRequestsMs");
    expect(idle).toMatchObject({ label: "Idle time between requests", unit: "ms", min: 0, optional: true });
    expect(idle?.hint ?? "").toMatch(/more than about 200 ms/);
    expect(idle?.hint ?? "").not.toMatch(/idleBetweenRequestsMs|slow_start_after_idle|cwnd/);
    expect(parseInput(idle as NonNullable<typeof idle>, "3000")).toEqual({ ok: true, value: 3_000 });
    expect(parseInput(idle as NonNullable<typeof idle>, "-5").ok).toBe(false);
  });

  it("a kept-alive connection's age (model 2.11.0) is a whole count with a label and a sentence a newcomer can follow", () => {
    const age = edgeFields().find((f) => f.key === "priorResponses");
    expect(age).toMatchObject({ label: "Earlier responses on the connection", integer: true, min: 1, max: 100, optional: true });
    expect(age?.hint ?? "").toMatch(/loses packets/);
    expect(age?.hint ?? "").not.toMatch(/priorResponses|cwnd|CUBIC_/);
    const spec = age as NonNullable<typeof age>;
    expect(parseInput(spec, "9")).toEqual({ ok: true, value: 9 });
    for (const bad of ["0", "101", "2.5", "1000000000"]) expect(parseInput(spec, bad).ok, bad).toBe(false);
  });

  it("shows the evaluator's defaults", () => {
    expect(field("service", "serviceTimeMs").defaultValue).toBe(DEFAULTS.service.serviceTimeMs);
    expect(field("database", "queryMs").defaultValue).toBe(DEFAULTS.database.queryMs);
    expect(field("load_balancer", "idleTimeoutSeconds").defaultValue).toBe(DEFAULTS.loadBalancer.idleTimeoutSeconds);
    expect(edgeFields().find((f) => f.key === "responseBytes")?.defaultValue).toBe(DEFAULTS.edge.responseBytes);
    const targets = scenarioFields().find((f) => f.key === "targets");
    expect(targets?.type === "group" && targets.fields.find((f) => f.key === "p99Ms")?.defaultValue).toBe(
      DEFAULTS.scenario.targetP99Ms,
    );
  });

  it("enums keep their options in a sensible order, numeric unions become selects", () => {
    expect(field("cdn", "minTls")).toMatchObject({ type: "enum", options: ["1.0", "1.1", "1.2", "1.3"] });
    expect(field("load_balancer", "layer")).toMatchObject({ type: "enum", options: [4, 7] });
    const rules = field("firewall", "rules");
    if (rules.type !== "object-list") throw new Error("rules should be a list of objects");
    expect(typesOf(rules.fields)).toMatchObject({ action: "enum", direction: "enum", port: "mixed", source: "mixed" });
    expect(rules.fields.find((f) => f.key === "action")?.optional).toBe(false);
  });

  it("refuses invalid input with the schema's message and parses valid input", () => {
    expect(parseInput(field("service", "replicas"), "0")).toMatchObject({ ok: false });
    expect(parseInput(field("service", "replicas"), "2.5")).toMatchObject({ ok: false });
    expect(parseInput(field("service", "replicas"), "abc")).toEqual({ ok: false, message: "Enter a number" });
    expect(parseInput(field("service", "replicas"), " 4 ")).toEqual({ ok: true, value: 4 });
    expect(parseInput(field("cache", "hitRatio"), "1.5")).toMatchObject({ ok: false, message: expect.stringMatching(/1/) });
    expect(parseInput(field("cache", "hitRatio"), "")).toEqual({ ok: true, value: undefined });
    expect(parseInput(field("load_balancer", "layer"), "7")).toEqual({ ok: true, value: 7 });
    const rules = field("firewall", "rules");
    if (rules.type !== "object-list") throw new Error("rules should be a list of objects");
    const port = rules.fields.find((f) => f.key === "port")!;
    const source = rules.fields.find((f) => f.key === "source")!;
    expect(parseInput(port, "22")).toEqual({ ok: true, value: 22 });
    expect(parseInput(port, "1000-2000")).toEqual({ ok: true, value: "1000-2000" });
    expect(parseInput(port, "99999")).toMatchObject({ ok: false });
    expect(parseInput(source, "10.0.0.0/8")).toEqual({ ok: true, value: "10.0.0.0/8" });
    expect(parseInput(source, "10.0.0.0/99")).toMatchObject({ ok: false });
  });
});

describe("describeFieldValue (read-only settings as text)", () => {
  const scenario = Object.fromEntries(scenarioFields().map((f) => [f.key, f]));
  const targets = scenario.targets!;
  const sub = (key: string) => (targets.type === "group" ? targets.fields.find((f) => f.key === key)! : null)!;

  it("gives every number its unit and ratios as percentages", () => {
    expect(describeFieldValue(scenario.rps!, 1800)).toBe("1,800 req/s");
    expect(describeFieldValue(scenario.readRatio!, 0.9)).toBe("90 %");
    expect(describeFieldValue(sub("availability"), 0.999)).toBe("99.9 %");
    expect(describeFieldValue(sub("p99Ms"), 250)).toBe("250 ms");
  });

  it("shows an unset value as its default, named as such", () => {
    expect(describeFieldValue(scenario.rps!, undefined)).toMatch(/^[\d,]+ req\/s \(default\)$/);
  });

  it("names enum values by their labels, never the raw value", () => {
    const algorithm = nodeFields("load_balancer").find((f) => f.key === "algorithm")!;
    expect(describeFieldValue(algorithm, "round_robin")).toBe("Round robin");
  });
});

describe("describeFieldValue never shows a stored value as it is stored (text view, read-only lists)", () => {
  const edge = (key: string) => edgeFields().find((f) => f.key === key)!;

  it("names engines as their makers do", () => {
    expect(describeFieldValue(field("cache", "engine"), "redis")).toBe("Redis");
    expect(describeFieldValue(field("database", "engine"), "postgres")).toBe("PostgreSQL");
    expect(describeFieldValue(field("queue", "engine"), "rabbitmq")).toBe("RabbitMQ");
    expect(describeFieldValue(field("queue", "engine"), "sqs")).toBe("Amazon SQS");
    // An engine the app does not know is the candidate's own words, shown as typed.
    expect(describeFieldValue(field("database", "engine"), "FoundationDB")).toBe("FoundationDB");
  });

  it("words a health check as a sentence, not as 'enabled Yes'", () => {
    const hc = field("load_balancer", "healthCheck");
    expect(describeFieldValue(hc, { enabled: true, intervalSeconds: 5, unhealthyThreshold: 3 })).toBe(
      "on, every 5 s, out after 3 failed checks",
    );
    expect(describeFieldValue(hc, { enabled: false, intervalSeconds: 5 })).toBe("off");
    expect(describeFieldValue(hc, { intervalSeconds: 5 })).toBe("off");
  });

  it("words a firewall rule as the rule it is", () => {
    const rules = field("firewall", "rules");
    expect(
      describeFieldValue(rules, [
        { action: "allow", direction: "inbound", protocol: "tcp", port: 443, source: "internet" },
        { action: "deny", direction: "inbound", port: "any", source: "10.0.0.0/8", enabled: false, note: "old office" },
      ]),
    ).toBe("Allow inbound TCP on port 443 from the internet; Deny inbound on any port from 10.0.0.0/8 (switched off; “old office”)");
    expect(describeFieldValue(rules, [{ action: "allow", direction: "outbound", port: "8000-8100", source: "any" }])).toBe(
      "Allow outbound on ports 8000–8100 from anywhere",
    );
  });

  it("names which requests a connection carries", () => {
    expect(describeFieldValue(edge("requests"), "read")).toBe("Reads only");
    expect(describeFieldValue(edge("requests"), "both")).toBe("Reads and writes");
    expect(describeFieldValue(edge("requests"), { read: 0.5, write: 1 })).toBe("50 % of reads, 100 % of writes");
  });

  it("names the stores a cache serves by their component names, never their ids", () => {
    const names = new Map([["db-1", "Orders DB"]]);
    expect(describeFieldValue(field("cache", "cacheFor"), ["db-1"], names)).toBe("Orders DB");
  });

  it("gives counts whose label is not their noun a unit", () => {
    expect(describeFieldValue(field("service", "concurrency"), 8)).toBe("8 requests at a time");
    expect(describeFieldValue(field("database", "maxConnections"), 100)).toBe("100 connections");
    expect(describeFieldValue(edge("poolSize"), 10)).toBe("10 connections");
  });

  it("groups of numbers read as 'label value', and no value anywhere is left raw", () => {
    const targets = Object.fromEntries(scenarioFields().map((f) => [f.key, f])).targets!;
    expect(describeFieldValue(targets, { p99Ms: 250, availability: 0.999 })).toBe("p99 250 ms, availability 99.9 %");
    // Every enum value of every field of every kind: never the stored token (snake_case, lower-case word).
    const all: FieldSpec[] = [...NODE_KINDS.flatMap((k) => nodeFields(k)), ...edgeFields(), ...scenarioFields()];
    const flat = (fs: FieldSpec[]): FieldSpec[] =>
      fs.flatMap((f) => (f.type === "group" || f.type === "object-list" ? flat(f.fields) : [f]));
    for (const f of flat(all)) {
      if (f.type !== "enum" && f.type !== "mixed") continue;
      const values = f.type === "enum" ? f.options : f.suggestions;
      for (const v of values) {
        const text = describeFieldValue(f, v);
        expect(text, `${f.key}=${v}`).not.toMatch(/_/);
        if (typeof v === "string" && /^[a-z]/.test(v) && v !== "gzip") expect(text, `${f.key}=${v}`).not.toBe(v);
      }
    }
  });
});

describe("protocol names on a connection's line", () => {
  it("are short enough for the gap between two nodes (at most 10 characters), and words, not values", () => {
    const protocol = edgeFields().find((f) => f.key === "protocol")!;
    if (protocol.type !== "enum") throw new Error("protocol is an enum");
    const labels = protocol.options.map((p) => protocolLineLabel(String(p)));
    expect(labels.filter((l) => l.length > 10)).toEqual([]);
    expect(labels).toContain("Redis");
    expect(labels).toContain("PostgreSQL");
    expect(labels.filter((l, i) => l === String(protocol.options[i]))).toEqual([]);
  });
});
