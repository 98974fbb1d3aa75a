// Chapter sections checklist items link to (findings declare theirs in their rule, findings/). Only these slugs
// and section ids exist.

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
