// Time from the first to the last byte of an HTTP response over Linux TCP, fitted to real measurements.
// Source: fitted to docs/calibration.md (npm run calibrate: two network namespaces joined by a delay-and-loss
// bridge, nginx + OpenSSL, curl, Linux 6.18 CUBIC and BBR). Replaces the textbook doubling rule of
// slowStartRounds (handshake.ts) where the lab showed it off: responses just past a window boundary, kept-alive
// connections (which the textbook charges a full slow start), BBR's paced start-up, and packet loss.
// Pure: no I/O, no clock, no randomness.

export type TransferCongestionControl = "cubic" | "bbr";

export type TransferFitInput = {
  /** Response body (bytes, ≥ 0). */
  responseBytes: number;
  /** Round-trip time of the path (ms, ≥ 0). */
  rttMs: number;
  /**
   * `new`: the response is the first one on a fresh connection (after the TCP and TLS handshakes).
   * `kept-alive`: the connection has just carried a response of the same size (no idle period longer than the
   * retransmission timeout, so Linux keeps its window; tcp_slow_start_after_idle resets it after an idle RTO).
   */
  connection: "new" | "kept-alive";
  /** Sender's congestion control (Linux default: cubic). */
  congestionControl?: TransferCongestionControl;
  /** Share of packets lost on the path (0..1, default 0). */
  lossRate?: number;
};

/** Payload of one segment (bytes): 1500-byte MTU − 20 IPv4 − 20 TCP − 12 timestamp option (Linux default). */
export const SEGMENT_PAYLOAD_BYTES = 1448;
/** Initial congestion window (segments), RFC 6928 and the Linux default. */
export const INITIAL_WINDOW_SEGMENTS = 10;
/**
 * Bytes besides the body that share the first windows: response headers and the TLS 1.3 post-handshake
 * messages (fitted: a 100 kB body needs a 4th round on a new connection, which 10 + 20 + 40 segments of body
 * alone would not).
 */
export const RESPONSE_OVERHEAD_BYTES = 1_500;
/** Framing per 16 KiB TLS record: 22 bytes of TLS 1.3 record overhead + 9 bytes of HTTP/2 frame header. */
const RECORD_BYTES = 16_384;
const RECORD_OVERHEAD_BYTES = 31;
/**
 * What a kept-alive connection delivers in its first round (segments; fitted: a 30 kB response arrives in one
 * round, a 100 kB one takes two, whatever the RTT). After that round the window is the one the previous
 * response grew, doubled.
 */
export const KEPT_ALIVE_FIRST_ROUND_SEGMENTS = 44;
/** BBR paces its start-up, so the last segment of a multi-round response lands later (RTTs; fitted: +0.4). */
export const BBR_PACING_EXTRA_RTTS = 0.4;
/** CUBIC's multiplicative decrease on loss (RFC 9438 §4.6, β = 0.7). */
const CUBIC_BETA = 0.7;
/** CUBIC's scaling constant (segments/s³, RFC 9438 §5.1). */
const CUBIC_C = 0.4;
/** Window growth per RTT after a loss: CUBIC's Reno-friendly region, 3(1 − β)/(1 + β) segments (RFC 9438 §4.3). */
const CUBIC_FRIENDLY_GROWTH = (3 * (1 - CUBIC_BETA)) / (1 + CUBIC_BETA);
/** Linux's minimum retransmission timeout (ms), paid when the last segments are lost and no duplicate ACK comes. */
const MIN_RTO_MS = 200;
/** BBR does not back off on random loss; each lost segment costs a share of a retransmission round (fitted). */
const BBR_RTTS_PER_EXPECTED_LOSS = 0.3;
/** Bound on simulated rounds: 10^5 rounds of ≥ 1 segment exceeds any response the schema accepts at 1 % loss. */
const MAX_ROUNDS = 100_000;

/** Segments a response occupies on the wire (≥ 1). */
export function responseSegments(responseBytes: number): number {
  const body = Math.max(0, Number.isFinite(responseBytes) ? responseBytes : 0);
  const framing = Math.ceil(body / RECORD_BYTES) * RECORD_OVERHEAD_BYTES;
  return Math.max(1, Math.ceil((body + framing + RESPONSE_OVERHEAD_BYTES) / SEGMENT_PAYLOAD_BYTES));
}

/** Loss-free slow start from the initial window: rounds to deliver `segments` and the last round's window. */
function slowStart(segments: number): { rounds: number; lastWindow: number } {
  let window = INITIAL_WINDOW_SEGMENTS;
  let delivered = window;
  let rounds = 1;
  while (delivered < segments && rounds < 64) {
    window *= 2;
    delivered += window;
    rounds += 1;
  }
  return { rounds, lastWindow: window };
}

/**
 * CUBIC with loss, as a deterministic round-by-round walk (in the spirit of the periodic-loss model of Mathis
 * et al., "The macroscopic behavior of the TCP congestion avoidance algorithm", CCR 1997): a round of W segments
 * holds at least one loss with probability 1 − (1 − p)^W, and losses within one round are one congestion event
 * (SACK recovers them together). The walk accumulates that probability and takes an event each time the sum
 * passes a whole number; an event costs one extra RTT of fast recovery and multiplies the window by β; after a
 * loss the window follows CUBIC's curve W(t) = C(t − K)³ + Wmax, or its Reno-friendly estimate when that is larger
 * (RFC 9438 §4.2–4.3, C = 0.4 segments/s³). Returns extra RTTs beyond the first round.
 */
function cubicLossyExtraRtts(segments: number, lossRate: number, startWindow: number, rttMs: number): number {
  const rttSeconds = Math.max(rttMs, 0.001) / 1000;
  let eventCredit = 0;
  let window = startWindow;
  let delivered = 0;
  let rounds = 0;
  let slowStartPhase = true;
  let wMax = 0;
  let k = 0;
  let sinceLoss = 0;
  let renoEstimate = 0;
  while (delivered < segments && rounds < MAX_ROUNDS) {
    const sent = Math.min(Math.floor(window), segments - delivered);
    delivered += Math.max(1, sent);
    rounds += 1;
    eventCredit += 1 - (1 - lossRate) ** Math.max(1, sent);
    if (eventCredit >= 1) {
      eventCredit -= 1;
      rounds += 1; // fast retransmit and recovery
      wMax = window;
      window = Math.max(2, window * CUBIC_BETA);
      k = Math.cbrt((wMax * (1 - CUBIC_BETA)) / CUBIC_C);
      sinceLoss = 0;
      renoEstimate = window;
      slowStartPhase = false;
    } else if (slowStartPhase) {
      window *= 2;
    } else {
      sinceLoss += rttSeconds;
      renoEstimate += CUBIC_FRIENDLY_GROWTH;
      window = Math.max(2, CUBIC_C * (sinceLoss - k) ** 3 + wMax, renoEstimate);
    }
  }
  return rounds - 1;
}

/**
 * Rounds after the first that a loss-free response needs (RTTs, ≥ 0): the evaluator's transfer rule (latency.ts
 * hopModel multiplies it by the hop's RTT). Source: fitted to docs/calibration.md. A new connection walks slow
 * start from the initial window over the bytes on the wire; a kept-alive one delivers
 * KEPT_ALIVE_FIRST_ROUND_SEGMENTS at once and the rest on the window the previous (same-sized) response grew;
 * BBR's paced start-up lands the last byte of a multi-round response BBR_PACING_EXTRA_RTTS later.
 */
export function transferExtraRtts(input: Pick<TransferFitInput, "responseBytes" | "connection" | "congestionControl">): number {
  const segments = responseSegments(input.responseBytes);
  const cold = slowStart(segments);
  let extraRtts = 0;
  if (input.connection === "kept-alive") {
    if (segments > KEPT_ALIVE_FIRST_ROUND_SEGMENTS) {
      let window = cold.lastWindow * 2;
      let delivered = KEPT_ALIVE_FIRST_ROUND_SEGMENTS;
      while (delivered < segments && extraRtts < 64) {
        delivered += window;
        window *= 2;
        extraRtts += 1;
      }
    }
  } else {
    extraRtts = cold.rounds - 1;
  }
  if ((input.congestionControl ?? "cubic") === "bbr" && extraRtts >= 1) extraRtts += BBR_PACING_EXTRA_RTTS;
  return extraRtts;
}

/**
 * Time from the first to the last byte of a response (ms, ≥ 0). Source: fitted to docs/calibration.md; see the
 * constants above for each fitted figure. A response that fits the first window costs 0; each further round
 * costs one RTT. Loss adds CUBIC's recovery rounds (or BBR's retransmissions) plus the expected retransmission
 * timeout for a tail loss (probability that one of the last 3 segments is lost × max(200 ms, 2 RTT)).
 */
export function transferTimeMs(input: TransferFitInput): number {
  const rtt = Math.max(0, Number.isFinite(input.rttMs) ? input.rttMs : 0);
  const loss = Math.min(1, Math.max(0, input.lossRate ?? 0));
  const cc = input.congestionControl ?? "cubic";
  const segments = responseSegments(input.responseBytes);
  const cold = slowStart(segments);

  let extraRtts: number;
  if (input.connection === "kept-alive") {
    extraRtts = 0;
    if (segments > KEPT_ALIVE_FIRST_ROUND_SEGMENTS) {
      // The rest rides the window the previous (same-sized) response grew, doubling each round.
      let window = cold.lastWindow * 2;
      let delivered = KEPT_ALIVE_FIRST_ROUND_SEGMENTS;
      while (delivered < segments && extraRtts < 64) {
        delivered += window;
        window *= 2;
        extraRtts += 1;
      }
    }
  } else {
    extraRtts = cold.rounds - 1;
  }

  if (loss > 0) {
    if (cc === "cubic") {
      const start =
        input.connection === "kept-alive"
          ? Math.max(KEPT_ALIVE_FIRST_ROUND_SEGMENTS, cold.lastWindow)
          : INITIAL_WINDOW_SEGMENTS;
      extraRtts = Math.max(extraRtts, cubicLossyExtraRtts(segments, loss, start, rtt));
    } else {
      extraRtts += BBR_RTTS_PER_EXPECTED_LOSS * segments * loss;
    }
  }
  if (cc === "bbr" && extraRtts >= 1) extraRtts += BBR_PACING_EXTRA_RTTS;

  const tailLoss = loss > 0 ? 1 - (1 - loss) ** Math.min(3, segments) : 0;
  const ms = extraRtts * rtt + tailLoss * Math.max(MIN_RTO_MS, 2 * rtt);
  return Number.isFinite(ms) ? ms : 0;
}
