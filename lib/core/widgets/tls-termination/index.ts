import { handshakeRtts } from "@/lib/core/evaluator/handshake";
import { widgetFigure } from "@/lib/core/widgets/reference-figures";

// W27: where TLS ends. Each strategy decides which hops are encrypted, whether the edge can read (and so cache)
// responses, and how far away the user's handshake happens. Handshake round trips are the evaluator's
// (TCP + TLS 1.3 = 2 RTT), with the chapter's distances: edge ~5 ms, origin ~150 ms.

export type Strategy = "edge" | "end-to-end" | "mtls" | "passthrough";
export type Requirement = "caching" | "pci" | "zeroTrust" | "noPlaintextAtEdge";
export type HopProtection = "tls" | "mtls" | "plain" | "tunnelled";

/** The two round trips the widget simulates (ms), each a figure of content/reference-figures.json. */
export const TLS_TERMINATION_FIGURES = {
  edgeRtt: widgetFigure("rtt-edge", 5),
  originRtt: widgetFigure("rtt-transatlantic", 150),
} as const;

export const EDGE_RTT_MS = TLS_TERMINATION_FIGURES.edgeRtt.ms;
export const ORIGIN_RTT_MS = TLS_TERMINATION_FIGURES.originRtt.ms;

export const STRATEGIES: { id: Strategy; label: string; summary: string; tradeOff: string }[] = [
  { id: "edge", label: "Edge termination", summary: "The CDN or load balancer decrypts; plain HTTP inside.", tradeOff: "Simple and fast, but traffic inside your network is unencrypted." },
  { id: "end-to-end", label: "End-to-end TLS", summary: "The edge decrypts, then re-encrypts to the origin and every service.", tradeOff: "Every server needs a certificate, and rotating them all is work." },
  { id: "mtls", label: "Edge + mutual TLS inside", summary: "Edge termination, then every internal call shows certificates both ways.", tradeOff: "Both sides need certificates and a little latency per call; a mesh automates rotation." },
  { id: "passthrough", label: "TLS pass-through to the origin", summary: "The edge forwards encrypted bytes at layer 4; the origin decrypts.", tradeOff: "The edge cannot read, cache or inspect anything, and the handshake travels to the origin." },
];

export const REQUIREMENTS: { id: Requirement; label: string; hint: string }[] = [
  { id: "caching", label: "Cache responses at the CDN", hint: "A cache must be able to read what it stores" },
  { id: "pci", label: "PCI DSS: encrypt card data on internal hops", hint: "Every hop that carries card data is encrypted" },
  { id: "zeroTrust", label: "Zero trust: authenticate every internal call", hint: "Each service proves who it is, both ways" },
  { id: "noPlaintextAtEdge", label: "The CDN must never see plaintext", hint: "For example, a third-party edge you do not trust with the data" },
];

export type Hop = { from: string; to: string; protection: HopProtection };

const LINKS = [
  { from: "User", to: "Edge" },
  { from: "Edge", to: "Origin" },
  { from: "Origin", to: "Services" },
] as const;

/** How each strategy protects the three links, in LINKS order. */
const PROTECTION: Record<Strategy, readonly [HopProtection, HopProtection, HopProtection]> = {
  edge: ["tls", "plain", "plain"],
  "end-to-end": ["tls", "tls", "tls"],
  mtls: ["tls", "mtls", "mtls"],
  passthrough: ["tunnelled", "tunnelled", "plain"],
};

export function hopsFor(strategy: Strategy): Hop[] {
  return LINKS.map((link, i) => ({ ...link, protection: PROTECTION[strategy][i]! }));
}

export function edgeCanRead(strategy: Strategy): boolean {
  return strategy !== "passthrough";
}

/** Whether a strategy satisfies one requirement, with the reason in words. */
export function meets(strategy: Strategy, req: Requirement): { ok: boolean; why: string } {
  const internal = hopsFor(strategy).slice(1);
  switch (req) {
    case "caching":
      return edgeCanRead(strategy)
        ? { ok: true, why: "the edge holds the keys, so it can read and cache responses" }
        : { ok: false, why: "the edge only sees encrypted bytes, so it has nothing it can cache" };
    case "pci":
      return internal.every((h) => h.protection !== "plain")
        ? { ok: true, why: "every internal hop is encrypted" }
        : { ok: false, why: "some internal hop carries plain HTTP" };
    case "zeroTrust":
      return internal.every((h) => h.protection === "mtls")
        ? { ok: true, why: "every internal call authenticates both sides" }
        : { ok: false, why: "internal callers are trusted because of where they sit, not proven" };
    case "noPlaintextAtEdge":
      return edgeCanRead(strategy)
        ? { ok: false, why: "the edge decrypts, so it sees plaintext" }
        : { ok: true, why: "the edge forwards ciphertext it cannot read" };
  }
}

export type Timing = {
  /** TCP + TLS 1.3 handshake before the request can leave (ms). */
  handshakeMs: number;
  /** Handshake plus the request's round trips, edge to origin included (ms). */
  firstResponseMs: number;
  /** When the edge answers from its cache (ms), or undefined when it cannot cache. */
  cachedResponseMs: number | undefined;
};

export function timingFor(strategy: Strategy): Timing {
  const hs = handshakeRtts({ transport: "tcp", tls: "1.3" });
  const setup = hs.tcpRtts + hs.tlsRtts;
  if (strategy === "passthrough") {
    const handshakeMs = setup * ORIGIN_RTT_MS;
    return { handshakeMs, firstResponseMs: handshakeMs + ORIGIN_RTT_MS, cachedResponseMs: undefined };
  }
  const handshakeMs = setup * EDGE_RTT_MS;
  // The edge keeps warm connections to the origin, so the request pays one origin round trip.
  return { handshakeMs, firstResponseMs: handshakeMs + EDGE_RTT_MS + ORIGIN_RTT_MS, cachedResponseMs: handshakeMs + EDGE_RTT_MS };
}

const SIMPLEST_FIRST: Strategy[] = ["edge", "end-to-end", "mtls", "passthrough"];

export type Rejection = { strategy: Strategy; requirement: Requirement; why: string };
export type Recommendation = { strategy: Strategy | undefined; rejected: Rejection[] };

/**
 * The simplest strategy meeting every chosen requirement. Every simpler strategy is listed with the first
 * requirement it fails, so the learner sees why it was passed over (or why nothing fits).
 */
export function recommend(requirements: readonly Requirement[]): Recommendation {
  const rejected: Rejection[] = [];
  for (const s of SIMPLEST_FIRST) {
    const failing = requirements.find((r) => !meets(s, r).ok);
    if (failing === undefined) return { strategy: s, rejected };
    rejected.push({ strategy: s, requirement: failing, why: meets(s, failing).why });
  }
  return { strategy: undefined, rejected };
}
