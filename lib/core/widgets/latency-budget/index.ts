import { DEFAULTS } from "@/lib/core/evaluator/defaults";
import { handshakeRtts } from "@/lib/core/evaluator/handshake";
import { widgetFigure } from "@/lib/core/widgets/reference-figures";

// W20: the latency budget of one request, from DNS to the first byte. The handshake round trips and the DNS
// and edge figures come from the design evaluator so a widget and a design score always agree.
// Imported module by module (not through lib/core/evaluator/index) to keep the evaluator's schemas out of the bundle;
// the reference table's loader still validates its JSON with zod, so zod itself now ships with the widget.

/** Light in fibre covers about 1,000 km in 5 ms one way (content brief 3.3), so RTT ≈ km / 100. */
export const MS_PER_1000_KM_ONE_WAY = 5;

export type JourneyOptions = {
  /** Distance from the user to the origin servers (km). */
  originDistanceKm: number;
  /** Distance from the user to the nearest edge point of presence (km); used with edge termination. */
  edgeDistanceKm: number;
  /** The connection is already open (keep-alive): no lookup, no handshakes. */
  keepAlive: boolean;
  tls: "1.2" | "1.3";
  /** HTTP/3 over QUIC: transport and TLS 1.3 in one round trip. */
  http3: boolean;
  /** An edge near the user terminates TLS and reaches the origin over a warm, reused connection. */
  edgeTermination: boolean;
  dnsCached: boolean;
  /** Time your own code takes (ms). */
  serverMs: number;
};

export const DEFAULT_JOURNEY: JourneyOptions = {
  originDistanceKm: 10_000,
  edgeDistanceKm: 1_000,
  keepAlive: false,
  tls: "1.3",
  http3: false,
  edgeTermination: false,
  dnsCached: false,
  serverMs: 20,
};

/**
 * The figures the default journey stands for (content/reference-figures.json): the evaluator's uncached lookup,
 * and the round trips the default distances give, a Pacific crossing to the origin and a nearby edge.
 */
export const JOURNEY_FIGURES = {
  dnsLookup: widgetFigure("dns-cache-miss", DEFAULTS.dns.lookupMs),
  originRtt: widgetFigure("rtt-transpacific", rttFromDistanceKm(DEFAULT_JOURNEY.originDistanceKm)),
  edgeRtt: widgetFigure("rtt-edge", rttFromDistanceKm(DEFAULT_JOURNEY.edgeDistanceKm)),
} as const;

export type PhaseId = "dns" | "tcp" | "tls" | "quic" | "request" | "forward" | "app";

export type Phase = {
  id: PhaseId;
  label: string;
  /** Journey steps (1–13) this phase covers. */
  steps: string;
  ms: number;
  /** Round trips this phase costs, when it is made of round trips. */
  rtts?: number;
  /** Networking that happens before your application sees a byte. */
  preApplication: boolean;
};

export type Journey = {
  options: JourneyOptions;
  clientRttMs: number;
  originRttMs: number;
  phases: Phase[];
  totalMs: number;
  preApplicationMs: number;
  /** Notes explaining a forced or skipped setting. */
  notes: string[];
};

export function rttFromDistanceKm(km: number): number {
  const safe = Number.isFinite(km) ? Math.max(0, km) : 0;
  return round1((2 * safe * MS_PER_1000_KM_ONE_WAY) / 1000);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * Computes the phases of the request to its first byte (ms). Cold: DNS lookup + handshakes + one request round
 * trip + server time; an edge adds one warm round trip to the origin. Matches evaluateDesign's coldTtfbMs for
 * the equivalent design (see tests/unit/widgets/extra/latency-budget.test.ts).
 */
export function computeJourney(options: JourneyOptions): Journey {
  const notes: string[] = [];
  const originRttMs = rttFromDistanceKm(options.originDistanceKm);
  const clientRttMs = options.edgeTermination
    ? rttFromDistanceKm(Math.min(options.edgeDistanceKm, options.originDistanceKm))
    : originRttMs;
  // QUIC always carries TLS 1.3; there is no TLS 1.2 over QUIC.
  const tls = options.http3 ? "1.3" : options.tls;
  if (options.http3 && options.tls === "1.2") notes.push("HTTP/3 always runs TLS 1.3 inside QUIC, so the TLS 1.2 setting does not apply.");
  const hs = handshakeRtts({ transport: options.http3 ? "quic" : "tcp", tls });
  const newConnection = !options.keepAlive;
  if (options.keepAlive) notes.push("A reused connection needs no lookup and no handshakes.");
  const dnsMs = newConnection && !options.dnsCached ? JOURNEY_FIGURES.dnsLookup.ms : 0;
  const server = Number.isFinite(options.serverMs) ? Math.max(0, options.serverMs) : 0;

  const phases: Phase[] = [
    { id: "dns", label: "DNS lookup", steps: "1–2", ms: dnsMs, preApplication: true },
  ];
  if (options.http3) {
    const rtts = newConnection ? hs.quicRtts : 0;
    phases.push({ id: "quic", label: "QUIC handshake (transport + TLS 1.3)", steps: "3–4", ms: round1(rtts * clientRttMs), rtts, preApplication: true });
  } else {
    const tcp = newConnection ? hs.tcpRtts : 0;
    const tlsRtts = newConnection ? hs.tlsRtts : 0;
    phases.push({ id: "tcp", label: "TCP handshake", steps: "3", ms: round1(tcp * clientRttMs), rtts: tcp, preApplication: true });
    phases.push({ id: "tls", label: `TLS ${tls} handshake`, steps: "4", ms: round1(tlsRtts * clientRttMs), rtts: tlsRtts, preApplication: true });
  }
  phases.push({
    id: "request",
    label: options.edgeTermination ? "Request to the edge and first byte back" : "Request out and first byte back",
    steps: "5, 13",
    ms: clientRttMs,
    rtts: 1,
    preApplication: true,
  });
  phases.push({
    id: "forward",
    label: "Edge to origin over a reused connection",
    steps: "6–7",
    ms: options.edgeTermination ? originRttMs : 0,
    rtts: options.edgeTermination ? 1 : 0,
    preApplication: true,
  });
  phases.push({ id: "app", label: "Your code: auth, database write, enqueue", steps: "8–10", ms: server, preApplication: false });

  const totalMs = round1(phases.reduce((s, p) => s + p.ms, 0));
  const preApplicationMs = round1(totalMs - server);
  return { options: { ...options, tls }, clientRttMs, originRttMs, phases, totalMs, preApplicationMs, notes };
}

/** The 13 steps of posting a message (content brief 14.7), with the phase each one falls in. */
export const JOURNEY_STEPS: { n: number; text: string; category: "Network" | "Infra" | "App" | "Async" | "App → Network"; phase: PhaseId | "async" }[] = [
  { n: 1, text: "Browser asks its resolver for the API's address", category: "Network", phase: "dns" },
  { n: 2, text: "The address comes back", category: "Network", phase: "dns" },
  { n: 3, text: "TCP handshake with the edge or server", category: "Network", phase: "tcp" },
  { n: 4, text: "TLS handshake", category: "Network", phase: "tls" },
  { n: 5, text: "HTTP POST /posts goes out", category: "Network", phase: "request" },
  { n: 6, text: "Edge forwards to the API load balancer", category: "Infra", phase: "forward" },
  { n: 7, text: "Load balancer picks a healthy API host", category: "Infra", phase: "forward" },
  { n: 8, text: "API authenticates through the identity cache", category: "App", phase: "app" },
  { n: 9, text: "API writes the post to the database", category: "App", phase: "app" },
  { n: 10, text: "API enqueues the fan-out job", category: "App", phase: "app" },
  { n: 11, text: "Workers pick up the job later", category: "Async", phase: "async" },
  { n: 12, text: "Workers update followers' timelines", category: "Async", phase: "async" },
  { n: 13, text: "201 Created travels back to the browser", category: "App → Network", phase: "request" },
];
