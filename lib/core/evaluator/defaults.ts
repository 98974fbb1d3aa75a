// Every default the model uses lives in this one table. Changing any value here changes scores, so it must
// come with a MODEL_VERSION bump (see index.ts) and an update of docs/model.md, which explains each figure.

/** Model version; bumped whenever a rule or a default changes. Stored with every score. */
export const MODEL_VERSION = "2.16.0";

/** The default seed of the percentile simulation (same design + same seed → same numbers). */
export const DEFAULT_SEED = 1;

export const DEFAULTS = {
  scenario: {
    rps: 1000, // spec: scenario defaults
    readRatio: 0.9,
    coldRatio: 0,
    targetP99Ms: 300,
    targetAvailability: 0.999,
  },

  network: {
    // Same availability zone: well under 1 ms (content brief 3.3 "same AZ < 1 ms").
    sameZoneRttMs: 0.5,
    // A user's device to a server in the same region over the public internet (brief 3.2: 10–30 ms).
    clientSameRegionRttMs: 20,
    // A user whose region is unknown to an origin whose region is unknown: "usually 20–100 ms per RTT".
    clientUnknownRttMs: 40,
    // A user to a CDN point of presence or an anycast edge near them (brief 3.3: edge ~5 ms, CDN hit 5–20 ms).
    edgePopRttMs: 10,
    // Two regions we have no figure for: "across an ocean ~150 ms" (brief 3.3).
    unknownInterRegionRttMs: 150,
    // TCP maximum segment size on a 1500-byte MTU path and the initial congestion window (RFC 6928).
    mssBytes: 1460,
    initialCwndSegments: 10,
  },

  // Round-trip times between regions, ms. Rounded medians of published AWS inter-region measurements
  // (cloudping.co, p50 over a year; N. Virginia, Oregon, Ireland, Frankfurt, Tokyo, Singapore, São Paulo).
  regionRttMs: {
    "us-east|us-west": 65,
    "us-east|eu-west": 68,
    "us-east|eu-central": 90,
    "us-east|ap-northeast": 145,
    "us-east|ap-southeast": 215,
    "us-east|sa-east": 115,
    "us-west|eu-west": 125,
    "us-west|eu-central": 145,
    "us-west|ap-northeast": 100,
    "us-west|ap-southeast": 165,
    "us-west|sa-east": 175,
    "eu-west|eu-central": 25,
    "eu-west|ap-northeast": 200,
    "eu-west|ap-southeast": 170,
    "eu-west|sa-east": 180,
    "eu-central|ap-northeast": 225,
    "eu-central|ap-southeast": 160,
    "eu-central|sa-east": 200,
    "ap-northeast|ap-southeast": 70,
    "ap-northeast|sa-east": 255,
    "ap-southeast|sa-east": 320,
  } as Record<string, number>,

  dns: {
    lookupMs: 50, // an uncached lookup (brief 3.2: 20–120 ms)
    cacheHitRatio: 0,
    ttlSeconds: 300,
    // The "short enough for failover, long enough to amortise lookups" window (brief 6.4: 60–300 s typical).
    goodTtlMinSeconds: 30,
    goodTtlMaxSeconds: 3600,
  },

  // Own time of each kind (median, ms). No hidden spreads (issue #12 item 12): a node's p99 equals its median
  // unless a `…P99Ms` field says otherwise, so p99OverMedian is 1 everywhere.
  // maxConnectionsPerInstance: long-lived connections one instance holds (C10k; a tuned Node or Go server holds
  // 10,000s of idle WebSockets, each a file descriptor and tens of KB of memory).
  service: { serviceTimeMs: 10, p99OverMedian: 1, replicas: 1, concurrency: 8, availability: 0.995, maxConnectionsPerInstance: 10_000 },
  worker: { serviceTimeMs: 50, replicas: 1, concurrency: 4, availability: 0.995 },
  cdn: { cacheHitRatio: 0.9, processingMs: 1, p99OverMedian: 1, capacityRps: 1_000_000, availability: 0.99995 },
  loadBalancer: {
    processingMs: 0.5,
    p99OverMedian: 1,
    capacityRps: 100_000,
    availability: 0.99995,
    idleTimeoutSeconds: 60,
  },
  gateway: { processingMs: 1, p99OverMedian: 1, capacityRps: 50_000, availability: 0.9999 },
  cache: {
    hitRatio: 0.8,
    latencyMs: 0.5,
    p99OverMedian: 1,
    replicas: 1,
    capacityRpsPerReplica: 100_000,
    availability: 0.9995,
  },
  database: {
    queryMs: 5, // indexed query (brief 3.2: 1–10 ms)
    unindexedQueryMs: 300, // no index (brief 3.2: 100–1,000+ ms)
    p99OverMedian: 1,
    zones: 2, // a managed primary with a synchronous standby in a second zone (RDS Multi-AZ)
    concurrency: 32, // queries the primary (and each replica) executes at once
    maxConnections: 100, // PostgreSQL's default max_connections
    availability: 0.9995, // a managed multi-AZ primary (RDS Multi-AZ SLA 99.95 %)
    // Asynchronous replication lag of a read replica under normal load: Aurora documents typically < 100 ms,
    // RDS PostgreSQL/MySQL replicas tens of ms to seconds (model 2.1.0).
    replicationLagMs: 100,
  },
  queue: { processingMs: 2, p99OverMedian: 1, capacityRps: 50_000, availability: 0.9999 },
  objectStorage: { latencyMs: 20, p99OverMedian: 1, capacityRps: 5_500, availability: 0.9999 },
  externalApi: { latencyMs: 100, p99OverMedian: 1, capacityRps: 10_000, availability: 0.999 },
  passThrough: { processingMs: 0, p99OverMedian: 1, capacityRps: 1_000_000, availability: 0.99999 },
  natGateway: { idleTimeoutSeconds: 350 }, // AWS NAT gateway documented idle timeout

  edge: {
    responseBytes: 8 * 1024, // fits the initial window: no extra slow-start round by default
    keepAliveClient: true, // browsers and HTTP/1.1 keep connections open by default
    keepAliveInternal: false, // many internal HTTP clients (e.g. Node before v19) do not
    // gRPC channels and the upstream pools of balancers, CDNs and gateways (nginx upstream keepalive, ALB,
    // Envoy, CloudFront origin keep-alive) reuse connections by default (issue #12 item 11).
    keepAlivePooledCallers: ["load_balancer", "cdn", "gateway"] as string[],
  },

  availability: {
    // One availability zone, as a failure domain: AZ-wide incidents of a few hours a year (AWS post-event
    // summaries); 99.95 % is the single-AZ figure of the EC2 SLA's instance-level tier.
    zone: 0.9995,
    // One region: the 99.99 % of AWS's regional (multi-AZ) SLAs.
    region: 0.9999,
    // Replicated components without a `zones` field are taken to spread over min(replicas, 2) zones — the
    // default of managed instance groups — and the result lists that assumption.
    // Mean time to repair a failed replica (s): it is replaced by an autoscaling group in minutes to half an hour.
    mttrSeconds: 1800,
    // Time for a caller without a stated health check (gateway, service mesh, client-side balancing) to stop
    // sending to a failed replica (s): outlier detection after a few failed requests.
    defaultDetectionSeconds: 10,
  },

  resilience: {
    backoffBaseMs: 100, // first retry delay for fixed/exponential backoff
    // A call with no timeout is assumed to be able to hang this long when we need a number (brief 3.4: 30 s API).
    noTimeoutAssumedMs: 30_000,
    overloadQueueingMs: 5_000, // charged as queueing when utilisation ≥ 1 (the queue grows without bound)
    // Producers wait for the broker's acknowledgement by default (Kafka acks=all, SQS SendMessage, RabbitMQ
    // publisher confirms): enqueueing costs a round trip and can fail.
    producerAckDefault: true,
    fanOutWarnCalls: 10, // a parallel group this wide gets a tail-amplification note
    poolLongLivedProtocols: ["websocket", "sse", "tcp"] as string[],
  },

  loadBalancing: {
    hashSkew: 1.25, // hottest/average share under ip_hash / consistent_hash with a realistic key mix
    unevenCostRatio: 5, // p99/median of a service's time above which per-request cost counts as uneven
  },

  simulation: {
    // Where the percentiles have no closed form they are sampled from at least 100,000 requests (issue #12
    // item 13): the p99 then rests on ≥ 1,000 requests beyond it.
    samples: 100_000,
    workBudget: 2_000_000, // samples × (nodes + edges), for the bottom-up fallback on pathological graphs
  },

  score: {
    weights: { latency: 0.25, reliability: 0.25, capacity: 0.15, security: 0.2, checklist: 0.15 },
    penalty: { critical: 25, major: 10, minor: 4, info: 0 }, // from the finding's category
    overallPenalty: { critical: 15, major: 6, minor: 2, info: 0 }, // from the overall score
    grades: [
      { min: 90, grade: "A" },
      { min: 80, grade: "B" },
      { min: 70, grade: "C" },
      { min: 60, grade: "D" },
    ],
    comfortableUtilization: 0.7,
  },
} as const;

/** Well-known ports of database engines, for firewall exposure checks. */
export const DB_PORTS: Record<string, number> = {
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  mariadb: 3306,
  mongodb: 27017,
  redis: 6379,
  sqlserver: 1433,
};
