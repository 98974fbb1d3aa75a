import { z } from "zod";
import { KNOWN_REGIONS, NODE_KINDS } from "./node-kinds";
import { MAX_PRIOR_RESPONSES } from "./transfer-fit";

// The design document, v1 (shared/spec/design-format.md) and v2 (docs/design-format-v2.md). This file is the
// single source of the format: the TypeScript types, the runtime validation and public/schemas/design-v*.json
// all come from it. Version 2 only adds optional fields, so one object schema validates both; a v1 document is
// upgraded on read (upgrade.ts). Unknown keys are stripped rather than rejected so that newer canvases can add
// optional fields. Every number is bounded (issue #12 item 14) so that no result can overflow to Infinity.

export { KNOWN_REGIONS, NODE_KINDS };

/** Maximum number of nodes a design may hold (spec: invalid input). */
export const MAX_NODES = 2000;
/** Maximum number of edges a design may hold (spec: invalid input). */
export const MAX_EDGES = 10000;

/** Largest time any field may hold (ms): one day. Larger figures describe no interactive system. */
export const MAX_MS = 86_400_000;
/** Largest rate (rps), byte count and count the format accepts. */
export const MAX_RPS = 1e9;
export const MAX_BYTES = 1e12;
export const MAX_COUNT = 100_000;

const nonNegative = z.number().nonnegative().max(MAX_MS);
const positive = z.number().positive().max(MAX_MS);
const ratio = z.number().min(0).max(1);
const count = z.number().int().nonnegative().max(MAX_COUNT);
const positiveCount = z.number().int().positive().max(MAX_COUNT);
const bytes = z.number().nonnegative().max(MAX_BYTES);
const rps = z.number().nonnegative().max(MAX_RPS);
/** Availability zones a replicated component spreads over (v2). */
const zones = z.number().int().min(1).max(10);


// Regions are an open set ("extend freely"): the known ones have RTT figures, others get a documented default.
export const regionSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "region must be lowercase letters, digits and dashes");

export const zoneSchema = z.enum(["public", "private", "data"]);

const positionSchema = z.object({ x: z.number(), y: z.number() });

const tlsVersionSchema = z.enum(["1.0", "1.1", "1.2", "1.3"]);
/**
 * v2 (model 2.7.0): the largest TLS record the node sends when it terminates a client's TLS (nginx's ssl_buffer_size,
 * 16,384 by default), 256 to 2^14 bytes (RFC 8446 §5.1). Absent: its first records fit the first round (dynamic
 * record sizing), listed under assumptions when it matters. A first record past the initial window delays a new
 * connection's first byte by a round (transfer-fit.ts firstRecordExtraRtts).
 */
const tlsRecordBytes = z.number().int().min(256).max(16_384);
const httpVersionSchema = z.enum(["1.1", "2", "3"]);

const edgeSettings = {
  tlsTermination: z.boolean().optional(),
  certificate: z.enum(["managed", "manual", "self_signed"]).optional(),
  minTls: tlsVersionSchema.optional(),
  http: httpVersionSchema.optional(),
  compression: z.enum(["none", "gzip", "brotli"]).optional(),
  varyAcceptEncoding: z.boolean().optional(),
  corsOrigins: z.array(z.string().max(500)).max(100).optional(),
  tlsRecordBytes: tlsRecordBytes.optional(),
};

export const lbAlgorithmSchema = z.enum([
  "round_robin",
  "weighted_round_robin",
  "least_connections",
  "ip_hash",
  "consistent_hash",
  "random",
  "power_of_two",
  "least_response_time",
]);

const cidrPattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export const firewallSourceSchema = z.union([
  z.enum(["internet", "internal", "any"]),
  z
    .string()
    .regex(cidrPattern, "source must be internet, internal, any or an IPv4 CIDR such as 10.0.0.0/8")
    .refine((s) => {
      const m = cidrPattern.exec(s);
      if (!m) return false;
      const octets = m.slice(1, 5).map(Number);
      return octets.every((o) => o <= 255) && Number(m[5]) <= 32;
    }, "CIDR octets must be 0..255 and the prefix 0..32"),
]);

export const firewallPortSchema = z.union([
  z.number().int().min(0).max(65535),
  z.literal("any"),
  z.string().regex(/^\d{1,5}-\d{1,5}$/, "port range must look like 1000-2000"),
]);

export const firewallRuleSchema = z.object({
  action: z.enum(["allow", "deny"]),
  direction: z.enum(["inbound", "outbound"]),
  protocol: z.enum(["tcp", "udp", "any"]).optional(),
  port: firewallPortSchema.optional(),
  source: firewallSourceSchema.optional(),
  enabled: z.boolean().optional(),
  note: z.string().max(200).optional(),
});

const baseNode = {
  id: z.string().min(1).max(100),
  label: z.string().max(200).optional(),
  zone: zoneSchema.optional(),
  region: regionSchema.optional(),
  position: positionSchema.optional(),
};

const node = <K extends string, P extends z.ZodRawShape>(kind: K, props: P) =>
  z.object({ ...baseNode, kind: z.literal(kind), props: z.object(props).optional() });

export const clientNodeSchema = node("client", {
  share: nonNegative.optional(),
  platform: z.enum(["web", "mobile"]).optional(),
});
export const dnsNodeSchema = node("dns", {
  routing: z.enum(["simple", "round_robin", "weighted", "geo", "anycast", "failover", "latency"]).optional(),
  ttlSeconds: nonNegative.optional(),
  lookupMs: nonNegative.optional(),
  cacheHitRatio: ratio.optional(),
});
export const cdnNodeSchema = node("cdn", {
  cacheHitRatio: ratio.optional(),
  processingMs: nonNegative.optional(),
  processingP99Ms: nonNegative.optional(),
  ...edgeSettings,
});
export const loadBalancerNodeSchema = node("load_balancer", {
  layer: z.union([z.literal(4), z.literal(7)]).optional(),
  idleTimeoutSeconds: nonNegative.optional(),
  algorithm: lbAlgorithmSchema.optional(),
  healthCheck: z
    .object({
      enabled: z.boolean().optional(),
      intervalSeconds: positive.optional(),
      unhealthyThreshold: positiveCount.optional(),
    })
    .optional(),
  processingMs: nonNegative.optional(),
  processingP99Ms: nonNegative.optional(),
  availability: ratio.optional(),
  ...edgeSettings,
});
export const gatewayNodeSchema = node("gateway", {
  rateLimitRps: rps.optional(),
  processingMs: nonNegative.optional(),
  processingP99Ms: nonNegative.optional(),
  availability: ratio.optional(),
  ...edgeSettings,
});
export const serviceNodeSchema = node("service", {
  replicas: positiveCount.optional(),
  serviceTimeMs: nonNegative.optional(),
  serviceTimeP99Ms: nonNegative.optional(),
  concurrency: positiveCount.optional(),
  availability: ratio.optional(),
  capacityWeights: z.array(positive).max(1000).optional(),
  corsOrigins: z.array(z.string().max(500)).max(100).optional(),
  zones: zones.optional(),
  // v2 (model 2.1.0): long-lived connections (WebSocket, SSE) one instance can hold open.
  maxConnectionsPerInstance: z.number().int().positive().max(10_000_000).optional(),
  tlsRecordBytes: tlsRecordBytes.optional(),
});
export const cacheNodeSchema = node("cache", {
  engine: z.string().max(50).optional(),
  hitRatio: ratio.optional(),
  latencyMs: nonNegative.optional(),
  ttlSeconds: nonNegative.optional(),
  invalidation: z.enum(["ttl", "explicit", "write_through"]).optional(),
  replicas: positiveCount.optional(),
  availability: ratio.optional(),
  latencyP99Ms: nonNegative.optional(),
  cacheFor: z.array(z.string().min(1).max(100)).max(50).optional(),
  zones: zones.optional(),
});
export const databaseNodeSchema = node("database", {
  engine: z.string().max(50).optional(),
  queryMs: nonNegative.optional(),
  indexed: z.boolean().optional(),
  unindexedQueryMs: nonNegative.optional(),
  readReplicas: count.optional(),
  maxConnections: positiveCount.optional(),
  availability: ratio.optional(),
  publicAccess: z.boolean().optional(),
  queryP99Ms: nonNegative.optional(),
  shards: positiveCount.optional(),
  hotKeyShare: ratio.optional(),
  zones: zones.optional(),
  // v2 (model 2.1.0): how far read replicas trail the primary, and whether a user's reads after their own
  // write are served consistently (sticky to the primary, or waiting for the replica to catch up).
  replicationLagMs: nonNegative.optional(),
  readYourWrites: z.boolean().optional(),
});
export const queueNodeSchema = node("queue", {
  engine: z.string().max(50).optional(),
  availability: ratio.optional(),
});
export const workerNodeSchema = node("worker", {
  replicas: positiveCount.optional(),
  serviceTimeMs: nonNegative.optional(),
  serviceTimeP99Ms: nonNegative.optional(),
  concurrency: positiveCount.optional(),
  availability: ratio.optional(),
  zones: zones.optional(),
});
export const objectStorageNodeSchema = node("object_storage", {
  latencyMs: nonNegative.optional(),
  latencyP99Ms: nonNegative.optional(),
  availability: ratio.optional(),
  tlsRecordBytes: tlsRecordBytes.optional(),
});
export const externalApiNodeSchema = node("external_api", {
  latencyMs: nonNegative.optional(),
  latencyP99Ms: nonNegative.optional(),
  availability: ratio.optional(),
});
export const firewallNodeSchema = node("firewall", {
  defaultAction: z.enum(["allow", "deny"]).optional(),
  rules: z.array(firewallRuleSchema).max(500).optional(),
});
export const natGatewayNodeSchema = node("nat_gateway", {
  idleTimeoutSeconds: nonNegative.optional(),
});


export const nodeSchema = z.discriminatedUnion("kind", [
  clientNodeSchema,
  dnsNodeSchema,
  cdnNodeSchema,
  loadBalancerNodeSchema,
  gatewayNodeSchema,
  serviceNodeSchema,
  cacheNodeSchema,
  databaseNodeSchema,
  queueNodeSchema,
  workerNodeSchema,
  objectStorageNodeSchema,
  externalApiNodeSchema,
  firewallNodeSchema,
  natGatewayNodeSchema,
]);

/**
 * Which requests an edge carries (v2): reads only, writes only, both (default), or per type the probability
 * that a request of that type arriving at the caller makes this call.
 */
export const requestsSchema = z.union([z.enum(["read", "write", "both"]), z.object({ read: ratio, write: ratio })]);

export const edgePropsSchema = z.object({
  protocol: z.enum(["http", "grpc", "websocket", "sse", "tcp", "udp", "postgres", "redis", "amqp", "kafka"]).optional(),
  httpVersion: httpVersionSchema.optional(),
  tls: z.enum(["none", "1.0", "1.1", "1.2", "1.3", "mtls"]).optional(),
  resumption: z.enum(["none", "session", "0rtt"]).optional(),
  keepAlive: z.boolean().optional(),
  poolSize: positiveCount.optional(),
  rttMs: nonNegative.optional(),
  mode: z.enum(["sync", "async"]).optional(),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional(),
  timeoutMs: positive.optional(),
  retries: z.number().int().min(0).max(100).optional(),
  backoff: z.enum(["none", "fixed", "exponential", "exponential_jitter"]).optional(),
  idempotencyKey: z.boolean().optional(),
  circuitBreaker: z.boolean().optional(),
  callProbability: ratio.optional(),
  parallel: z.boolean().optional(),
  requestBytes: bytes.optional(),
  responseBytes: bytes.optional(),
  pingIntervalSeconds: positive.optional(),
  // v2: which requests the edge carries (default both), "one of" routing groups, broker acknowledgement.
  requests: requestsSchema.optional(),
  group: z.string().min(1).max(100).optional(),
  groupPolicy: z.enum(["failover", "weighted", "latency"]).optional(),
  weight: z.number().positive().max(MAX_COUNT).optional(),
  priority: z.number().int().min(0).max(1000).optional(),
  ack: z.boolean().optional(),
  // v2 (model 2.1): the path's bottleneck bandwidth and packet loss, for large transfers.
  bandwidthMbps: z.number().positive().max(1_000_000).optional(),
  lossRate: z.number().min(0).max(0.5).optional(),
  // v2 (model 2.2): the responding side's TCP congestion control (Linux default cubic); it changes slow start
  // and how a transfer slows under loss (transfer-fit.ts, calibrated in docs/calibration.md).
  congestionControl: z.enum(["cubic", "bbr"]).optional(),
  // v2 (model 2.8): how long a kept-alive connection sits idle between a response and the next request on it (a
  // user's think time on a client edge). Past the sender's retransmission timeout Linux restarts slow start
  // (transfer-fit.ts idleRestartWindow). Absent: back to back.
  idleBetweenRequestsMs: nonNegative.optional(),
  // v2 (model 2.11): a kept-alive connection's age, in responses it carried before the one timed (a count, 1..100;
  // absent: 1, the second response on a connection). Only CUBIC under loss reads it: each earlier response's losses
  // cut the window the next one starts from (transfer-fit.ts keptAliveHistoryRounds).
  priorResponses: z.number().int().min(1).max(MAX_PRIOR_RESPONSES).optional(),
});

export const edgeSchema = z.object({
  id: z.string().min(1).max(100),
  from: z.string().min(1).max(100),
  to: z.string().min(1).max(100),
  props: edgePropsSchema.optional(),
});

export const scenarioSchema = z.object({
  rps: rps.optional(),
  // v2 (model 2.1.0): users connected at the same time (long-lived connections held open).
  concurrentUsers: z.number().int().nonnegative().max(MAX_RPS).optional(),
  readRatio: ratio.optional(),
  coldRatio: ratio.optional(),
  targets: z
    .object({
      p99Ms: positive.optional(),
      availability: ratio.optional(),
    })
    .optional(),
});

// Limits on array sizes are checked in validate.ts rather than with .max(): zod stops at a failed array
// check without reporting the elements' problems, and the contract asks for every problem at once.
export const designSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  name: z.string().max(200),
  scenario: scenarioSchema.optional(),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
});

export type Design = z.infer<typeof designSchema>;
export type DesignInput = z.input<typeof designSchema>;
export type DesignNode = z.infer<typeof nodeSchema>;
export type DesignEdge = z.infer<typeof edgeSchema>;
export type EdgeProps = z.infer<typeof edgePropsSchema>;
export type NodeKind = DesignNode["kind"];
export type FirewallRule = z.infer<typeof firewallRuleSchema>;
export type LbAlgorithm = z.infer<typeof lbAlgorithmSchema>;

/**
 * JSON Schema (draft 2020-12) of the design format, generated from the zod schema; array limits are added
 * here because the zod schema checks them separately (see above). Version 2 accepts both versions (v1 is a
 * subset); public/schemas/design-v1.json stays as it was published, for tools that pinned it. Pure: no file access.
 */
export function designJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(designSchema, { io: "input" }) as Record<string, unknown>;
  const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (props?.nodes) props.nodes.maxItems = MAX_NODES;
  if (props?.edges) props.edges.maxItems = MAX_EDGES;
  return {
    $schema: schema.$schema,
    $id: "https://roundtrip.dev/schemas/design-v2.json",
    title: "Roundtrip architecture design, format v2 (also accepts v1 documents)",
    ...schema,
  };
}
