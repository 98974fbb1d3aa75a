import { handshakeRtts } from "@/lib/core/evaluator/handshake";
import { mulberry32 } from "@/lib/core/util/prng";
import { widgetFigure } from "@/lib/core/widgets/reference-figures";

// W2: the same burst of packets sent over TCP and over UDP, with seeded loss and reordering.

export type Protocol = "tcp" | "udp";

export type ScenarioId = "rest" | "video" | "database" | "dns" | "game" | "upload";

export type Scenario = {
  id: ScenarioId;
  label: string;
  best: Protocol;
  why: string;
  /** Whether each protocol can carry this scenario at all; when not, the lane explains why instead of a result. */
  fits: Record<Protocol, boolean>;
  notFit?: string;
  /** Payload label of packet number n (numbering starts at `firstSeq`). */
  payload: (n: number) => string;
  firstSeq: number;
};

export const SCENARIOS: readonly Scenario[] = [
  {
    id: "rest",
    label: "REST API call",
    best: "tcp",
    why: "The response has to arrive whole and in order, or the JSON is garbage.",
    fits: { tcp: true, udp: false },
    notFit: "HTTP/1.1 and HTTP/2 run over TCP; a plain UDP socket cannot carry GET /api/users.",
    payload: (n) => (n === 1 ? "GET /api/users HTTP/1.1" : `body part ${n}`),
    firstSeq: 1,
  },
  {
    id: "video",
    label: "Live video call",
    best: "udp",
    why: "A late frame is worse than a missing one: drop it and keep the picture moving. (On-demand video is usually HTTP over TCP or QUIC; live calls use UDP.)",
    fits: { tcp: true, udp: true },
    payload: (n) => `frame ${n}`,
    firstSeq: 1,
  },
  {
    id: "database",
    label: "Database connection",
    best: "tcp",
    why: "A missing row or a reordered result set is unacceptable.",
    fits: { tcp: true, udp: false },
    notFit: "The Postgres and MySQL wire protocols only run over TCP.",
    payload: (n) => `row ${n}`,
    firstSeq: 1,
  },
  {
    id: "dns",
    label: "DNS query",
    best: "udp",
    why: "One small question, one small answer: skip the handshake and simply ask again if nothing comes back.",
    fits: { tcp: true, udp: true },
    payload: (n) => `query ${n}`,
    firstSeq: 1,
  },
  {
    id: "game",
    label: "Online game",
    best: "udp",
    why: "Positions go stale within milliseconds; the newest update matters, not the lost one.",
    fits: { tcp: true, udp: true },
    payload: (n) => `position #${n}`,
    firstSeq: 41,
  },
  {
    id: "upload",
    label: "File upload",
    best: "tcp",
    why: "Every byte counts: a file with a hole in it is a corrupt file.",
    fits: { tcp: true, udp: false },
    notFit: "Upload endpoints speak HTTP over TCP; raw UDP would need its own reliability layer.",
    payload: (n) => `chunk ${n}`,
    firstSeq: 1,
  },
];

/** The widget opens on a scenario both protocols can carry, so the first thing a reader sees is the contrast. */
export const DEFAULT_SCENARIO: ScenarioId = "game";

/** What a lane says when its protocol cannot carry the scenario at all. */
export function unavailableNote(protocol: Protocol, s: Scenario): string | null {
  if (s.fits[protocol]) return null;
  return `${protocol.toUpperCase()} is not an option for “${s.label}”: ${s.notFit ?? "it cannot carry it."}`;
}

export function scenario(id: ScenarioId): Scenario {
  return SCENARIOS.find((s) => s.id === id) as Scenario;
}

export type PacketStatus = "delivered" | "lost" | "retransmitted";

export type PacketTrace = {
  seq: number;
  payload: string;
  sentMs: number;
  status: PacketStatus;
  /** When it reached the receiving machine (undefined when lost for good). */
  arrivedMs?: number;
  /** When the application could read it (TCP holds it until the gap before it is filled). */
  readMs?: number;
  /** TCP: ms it sat in the receive buffer waiting for an earlier packet (head-of-line blocking). */
  heldMs?: number;
};

export type SendResult = {
  protocol: Protocol;
  handshakeMs: number;
  packets: PacketTrace[];
  /** What the application reads, in the order it reads it. */
  received: { seq: number; payload: string; atMs: number }[];
  completeAndInOrder: boolean;
  gaps: number[];
  reordered: boolean;
  finishedMs: number;
};

export type SendOptions = {
  protocol: Protocol;
  scenario: ScenarioId;
  count?: number;
  /** 0–0.5: share of packets lost on the first try. Any rate above zero loses at least one packet. */
  lossRate: number;
  reorder: boolean;
  seed: number;
  /** Packet numbers that are always lost on the first try, whatever the seed. */
  forceLost?: readonly number[];
  rttMs?: number;
};

export const HEADER_BYTES = { tcp: "20–60 bytes", udp: "8 bytes" } as const;

/** Which packet numbers are lost (first try) and which pairs arrive swapped, from the seed. */
export function networkFate(opts: { count: number; firstSeq: number; lossRate: number; reorder: boolean; seed: number; forceLost?: readonly number[] }) {
  const rand = mulberry32(opts.seed);
  const seqs = Array.from({ length: opts.count }, (_, i) => opts.firstSeq + i);
  const lost = new Set<number>(opts.forceLost ?? []);
  if (opts.lossRate > 0) {
    const want = Math.max(1, Math.round(opts.lossRate * opts.count));
    const pool = [...seqs];
    while (lost.size < Math.min(want + (opts.forceLost?.length ?? 0), opts.count) && pool.length > 0) {
      const k = Math.floor(rand() * pool.length);
      lost.add(pool.splice(k, 1)[0] as number);
    }
  }
  // Reordering: one packet is delayed past its successor (a guaranteed, visible swap).
  let delayed: number | null = null;
  if (opts.reorder && opts.count > 1) {
    const candidates = seqs.slice(0, -1).filter((s) => !lost.has(s) && !lost.has(s + 1));
    if (candidates.length > 0) delayed = candidates[Math.floor(rand() * candidates.length)] as number;
  }
  return { lost, delayed };
}

/** The default round trip (ms): one across a continent (content/reference-figures.json). */
export const TRANSPORT_RTT = widgetFigure("rtt-continent", 100);

/** Sends `count` packets 10 ms apart and traces what the receiving application sees. */
export function simulateSend(opts: SendOptions): SendResult {
  const sc = scenario(opts.scenario);
  const count = opts.count ?? 6;
  const rtt = opts.rttMs ?? TRANSPORT_RTT.ms;
  const oneWay = rtt / 2;
  const gap = 10;
  const rto = 2 * rtt; // retransmission timeout: a conservative multiple of the RTT
  const { lost, delayed } = networkFate({ count, firstSeq: sc.firstSeq, lossRate: opts.lossRate, reorder: opts.reorder, seed: opts.seed, forceLost: opts.forceLost });
  const handshakeMs = opts.protocol === "tcp" ? handshakeRtts({ transport: "tcp", tls: "none" }).tcpRtts * rtt : 0;
  const packets: PacketTrace[] = [];
  for (let i = 0; i < count; i++) {
    const seq = sc.firstSeq + i;
    const sentMs = handshakeMs + i * gap;
    const extra = delayed === seq ? 2 * gap + 5 : 0;
    if (lost.has(seq)) {
      if (opts.protocol === "tcp") packets.push({ seq, payload: sc.payload(seq), sentMs, status: "retransmitted", arrivedMs: sentMs + rto + oneWay });
      else packets.push({ seq, payload: sc.payload(seq), sentMs, status: "lost" });
    } else packets.push({ seq, payload: sc.payload(seq), sentMs, status: "delivered", arrivedMs: sentMs + oneWay + extra });
  }
  const received: SendResult["received"] = [];
  if (opts.protocol === "tcp") {
    // In-order delivery: a packet is readable only once everything before it has arrived.
    let readyAt = 0;
    for (const p of packets) {
      const arrived = p.arrivedMs as number;
      readyAt = Math.max(readyAt, arrived);
      p.readMs = readyAt;
      p.heldMs = readyAt - arrived;
      received.push({ seq: p.seq, payload: p.payload, atMs: readyAt });
    }
  } else {
    for (const p of packets.filter((q) => q.arrivedMs !== undefined).sort((a, b) => (a.arrivedMs as number) - (b.arrivedMs as number))) {
      p.readMs = p.arrivedMs;
      p.heldMs = 0;
      received.push({ seq: p.seq, payload: p.payload, atMs: p.arrivedMs as number });
    }
  }
  const seqs = received.map((r) => r.seq);
  const expected = packets.map((p) => p.seq);
  const gaps = expected.filter((s) => !seqs.includes(s));
  const reordered = seqs.some((s, i) => i > 0 && s < (seqs[i - 1] as number));
  return {
    protocol: opts.protocol,
    handshakeMs,
    packets,
    received,
    completeAndInOrder: gaps.length === 0 && !reordered,
    gaps,
    reordered,
    finishedMs: received.reduce((m, r) => Math.max(m, r.atMs), 0),
  };
}

/** For UDP: the packets that arrived after a lost one and were still useful (the app used them at once). */
export function usefulAfterLoss(result: SendResult): { lost: number; next: number }[] {
  if (result.protocol !== "udp") return [];
  const out: { lost: number; next: number }[] = [];
  for (const p of result.packets) {
    if (p.status !== "lost") continue;
    const next = result.packets.find((q) => q.seq > p.seq && q.status !== "lost");
    if (next) out.push({ lost: p.seq, next: next.seq });
  }
  return out;
}

export const COMPARISON: readonly { feature: string; tcp: string; udp: string }[] = [
  { feature: "Connection", tcp: "Handshake first (1 RTT)", udp: "None: just send" },
  { feature: "Ordering", tcp: "In order; later packets wait for a missing one", udp: "None: whatever arrives, in any order" },
  { feature: "Lost packets", tcp: "Retransmitted", udp: "Gone" },
  { feature: "Flow control", tcp: "Sliding window", udp: "None" },
  { feature: "Header", tcp: HEADER_BYTES.tcp, udp: HEADER_BYTES.udp },
  { feature: "Speed", tcp: "Slower: setup and reliability overhead", udp: "Faster: no setup, no waiting" },
  { feature: "Typical uses", tcp: "APIs, files, payments, databases", udp: "Live media, games, DNS" },
];
