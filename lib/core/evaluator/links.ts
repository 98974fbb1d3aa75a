// Chapter sections findings and checklist items link to. Only these slugs and section ids exist.

export { CHAPTER_SECTIONS } from "@/lib/schemas/chapters";

/** Checklist ids in the material's order (content brief 3.1). */
export const CHECKLIST_IDS = [
  "private-services",
  "edge-tls",
  "edge-http2",
  "bounded-pools",
  "keep-alive",
  "dns-ttl",
  "global-entry",
  "cors-origins",
  "tls-versions",
  "compression",
] as const;
export type ChecklistId = (typeof CHECKLIST_IDS)[number];

/** Checklist id → chapter section that teaches it. */
export const CHECKLIST_LINKS: Record<ChecklistId, string> = {
  "private-services": "/learn/addressing#public-private",
  "edge-tls": "/learn/tls#termination",
  "edge-http2": "/learn/http-versions#http2",
  "bounded-pools": "/learn/http-versions#keep-alive-pooling",
  "keep-alive": "/learn/http-versions#keep-alive-pooling",
  "dns-ttl": "/learn/dns#ttl",
  "global-entry": "/learn/distributed-systems#bgp-anycast",
  "cors-origins": "/learn/edge-security#cors",
  "tls-versions": "/learn/tls#hardening",
  compression: "/learn/http-semantics#headers",
};

/** Every finding id the evaluator can raise: the spec's ids first, then this evaluator's additions. */
export const FINDING_IDS = [
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
  // Additions (the contract allows new findings).
  "zero-rtt-non-idempotent",
  "pool-exceeds-max-connections",
  "retry-no-backoff",
  "high-utilization",
  "rate-limit-exceeded",
  "unindexed-query",
  "no-keep-alive",
  "cross-region-call",
  "fanout-tail",
  "no-edge-tls",
  "deprecated-tls",
  "cors-wildcard",
  "no-client",
  "no-backend",
  "client-timeout-missing",
  "stale-reads",
  "connection-capacity",
  "cdn-no-origin",
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

/** Finding id → chapter section that teaches the fix. */
export const FINDING_LINKS: Record<FindingId, string> = {
  "db-exposed": "/learn/edge-security#firewalls",
  "firewall-default-allow": "/learn/edge-security#firewalls",
  "ssh-open": "/learn/edge-security#firewalls",
  "no-health-check": "/learn/load-balancing#health-checks",
  spof: "/learn/load-balancing#why-load-balancers",
  overload: "/learn/estimation#littles-law",
  "timeout-missing": "/learn/distributed-systems#timeouts",
  "client-timeout-missing": "/learn/distributed-systems#timeouts",
  "stale-reads": "/learn/consistency#replication-lag",
  "connection-capacity": "/learn/udp-quic-realtime#websockets",
  "timeout-budget": "/learn/distributed-systems#timeouts",
  "retry-non-idempotent": "/learn/distributed-systems#idempotency",
  "retry-amplification": "/learn/distributed-systems#retries-circuit-breakers",
  "no-circuit-breaker": "/learn/distributed-systems#retries-circuit-breakers",
  "unbounded-pool": "/learn/http-versions#keep-alive-pooling",
  "lb-algorithm-mismatch": "/learn/load-balancing#algorithms",
  "dns-round-robin-no-health": "/learn/dns#traffic-steering",
  "cache-no-ttl": "/learn/caching#invalidation",
  "nat-idle-timeout": "/learn/udp-quic-realtime#websockets",
  "target-p99-missed": "/learn/latency#cutting-latency",
  "target-availability-missed": "/learn/distributed-systems#unreliable-network",
  "zero-rtt-non-idempotent": "/learn/tls#handshake",
  "pool-exceeds-max-connections": "/learn/http-versions#keep-alive-pooling",
  "retry-no-backoff": "/learn/distributed-systems#retries-circuit-breakers",
  "high-utilization": "/learn/estimation#littles-law",
  "rate-limit-exceeded": "/learn/rate-limiting#why-rate-limit",
  "unindexed-query": "/learn/latency#debugging-slow-apis",
  "no-keep-alive": "/learn/http-versions#keep-alive-pooling",
  "cross-region-call": "/learn/latency#where-time-goes",
  "fanout-tail": "/learn/latency#tail-latency",
  "no-edge-tls": "/learn/tls#termination",
  "deprecated-tls": "/learn/tls#hardening",
  "cors-wildcard": "/learn/edge-security#cors",
  "no-client": "/learn/big-picture#seven-stages",
  "no-backend": "/learn/big-picture#seven-stages",
  "cdn-no-origin": "/learn/caching#cdn",
};
