import type { EvaluationResult } from "@/lib/core/evaluator";
import type { Design } from "@/lib/schemas/design";
import { ninesOf } from "@/lib/core/util/nines";
import { componentNames } from "./kinds";
import { formatNumber } from "@/lib/core/util/format";

// Pure helpers of the result panel (no React): labels, number formatting and "what moved".

export type ResultTargets = { p99Ms: number; availability: number };

/** The comparable figures of one evaluation (a full result or a stored summary). */
export type Figures = { score: number; p99Ms: number; availability: number };

export type Move = { key: "score" | "p99" | "availability"; label: string; text: string; better: boolean };

const MINUS = "\u2212";

function signed(n: number, digits = 0): string {
  const rounded = Number(n.toFixed(digits));
  if (rounded === 0) return "±0";
  return `${rounded > 0 ? "+" : MINUS}${Math.abs(rounded).toFixed(digits)}`;
}

export function figuresOf(result: EvaluationResult): Figures {
  return { score: result.score, p99Ms: result.latency.p99Ms, availability: result.availability.estimate };
}

/** What changed between two evaluations, e.g. ["p99 −84 ms", "score +12"]; unchanged figures are left out. */
export function movesBetween(previous: Figures, current: Figures): Move[] {
  const moves: Move[] = [];
  const dp99 = current.p99Ms - previous.p99Ms;
  if (Math.abs(dp99) >= 0.5) moves.push({ key: "p99", label: "p99", text: `p99 ${signed(dp99)} ms`, better: dp99 < 0 });
  const dScore = current.score - previous.score;
  if (dScore !== 0) moves.push({ key: "score", label: "score", text: `score ${signed(dScore)}`, better: dScore > 0 });
  const dNines = ninesOf(current.availability) - ninesOf(previous.availability);
  if (Math.abs(dNines) >= 0.05) {
    moves.push({ key: "availability", label: "availability", text: `availability ${signed(dNines, 1)} nines`, better: dNines > 0 });
  }
  return moves;
}

/** "p99 −84 ms, score +12", or a plain sentence when nothing moved. */
export function describeMoves(moves: Move[]): string {
  return moves.length ? moves.map((m) => m.text).join(", ") : "No change since the previous evaluation";
}


export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${formatNumber(ms)} ms`;
  return `${Number(ms.toFixed(1))} ms`;
}

export function formatPercent(ratio: number, digits = 3): string {
  return `${Number((ratio * 100).toFixed(digits))} %`;
}

export const STEP_LABELS: Record<EvaluationResult["latency"]["breakdown"][number]["step"], string> = {
  dns: "DNS lookup",
  tcp: "TCP handshake",
  tls: "TLS handshake",
  quic: "QUIC handshake",
  request: "Request round trip",
  processing: "Processing",
  queueing: "Queueing",
  tail: "Slowest branch and timed-out attempts",
  transfer: "Transfer",
};

/** A readable name for a node id: componentNames' (its label, else its kind), never the id. */
export function nodeNamer(doc: Pick<Design, "nodes" | "edges"> | null | undefined) {
  const nodes = componentNames(doc?.nodes ?? []);
  const edges = new Map((doc?.edges ?? []).map((e) => [e.id, `${nodes.get(e.from) ?? e.from} → ${nodes.get(e.to) ?? e.to}`]));
  return {
    node: (id: string | undefined) => (id ? (nodes.get(id) ?? id) : ""),
    edge: (id: string | undefined) => (id ? (edges.get(id) ?? id) : ""),
  };
}

export const CHECKLIST_TITLES: Record<string, string> = {
  "private-services": "Services and data stores are private",
  "edge-tls": "TLS ends at the edge",
  "edge-http2": "HTTP/2 or HTTP/3 at the edge",
  "bounded-pools": "Connection pools are bounded",
  "keep-alive": "Internal connections are reused",
  "dns-ttl": "DNS TTL is short enough to move traffic",
  "global-entry": "Global users reach a nearby entry point",
  "cors-origins": "CORS allows only known origins",
  "tls-versions": "Only TLS 1.2 and newer",
  compression: "Responses are compressed",
};

export const SEVERITY_ORDER = { critical: 0, major: 1, minor: 2, info: 3 } as const;

export function gradeTone(grade: string): string {
  switch (grade) {
    case "A":
      return "text-emerald-700 dark:text-emerald-400";
    case "B":
      return "text-lime-700 dark:text-lime-400";
    case "C":
      return "text-amber-700 dark:text-amber-400";
    case "D":
      return "text-orange-700 dark:text-orange-400";
    default:
      return "text-red-700 dark:text-red-400";
  }
}

