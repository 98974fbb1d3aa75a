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
/** Scale on the Mathis congestion-avoidance window C·√(3/(2p)) (fitted; 1 = Reno's sawtooth). */
export const LOSSY_WINDOW_SCALE = 4;
/** Scale on PFTK's share of loss events that end in a retransmission timeout (fitted; 1 = Reno without SACK). */
export const LOSSY_TIMEOUT_SCALE = 0.65;
/** Linux's minimum retransmission timeout (ms), paid when the last segments are lost and no duplicate ACK comes. */
const MIN_RTO_MS = 200;
/** BBR does not back off on random loss; each lost segment costs a share of a retransmission round (fitted). */
const BBR_RTTS_PER_EXPECTED_LOSS = 0.3;
/** Bound on rounds: keeps the arithmetic finite for absurd inputs (10^5 rounds is hours at any real RTT). */
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
 * Median extra RTTs of a CUBIC transfer on a lossy path, after Cardwell, Savage and Anderson, "Modeling TCP
 * latency" (INFOCOM 2000), which extends Padhye et al. (PFTK, SIGCOMM 1998) to short transfers:
 * 1. the initial slow start carries E[d_ss] = (1 − (1 − p)^d)(1 − p)/p + 1 segments before the first loss, in
 *    log2(E[d_ss]/w1 + 1) rounds (the window doubles every RTT: Linux counts bytes acknowledged, RFC 3465);
 * 2. the first loss costs one round of fast recovery (SACK, RACK);
 * 3. the rest is sent at the congestion-avoidance rate of Mathis et al. ("The macroscopic behavior of the TCP
 *    congestion avoidance algorithm", CCR 1997), W = C·√(3/(2p)) segments per RTT — which is also CUBIC's
 *    Reno-friendly rate for β = 0.7 (RFC 9438 §4.3, §5.1), and above its cubic-region rate at these windows —
 *    with C = LOSSY_WINDOW_SCALE fitted: Linux CUBIC with SACK, PRR and HyStart keeps more in flight than
 *    Reno's sawtooth;
 * 4. a share of the loss events end in a retransmission timeout (PFTK's Q ≈ min(1, 3√(3p/8)) per event,
 *    scaled by LOSSY_TIMEOUT_SCALE, fitted: RACK and tail-loss probes recover most of what Reno timed out on),
 *    each costing Linux's RTO, RTT + 200 ms, instead of one recovery round.
 * A transfer that expects at most one lost segment (d·p ≤ 1) has the loss-free median: SACK and RACK repair a
 * single loss within the round (measured: the median of 100 kB at 1 % loss is the loss-free time at every RTT).
 * The two scales were fitted (minimax) to the medians of docs/calibration-fit-results.json, 31 repetitions per
 * lossy configuration, and checked on the separate run of docs/calibration.md. Returns the extra RTTs beyond the
 * first round and the time spent in timeouts (ms).
 */
function cubicLossy(
  segments: number,
  lossRate: number,
  startWindow: number,
  rttMs: number,
): { extraRtts: number; timeoutMs: number } {
  const p = lossRate;
  if (segments * p <= 1) return { extraRtts: 0, timeoutMs: 0 }; // the caller's loss-free rounds stand
  const pNoLoss = (1 - p) ** segments;
  const dSs = Math.min(segments, ((1 - pNoLoss) * (1 - p)) / p + 1);
  const ssRounds = Math.log2(dSs / startWindow + 1);
  const window = LOSSY_WINDOW_SCALE * Math.sqrt(3 / (2 * p));
  const rest = Math.max(0, segments - dSs);
  // Losses within one window are one congestion event (SACK recovers them together).
  const lossEvents = 1 + (rest / window) * (1 - (1 - p) ** window);
  const timeoutShare = Math.min(1, LOSSY_TIMEOUT_SCALE * Math.min(1, 3 * Math.sqrt((3 * p) / 8)));
  const extraRtts = ssRounds - 1 + rest / window + lossEvents * (1 - timeoutShare);
  return { extraRtts: Math.min(extraRtts, MAX_ROUNDS), timeoutMs: lossEvents * timeoutShare * (rttMs + MIN_RTO_MS) };
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
 * costs one RTT. With loss, CUBIC follows cubicLossy (Cardwell et al. 2000, the median transfer);
 * BBR, which does not back off on random loss, pays BBR_RTTS_PER_EXPECTED_LOSS per expected lost segment plus the
 * timeout of a tail loss (one of the last 3 segments lost × Linux's RTO, RTT + 200 ms). Loss 1 never delivers:
 * Number.MAX_VALUE.
 */
export function transferTimeMs(input: TransferFitInput): number {
  const rtt = Math.max(0, Number.isFinite(input.rttMs) ? input.rttMs : 0);
  const loss = Math.min(1, Math.max(0, input.lossRate ?? 0));
  const cc = input.congestionControl ?? "cubic";
  const segments = responseSegments(input.responseBytes);
  let extraRtts = transferExtraRtts(input);
  let timeoutMs = 0;
  if (loss >= 1) return Number.MAX_VALUE; // nothing arrives
  if (loss > 0) {
    if (cc === "cubic") {
      const start =
        input.connection === "kept-alive"
          ? Math.max(KEPT_ALIVE_FIRST_ROUND_SEGMENTS, slowStart(segments).lastWindow)
          : INITIAL_WINDOW_SEGMENTS;
      const lossy = cubicLossy(segments, loss, start, rtt);
      extraRtts = Math.max(extraRtts, lossy.extraRtts);
      timeoutMs = lossy.timeoutMs;
    } else {
      extraRtts += BBR_RTTS_PER_EXPECTED_LOSS * segments * loss;
      // A tail loss has no later segments to trigger a fast retransmit: it waits for the timeout.
      timeoutMs = (1 - (1 - loss) ** Math.min(3, segments)) * (rtt + MIN_RTO_MS);
    }
  }
  const ms = extraRtts * rtt + timeoutMs;
  return Number.isFinite(ms) ? Math.min(ms, Number.MAX_VALUE) : Number.MAX_VALUE;
}
