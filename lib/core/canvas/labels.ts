import { FINDING_META } from "@/lib/core/evaluator/findings";
import { LB_ALGORITHM_NAMES } from "@/lib/core/evaluator/load-balancing";

// Human text for every value the design format stores as an identifier: enum values, regions, finding ids and
// chapter links. Nothing on screen shows `round_robin`, `0rtt` or `big-picture#seven-stages` as such.

const VALUE_LABELS: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(LB_ALGORITHM_NAMES).map(([k, v]) => [k, v.charAt(0).toUpperCase() + v.slice(1)]),
  ),
  simple: "Simple (one answer)",
  weighted: "Weighted",
  geo: "Geolocation (nearest region)",
  anycast: "Anycast",
  failover: "Failover (health-checked)",
  managed: "Managed (renewed automatically)",
  manual: "Manual",
  self_signed: "Self-signed",
  none: "None",
  gzip: "gzip",
  brotli: "Brotli",
  session: "Session resumption",
  "0rtt": "0-RTT early data",
  mtls: "Mutual TLS",
  grpc: "gRPC",
  websocket: "WebSocket",
  sse: "Server-sent events",
  tcp: "TCP",
  udp: "UDP",
  postgres: "PostgreSQL protocol",
  redis: "Redis protocol",
  amqp: "AMQP",
  kafka: "Kafka protocol",
  sync: "Synchronous (caller waits)",
  async: "Asynchronous (fire and forget)",
  fixed: "Fixed delay",
  exponential: "Exponential",
  exponential_jitter: "Exponential with jitter",
  ttl: "Expire after the TTL",
  explicit: "Explicit invalidation",
  write_through: "Write-through",
  web: "Web browser",
  mobile: "Mobile app",
  public: "Public",
  private: "Private",
  data: "Data",
  allow: "Allow",
  deny: "Deny",
  inbound: "Inbound",
  outbound: "Outbound",
  internet: "The internet",
  internal: "Internal networks",
  any: "Any",
  read: "Reads only",
  write: "Writes only",
  both: "Reads and writes",
  cubic: "CUBIC (the Linux default)",
  bbr: "BBR",
};

const VERSIONED_FIELDS: Record<string, (v: string) => string> = {
  minTls: (v) => `TLS ${v}`,
  tls: (v) => (v === "none" ? "None (plain text)" : v === "mtls" ? "Mutual TLS" : `TLS ${v}`),
  http: (v) => (v === "3" ? "HTTP/3 (QUIC)" : `HTTP/${v}`),
  httpVersion: (v) => (v === "3" ? "HTTP/3 (QUIC)" : `HTTP/${v}`),
  layer: (v) => (v === "4" ? "Layer 4 (TCP)" : v === "7" ? "Layer 7 (HTTP)" : `Layer ${v}`),
  protocol: (v) => (v === "http" ? "HTTP" : (VALUE_LABELS[v] ?? v.toUpperCase())),
  resumption: (v) => (v === "none" ? "No resumption" : (VALUE_LABELS[v] ?? v)),
};

/** The text shown for one enum value of a settings field, e.g. ("algorithm", "round_robin") → "Round robin". */
export function optionLabel(fieldKey: string, value: string | number | boolean): string {
  const text = String(value);
  const byField = VERSIONED_FIELDS[fieldKey];
  if (byField) return byField(text);
  if (/^[A-Z]+$/.test(text)) return text; // HTTP methods are names people use as they are.
  return VALUE_LABELS[text] ?? text.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

// Engines are free text in the format; the ones the examples and the palette use get the name their makers
// write. Anything else is the candidate's own word and is shown as typed.
const ENGINE_LABELS: Record<string, string> = {
  redis: "Redis",
  valkey: "Valkey",
  memcached: "Memcached",
  postgres: "PostgreSQL",
  postgresql: "PostgreSQL",
  mysql: "MySQL",
  mariadb: "MariaDB",
  mongodb: "MongoDB",
  sqlserver: "SQL Server",
  dynamodb: "DynamoDB",
  cassandra: "Cassandra",
  kafka: "Kafka",
  rabbitmq: "RabbitMQ",
  sqs: "Amazon SQS",
  nats: "NATS",
};

export function engineLabel(engine: string): string {
  return ENGINE_LABELS[engine.trim().toLowerCase()] ?? engine;
}

// On the line itself a protocol gets its short name: the gap between two nodes laid out side by side is 60-90 px,
// and "PostgreSQL protocol" or "Server-sent events" were cut to "dis protoco" by the nodes on either side.
const SHORT_PROTOCOLS: Record<string, string> = { sse: "SSE", websocket: "WebSocket", postgres: "PostgreSQL", redis: "Redis", kafka: "Kafka" };

/** The protocol as printed on a connection's line ("Redis"); the panel and sentences use optionLabel's full name. */
export function protocolLineLabel(protocol: string): string {
  return SHORT_PROTOCOLS[protocol] ?? optionLabel("protocol", protocol);
}

const REGION_LABELS: Record<string, string> = {
  "us-east": "US East",
  "us-west": "US West",
  "eu-west": "Europe West",
  "eu-central": "Europe Central",
  "ap-northeast": "Asia Pacific North-East",
  "ap-southeast": "Asia Pacific South-East",
  "sa-east": "South America East",
};

export function regionLabel(region: string | undefined): string {
  if (!region) return "no region";
  return REGION_LABELS[region] ?? region.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
}

export function findingTitle(id: string): string {
  return (FINDING_META as Record<string, { title: string } | undefined>)[id]?.title ?? id.replace(/-/g, " ");
}

/** Chapter link → "Caching › Cache-aside in practice"; titles come from the chapters (see linkTitles on the server). */
export type LinkTitles = Record<string, string>;

export function linkTitle(href: string, titles: LinkTitles): string {
  const known = titles[href];
  if (known) return known;
  // Without the chapter list (an old stored result, a link added later): the words of the anchor, never the slug.
  const m = /^\/learn\/([a-z-]+)(?:#([a-z0-9-]+))?$/.exec(href);
  if (!m) return "the chapter";
  const words = (s: string) => s.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
  return m[2] ? `${words(m[1] ?? "")}: ${m[2].replace(/-/g, " ")}` : words(m[1] ?? "");
}
