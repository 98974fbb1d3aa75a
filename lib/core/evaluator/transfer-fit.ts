// Time from the first to the last byte of an HTTP response over Linux TCP, fitted to real measurements.
// Source: fitted to docs/calibration.md (npm run calibrate: two network namespaces joined by a delay-and-loss
// bridge, nginx + OpenSSL, curl, Linux 6.18 CUBIC and BBR). Replaces the textbook doubling rule of
// slowStartRounds (handshake.ts) where the lab showed it off: responses just past a window boundary, kept-alive
// connections (which the textbook charges a full slow start), BBR's paced start-up, and packet loss.
// Pure: no I/O, no clock; random loss is simulated with a generator seeded from the inputs, so the same input
// always gives the same answer.

import { mulberry32 } from "../util/prng";

export type TransferCongestionControl = "cubic" | "bbr";
/**
 * How the path's losses fall. `random` (the default, what a real network does): each segment independently.
 * `periodic`: exactly every 1/p-th packet the server sends, counted from its SYN-ACK (the deterministic process of
 * Mathis et al., CCR 1997, as the calibration lab's bridge drops it: reproducible), so a new connection's handshake
 * packets come first (PERIODIC_PACKETS_BEFORE_RESPONSE).
 */
export type LossPattern = "random" | "periodic";

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
  /**
   * Kept-alive only: how long the connection sits idle between the previous response's last byte reaching the client
   * and the next request (ms; absent: back to back). Past the sender's retransmission timeout Linux restarts slow
   * start (idleRestartWindow).
   */
  idleMs?: number;
  /**
   * Kept-alive only: responses the connection carried before this one (each of the same size, back to back; an
   * integer 1..MAX_PRIOR_RESPONSES, default 1: the second response on a connection, what the lab's kept-alive rows
   * time). It changes only CUBIC under loss (keptAliveHistoryRounds): each earlier response's losses cut the window the
   * next one starts from, so an older connection sends with a window nearer the loss-limited one.
   */
  priorResponses?: number;
  /** Sender's congestion control (Linux default: cubic). */
  congestionControl?: TransferCongestionControl;
  /** Share of packets lost on the path (0..1, default 0). */
  lossRate?: number;
  /** How the losses fall (default `random`). */
  lossPattern?: LossPattern;
  /** The path's bottleneck bandwidth (Mbit/s, > 0; default: none, the path is as fast as the hosts). */
  bandwidthMbps?: number;
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
/** Framing per 16 KiB TLS record: 22 bytes of TLS 1.3 record overhead + 9 bytes of HTTP/2 frame header. The size is
 * TLS's largest record (2^14 bytes of plaintext, RFC 8446 §5.1) and nginx's default ssl_buffer_size. */
export const RECORD_BYTES = 16_384;
const RECORD_OVERHEAD_BYTES = 31;
/**
 * What a kept-alive CUBIC connection delivers in its first round after a response of its size (segments): what the
 * server's send buffer holds, which Linux sized during that response (tcp_sndbuf_expand: 2 × cwnd × 2,304 bytes at the
 * last acknowledgement that found the writer blocked). Measured with the client's receive buffer raised (model
 * 2.13.0, docs/model.md section 29): 60, 70, 80 and 90 kB (43–64 segments) left in one round in 132 of 132
 * repetitions at 10, 40 and 100 ms (docs/calibration-kept-alive-sizes.json), and a tcpdump trace of 100 kB at 40 ms
 * showed 66 of its segments in the first round and the last one a round later in 10 of 11. 44 before, fitted when the
 * client's receive window held the sender. After that round the window is the one the previous response grew, doubled.
 */
export const KEPT_ALIVE_FIRST_ROUND_SEGMENTS = 66;
/** BBR paces its start-up, so the last segment of a multi-round response lands later (RTTs; fitted: +0.4). */
export const BBR_PACING_EXTRA_RTTS = 0.4;
/**
 * BBR's start-up gain on the pacing rate, 2/ln 2 (Linux tcp_bbr.c bbr_high_gain = BBR_UNIT × 2885 / 1000 + 1 = 2.887;
 * Cardwell et al., ACM Queue 2016: the smallest gain that doubles the delivery rate each round).
 */
const BBR_HIGH_GAIN = 739 / 256;
/**
 * How long BBR paces a kept-alive response over (RTTs from its first segment to its last; derived, not fitted).
 * A loss-free response leaves Linux's BBR in STARTUP on a path it has not filled (full_bw_reached needs three rounds
 * without 25 % more delivery), with the bandwidth filter (a max over 10 rounds, not over time, so an idle gap keeps it)
 * holding the delivery rate of the response's last round trip; sending grew ×2 per round, so that round delivered half
 * of it: bw ≈ S / (2·RTT). cwnd grew by every segment acknowledged (bbr_set_cwnd before full bandwidth), so the next
 * response of the same size is not window-limited but paced at bbr_high_gain × bw: S segments over
 * 2 / 2.887 = 0.69 RTT (= ln 2), whatever S, the RTT or the gap. Measured (docs/calibration-bbr-kept-alive.json):
 * 0.66–0.69 RTT after the request's round for 30 kB–1 MB at 10–200 ms, HTTP/2 and HTTP/1.1.
 */
export const BBR_KEPT_ALIVE_PACED_RTTS = 2 / BBR_HIGH_GAIN;
/** CUBIC's multiplicative decrease and cubic constant (RFC 9438 §4.6, §5.1; Linux tcp_cubic.c: beta 717/1024, C 0.4). */
const CUBIC_BETA = 0.7;
const CUBIC_C = 0.4;
/** CUBIC's Reno-friendly additive increase per RTT, 3(1 − β)/(1 + β) (RFC 9438 §4.3). */
const CUBIC_ALPHA = (3 * (1 - CUBIC_BETA)) / (1 + CUBIC_BETA);
/** Linux grows cwnd at most to 1.5× per RTT in congestion avoidance (tcp_cubic.c bictcp_update: cnt ≥ 2). */
const CUBIC_MAX_GROWTH = 1.5;
/**
 * BBR does not back off on loss; each lost segment costs this share of a round (RTTs; fitted to the periodic-loss
 * rows of docs/calibration-fit-results.json, minimax over 40 and 200 ms: 0.37 and 0.35 RTT per loss measured, model
 * 2.12.0; 0.6 before, fitted to a run whose client's receive window held the sender, where 0.51 and 0.68 were measured).
 */
export const BBR_RTTS_PER_LOSS = 0.36;
/**
 * The same for random loss (RTTs per lost segment of a binomial count; fitted, minimax, to the two random-loss
 * BBR rows of docs/calibration-fit-results.json, 401 repetitions each, a separate run from the published one:
 * 0.30 and 0.28 RTT per expected loss measured at 40 and 200 ms; model 2.12.0, 0.33 before from the earlier method's
 * 0.34 and 0.33). Random losses cost BBR less than periodic ones.
 */
export const BBR_RTTS_PER_RANDOM_LOSS = 0.29;
/**
 * A kept-alive BBR connection under random loss (model 2.14.0, re-fitted in 2.16.0): it paces the whole response out
 * within a round (BBR_KEPT_ALIVE_PACED_RTTS), so its losses are found and repaired after the last original segment has
 * left, side by side, and what the transfer waits for is the repair of the last one. The response ends at the later of
 * its loss-free end and the last lost segment's place in the pacing plus this repair (RTTs: the SACKs of the segments
 * after it reveal the hole about a round after it was sent, and the retransmission arrives about a round after the
 * original would have); each loss before the last adds BBR_KEPT_ALIVE_RTTS_PER_EARLIER_LOSS, up to
 * BBR_KEPT_ALIVE_EARLIER_LOSSES_MAX_RTTS in all. The three figures were fitted together, minimax over the row medians
 * of docs/calibration-bbr-kept-alive-loss.json (100 kB and 1 MB at 40, 100 and 200 ms) and
 * docs/calibration-bbr-kept-alive-loss-sizes.json (300 kB and 3 MB at 40 and 100 ms), 1 % random loss, 101 repetitions
 * each, and checked on two runs measured after the fit (…-check2.json and …-sizes-check.json): all ten rows within
 * 4.9 %. 2.14's uncapped 0.12 RTT per earlier loss, fitted on 100 kB and 1 MB alone, put 3 MB 56–60 % slow: a 3 MB
 * response takes no more rounds after its first byte than 1 MB (2.1–2.2 RTTs measured), so the earlier losses' cost
 * does not grow with their number. New connections keep BBR_RTTS_PER_RANDOM_LOSS.
 */
export const BBR_KEPT_ALIVE_LOSS_REPAIR_RTTS = 1.13;
/** See BBR_KEPT_ALIVE_LOSS_REPAIR_RTTS (RTTs per lost segment before the last; fitted with it). */
export const BBR_KEPT_ALIVE_RTTS_PER_EARLIER_LOSS = 0.18;
/** See BBR_KEPT_ALIVE_LOSS_REPAIR_RTTS: what all the earlier losses cost at most (RTTs; fitted with it). */
export const BBR_KEPT_ALIVE_EARLIER_LOSSES_MAX_RTTS = 0.4;

/**
 * Extra rounds (RTTs after the first byte) of a kept-alive BBR response that lost `lost` of its `segments`, the
 * last of them its `lastLost`-th (1-based): BBR_KEPT_ALIVE_LOSS_REPAIR_RTTS's rule (its source).
 */
export function bbrKeptAliveLossyRtts(lossFreeRtts: number, segments: number, lost: number, lastLost: number): number {
  if (lost <= 0) return lossFreeRtts;
  const sentAt = (lossFreeRtts * Math.min(lastLost, segments)) / Math.max(1, segments);
  const earlier = Math.min(BBR_KEPT_ALIVE_RTTS_PER_EARLIER_LOSS * (lost - 1), BBR_KEPT_ALIVE_EARLIER_LOSSES_MAX_RTTS);
  return Math.max(lossFreeRtts, sentAt + BBR_KEPT_ALIVE_LOSS_REPAIR_RTTS) + earlier;
}
/**
 * Rounds simulated before the rest is extrapolated at the rate of the second half of them (keeps huge inputs
 * cheap: by then the window has long settled into its steady sawtooth).
 */
const MAX_SIMULATED_ROUNDS = 2_000;

/**
 * Packets a server sends on a new TLS 1.3, HTTP/2 connection before its response's first segment (the one carrying
 * its HEADERS), each outcome equally likely: the SYN-ACK, the acknowledgement of the client's first flight, the
 * handshake flight, two session tickets and HTTP/2's SETTINGS, which the kernel coalesces or not as timing falls.
 * Traced in the lab (tcpdump on the server, 13 connections at 0, 10 and 40 ms, model 2.13.0): 5, 6 or 7 before the
 * packet the response's first full segment follows, and the bridge's periodic drops were exactly packets 100, 200, …
 * of the connection. So the first lost segment of the response is the 93rd to 95th, not the 100th; a phase that the
 * windows are sensitive to (1 MB at 1 % takes 18 rounds from the 100th, 20 or 21 from the 93rd–95th at 10 ms).
 */
export const PERIODIC_PACKETS_BEFORE_RESPONSE = [5, 6, 7] as const;

/**
 * The distance to each next lost segment (segments) when every `1/lossRate`-th packet of the connection is dropped,
 * counted from its SYN-ACK, and `before` packets precede the response: the first loss falls on the response's segment
 * G·⌈(before + 1)/G⌉ − before (G = 1/lossRate), every later one G segments on (retransmissions count, as sent does).
 */
function periodicGaps(lossRate: number, before: number): () => number {
  const g = 1 / lossRate;
  let first = true;
  return () => {
    if (!first) return g;
    first = false;
    return g * Math.ceil((before + 1) / g) - before;
  };
}

/**
 * Bytes besides the body of a later response on a kept-alive connection: its headers only (nginx's static response
 * headers are ~250 bytes over HTTP/1.1, fewer with HPACK), no handshake messages. Measured (docs/calibration-idle.json):
 * 100 kB restarted from the initial window after an idle gap arrives in 3 rounds (10 + 20 + 40 segments), which the
 * 1,500 bytes of RESPONSE_OVERHEAD_BYTES (71 segments) would make 4.
 */
const KEPT_ALIVE_OVERHEAD_BYTES = 300;

/** Segments a response occupies on the wire (≥ 1): the first on a connection, or (`later`) a kept-alive one's next. */
export function responseSegments(responseBytes: number, later = false): number {
  const body = Math.max(0, Number.isFinite(responseBytes) ? responseBytes : 0);
  const framing = Math.ceil(body / RECORD_BYTES) * RECORD_OVERHEAD_BYTES;
  const overhead = later ? KEPT_ALIVE_OVERHEAD_BYTES : RESPONSE_OVERHEAD_BYTES;
  return Math.max(1, Math.ceil((body + framing + overhead) / SEGMENT_PAYLOAD_BYTES));
}

/**
 * Share of new HTTP/2 connections whose first byte waits for a whole first record (fitted, docs/calibration.md "Time
 * to first byte for large responses"): nginx sometimes sends the HEADERS frame in a record of its own, which arrives in
 * the first round, and sometimes in the first full record; what decides it is not known. Measured with 16 KiB records
 * on responses of 30 kB–1 MB, the client's receive buffer raised (model 2.12): 15 of 168 repetitions of the published
 * run and 15 of 82 of the first-record experiment, 30 of 250 in all (the earlier method's runs, whose client window
 * held the sender: 144 of 404, 0.36). HTTP/1.1 puts the headers in the first record every time.
 */
export const H2_LATE_FIRST_RECORD_SHARE = 0.12;

/**
 * Rounds a new connection's first byte comes late because the response's first TLS record does not fit the first
 * round (RTTs: 0 or 1 over HTTP/1.1, 0 or H2_LATE_FIRST_RECORD_SHARE over HTTP/2, an expected value like the
 * waterfall's other steps). A client reads no byte of a record before its last one has arrived (its integrity tag
 * comes last), and the first round carries the initial window: INITIAL_WINDOW_SEGMENTS full segments. The first record
 * on the wire is min(record size, body) plus its framing (RECORD_OVERHEAD_BYTES); over HTTP/1.1 the headers are inside
 * it, and a record up to 2^14 bytes completes in the second round (20 more segments). So a record is late past
 * 14,449 bytes: measured, 12,288- and 13,312-byte records on time (2 and 1 of 21 late, host noise), 16,384-byte ones
 * late (41 of 41). Not counted: TLS 1.3 session tickets sent ahead of the response (the lab turns them off), which
 * would lower that threshold by their size. `recordBytes` undefined: the server sizes its first records to fit (Go's
 * crypto/tls, several CDNs): 0. HTTP/3 has no records spanning packets: the caller passes only TCP hops.
 */
export function firstRecordExtraRtts(
  responseBytes: number,
  recordBytes: number | undefined,
  http: "1.1" | "2",
  /** The sender's window in the response's first round (segments): a new connection's initial window, or a kept-alive
   * one's after an idle restart (idleRestartWindow, which passes `keptAlive`). */
  windowSegments: number = INITIAL_WINDOW_SEGMENTS,
  keptAlive = false,
): number {
  if (recordBytes === undefined) return 0;
  const body = Math.max(0, Number.isFinite(responseBytes) ? responseBytes : 0);
  const first = Math.min(recordBytes, RECORD_BYTES, body) + RECORD_OVERHEAD_BYTES;
  if (first <= windowSegments * SEGMENT_PAYLOAD_BYTES) return 0;
  // On a kept-alive connection nginx writes an HTTP/2 response's HEADERS frame and its first data into one record: the
  // lab's restarted connections had their first byte a round late in 44 of 44 HTTP/2 repetitions
  // (docs/calibration-idle.json), where new connections split them 0.12 of the time.
  return http === "2" && !keptAlive ? H2_LATE_FIRST_RECORD_SHARE : 1;
}

/**
 * RTTs a kept-alive BBR response's first byte comes late because its first TLS record is paced out like the rest
 * (model 2.9.0): a client reads no byte of a record before its last segment has arrived, and BBR spreads the response's
 * S segments over BBR_KEPT_ALIVE_PACED_RTTS in chunks of at least two segments (tcp_bbr.c bbr_min_tso_segs), the first
 * chunk at once, so the chunk holding segment k of the record leaves 2⌊(k − 1)/2⌋ / S of the way through. With nginx's
 * 16 KiB records (12 segments with the HEADERS frame, which nginx writes into the first record on a kept-alive
 * connection): 30 kB 0.33 RTT, 100 kB 0.10, 1 MB 0.01; measured 0.31, 0.09–0.11 and 0.00–0.02
 * (docs/calibration-bbr-kept-alive.json). `recordBytes` undefined: first records that fit a chunk, 0.
 */
export function bbrKeptAliveFirstRecordExtraRtts(responseBytes: number, recordBytes: number | undefined): number {
  if (recordBytes === undefined) return 0;
  const body = Math.max(0, Number.isFinite(responseBytes) ? responseBytes : 0);
  const first = Math.min(recordBytes, RECORD_BYTES, body) + RECORD_OVERHEAD_BYTES + KEPT_ALIVE_OVERHEAD_BYTES;
  const recordSegments = Math.ceil(first / SEGMENT_PAYLOAD_BYTES);
  const later = responseSegments(body, true);
  return (BBR_KEPT_ALIVE_PACED_RTTS * 2 * Math.floor((Math.min(recordSegments, later) - 1) / 2)) / later;
}

/** Loss-free slow start from the initial window (or an idle restart's): rounds to deliver `segments` and the last
 * round's window. */
function slowStart(segments: number, startWindow = INITIAL_WINDOW_SEGMENTS): { rounds: number; lastWindow: number } {
  let window = startWindow;
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
 * Rounds a CUBIC transfer of `segments` takes on a path that loses one segment in every 1/p (RTTs, ≥ 1), by
 * stepping the sender round by round as RFC 9438 and Linux's tcp_cubic.c define it — no fitted constant:
 * 1. slow start from `startWindow`, doubling each round (Linux counts acknowledged bytes, RFC 3465);
 * 2. the losses fall on every 1/p-th segment sent (the deterministic loss process Mathis et al., CCR 1997,
 *    assume; Cardwell, Savage and Anderson, INFOCOM 2000, put the first loss of a short transfer at the same
 *    place on average), from the segment `gap` first names (the phase: PERIODIC_PACKETS_BEFORE_RESPONSE). A round with losses is one congestion event: SACK repairs its lost segments in the
 *    next round (fast recovery, no timeout), Wmax = the window, cwnd = β·Wmax (β 0.7);
 * 3. congestion avoidance grows cwnd to the larger of the cubic window C·(t + RTT − K)³ + Wmax, K = ∛(Wmax(1 − β)/C)
 *    (t: time since the loss in seconds; Linux aims one RTT ahead), and the Reno-friendly window growing by
 *    3(1 − β)/(1 + β) per RTT, at most 1.5× per round;
 * 4. cwnd grows only in a round Linux counts as cwnd-limited (tcp_is_cwnd_limited; model 2.11.0, see the loop): one that
 *    filled cwnd or followed one that did, or in slow start one that sent more than half of it. Only a kept-alive
 *    response that fits inside the window it inherited is affected: a new connection's rounds are full but its last;
 * 5. one cut per recovery episode (model 2.12.0): a loss is detected an RTT after its segment left, and every segment
 *    sent by then belongs to its episode (RFC 6582 "recover", RFC 6675; Linux high_seq): a later loss among them is
 *    repaired without a second cut. Traced in the lab: after slow start overshoots, the second lost segment left
 *    ssthresh where the first cut put it (40 and 200 ms, docs/model.md section 28);
 * 6. the round that carries out a cut grows nothing (model 2.12.0): Linux reduces the window by proportional rate
 *    reduction (RFC 6937, tcp_cwnd_reduction) instead of calling the congestion control's growth, and CUBIC's epoch
 *    starts after it;
 * 7. behind a bottleneck (`segmentRtts` > 0; model 2.15.0) a round lasts max(RTT + one segment's time, its segments'
 *    time on the link), as the loss-free climb's rounds do (bottleneckTransferMs), and CUBIC's clock runs by those
 *    longer rounds. Measured (docs/calibration-loss-bottleneck-check.json, 101 transfers one at a time): 1 MB at 1 %
 *    behind 10 Mbit/s at 40 ms takes 1,188 ms to the last byte, 1,182 by this rule, 1,045 by 2.14's larger of the
 *    loss rule and the climb.
 * Because the cubic window grows with time rather than rounds, a long path needs fewer rounds than a short one:
 * measured with periodic loss (docs/calibration-fit-results.json, the client's receive buffer raised), 1 MB at 1 %
 * takes 20.5, 19.2, 19.1 and 17.1 RTTs after the first byte at 10, 40, 100 and 200 ms; the rule, as the median of the
 * three phases the lab's drops take against the response (model 2.13.0), gives 20, 20, 19 and 18 (from the response's
 * 100th segment, model 2.12: 18, 18, 18 and 17; the phase moves whole rounds, traced in docs/model.md section 29). (The
 * earlier method's client window held the sender for whole rounds: 26, 25, 23 and 21 were measured then; model 2.11,
 * without steps 5 and 6 and without growing slow start until the loss is detected, gave 28, 27, 24 and 21.)
 * A short transfer rides the window slow start overshot to; a long one settles into the sawtooth whose rate is
 * Mathis' √(3/(2p)) segments per RTT (10 MB at 100 ms and 1 %: ~58 s, Mathis ~56 s). Left out: Linux's fast
 * convergence (a plateau of (1 + β)/2 of the window when it shrank since the last loss): with it the rule gives
 * 27 rounds at 100 ms where 23 were measured (model 2.10 against the earlier method's runs; not tried again since).
 */
/** A CUBIC sender's state between responses on one connection (segments; seconds since its last loss). */
type CubicState = { cwnd: number; ssthresh: number; wMax: number; k: number; sinceLossS: number; wEst: number };

/** A fresh connection: the initial window, in slow start. */
function freshCubicState(): CubicState {
  return { cwnd: INITIAL_WINDOW_SEGMENTS, ssthresh: Infinity, wMax: 0, k: 0, sinceLossS: 0, wEst: 0 };
}

function cubicLossyRounds(
  segments: number,
  lossRate: number,
  startWindow: number,
  rttMs: number,
  gap: () => number = () => 1 / lossRate,
  maxRounds = MAX_SIMULATED_ROUNDS,
  /** Carried over from the connection's previous response, and left as this one ends (kept-alive history). */
  state?: CubicState,
  /**
   * A bottleneck's time to put one segment on its link, in RTTs (0: none). A round then lasts as long as the link
   * takes to carry it, if that is longer than the RTT, and the response's last round ends when its last segment is
   * through (the climb of bottleneckTransferMs, round by round with the losses). The return value stays "rounds":
   * 1 + the RTTs after the first byte, fractional.
   */
  segmentRtts = 0,
): number {
  const rttS = rttMs / 1000;
  let delivered = 0;
  let sent = 0;
  let nextLoss = gap();
  let cwnd = state?.cwnd ?? startWindow;
  let ssthresh = state?.ssthresh ?? Infinity;
  let wMax = state?.wMax ?? 0;
  let k = state?.k ?? 0;
  // Between responses the cubic clock stands still: Linux shifts CUBIC's epoch by the idle time when sending
  // resumes (tcp_cubic.c, CA_EVENT_TX_START), so only rounds that send count.
  let sinceLossS = state?.sinceLossS ?? 0;
  let wEst = state?.wEst ?? 0;
  let rounds = 0;
  // RTTs since the first round began, each round counted whole (its RTT, or its time on the bottleneck if longer).
  let elapsed = 0;
  let lastRound = 1;
  let lastSend = 0;
  let elapsedAtHalf = 0;
  const save = () => {
    if (state) Object.assign(state, { cwnd, ssthresh, wMax, k, sinceLossS, wEst });
  };
  let deliveredAtHalf = 0;
  // The recovery episode (model 2.12.0): the last segment sent when the current episode's first loss was detected
  // (RFC 6582's "recover", Linux's high_seq), and whether this round is the one the cut is carried out in.
  let recover = -1;
  let recovering = false;
  // Whether the previous round of this response filled cwnd (tcp_is_cwnd_limited's flag, below).
  let previousFull = false;
  while (delivered < segments) {
    if (rounds === Math.floor(maxRounds / 2)) {
      deliveredAtHalf = delivered;
      elapsedAtHalf = elapsed;
    }
    if (rounds >= maxRounds) {
      const perRtt = Math.max(1e-9, (delivered - deliveredAtHalf) / Math.max(1e-9, elapsed - elapsedAtHalf));
      save();
      return elapsed + (segments - delivered) / perRtt;
    }
    rounds += 1;
    const send = Math.max(1, Math.min(Math.floor(cwnd), segments - delivered));
    const roundRtts = Math.max(1 + segmentRtts, send * segmentRtts);
    elapsed += roundRtts;
    lastRound = roundRtts;
    lastSend = send;
    const roundS = rttS * roundRtts;
    let lost = 0;
    // Losses that start a new episode: a segment sent after `recover` (one sent before the first loss was detected
    // belongs to that loss's episode and costs no second cut; RFC 6582 §3.2, RFC 6675, Linux tcp_fastretrans_alert).
    let fresh = 0;
    // Segments of this round acknowledged ahead of its first loss: in slow start each still grows cwnd before the
    // loss is detected, so the cut starts from the window the sender had reached (both loss patterns since model 2.12.0).
    const beforeFirstLoss = Math.max(0, Math.min(send, nextLoss - sent - 1));
    while (sent + send >= nextLoss) {
      lost += 1;
      if (nextLoss > recover) fresh += 1;
      nextLoss += gap();
    }
    const sentBefore = sent;
    sent += send;
    // The round after a cut is spent reducing the window (Linux tcp_cong_control: tcp_cwnd_reduction, proportional rate
    // reduction, RFC 6937, instead of tcp_cong_avoid): it grows nothing, and CUBIC's epoch starts after it.
    const reducing = recovering;
    recovering = false;
    // Linux grows cwnd only while tcp_is_cwnd_limited (include/net/tcp.h; cubictcp_cong_avoid returns early otherwise):
    // in slow start while cwnd < 2 × the flight, else while is_cwnd_limited, which tcp_cwnd_validate (tcp_output.c) sets
    // when a send fills cwnd and re-evaluates once per window (when snd_una passes cwnd_usage_seq). So a round grows cwnd
    // when it filled cwnd, or when the round before it in this response did (its ACKs clocked this round's sends, each
    // filling the window again, and the flag outlives the data). A kept-alive response that fits inside the window it
    // inherited grows nothing (model 2.11.0; the shipped rule before grew cwnd in every loss-free round).
    const full = send >= Math.floor(cwnd);
    const limited = full || previousFull || (cwnd < ssthresh && cwnd < 2 * send);
    previousFull = full;
    if (lost > 0) {
      delivered += Math.max(0, send - lost); // the lost ones go again next round; a round with losses grows nothing
      // Losses repaired within the episode under way cost no second cut.
      if (fresh === 0) continue;
      const slowStarting = cwnd < ssthresh;
      if (slowStarting && limited) cwnd += beforeFirstLoss;
      // Detected one RTT after the lost segment left: by then the rest of this round is out, and the next round has
      // sent what the ACKs of the segments ahead of the loss clocked out (two each in slow start, one after).
      recover = sentBefore + send + (slowStarting ? 2 : 1) * beforeFirstLoss;
      recovering = true;
      wMax = cwnd;
      cwnd = Math.max(2, cwnd * CUBIC_BETA);
      ssthresh = cwnd;
      wEst = cwnd;
      sinceLossS = 0;
      k = Math.cbrt((wMax * (1 - CUBIC_BETA)) / CUBIC_C);
    } else {
      delivered += send;
      if (reducing) {
        // the window was cut last round: nothing grows while it is reduced (above)
      } else if (!limited) {
        // CUBIC's clock is wall time since its epoch began (bictcp_update: t = now − epoch_start), which the first
        // growing round after a loss starts: a round that grows nothing still moves it on once it runs.
        if (cwnd >= ssthresh && sinceLossS > 0) sinceLossS += roundS;
      } else if (cwnd < ssthresh) cwnd = Math.min(cwnd * 2, cwnd + send);
      else {
        sinceLossS += roundS;
        const cubic = CUBIC_C * (sinceLossS + rttS - k) ** 3 + wMax;
        wEst += (CUBIC_ALPHA * send) / cwnd;
        cwnd = Math.min(Math.max(cwnd, cubic, wEst), CUBIC_MAX_GROWTH * cwnd);
      }
    }
  }
  save();
  // The last round ends when its last segment is through the link, not a whole round later (without a bottleneck
  // every round is one RTT and this is `rounds`).
  return elapsed - lastRound + 1 + Math.max(0, (lastSend - 1) * segmentRtts);
}

/**
 * The window (segments) a kept-alive CUBIC connection sends its next response with after sitting idle, or undefined
 * when it keeps the one its previous response grew. Linux (tcp_slow_start_after_idle = 1, the default; RFC 5681 §4.1,
 * RFC 2861) checks before it sends: if nothing was sent for longer than the retransmission timeout, tcp_cwnd_restart
 * halves cwnd once per RTO elapsed past the first, never below the initial window, and keeps ssthresh at ≥ ¾ of the
 * old cwnd, so the response slow-starts from there. Source: Linux net/ipv4/tcp_output.c (tcp_cwnd_restart) and
 * tcp.c (tcp_slow_start_after_idle_check), measured by the lab's idle matrix (docs/calibration-idle.json).
 * - The sender's idle time is the client's gap plus one RTT: its last segment's way to the client and the next
 *   request's way back.
 * - Its RTO is SRTT + RTTVAR with RTTVAR floored at tcp_rto_min (200 ms): RTT + RTO_MIN_MS on a settled path.
 * - The window before the gap is Linux's after a loss-free slow start over the previous response of the same size
 *   (`segments`, as the first response on the connection occupies them): the initial window plus one segment per
 *   segment acknowledged.
 * BBR sets its own window (a congestion control with cong_control is exempt from the check; BBR paces at its
 * bandwidth estimate after idle): undefined. So is a connection idle no longer than its RTO.
 */
export function idleRestartWindow(input: {
  segments: number;
  rttMs: number;
  idleMs: number | undefined;
  congestionControl?: TransferCongestionControl;
}): number | undefined {
  const idle = input.idleMs;
  if (idle === undefined || !(idle > 0) || (input.congestionControl ?? "cubic") === "bbr") return undefined;
  const rtt = Math.max(0, Number.isFinite(input.rttMs) ? input.rttMs : 0);
  const senderIdle = idle + rtt;
  const rto = rtt + RTO_MIN_MS;
  if (!(senderIdle > rto)) return undefined;
  const halvings = Math.min(64, Math.ceil(senderIdle / rto) - 1);
  const before = INITIAL_WINDOW_SEGMENTS + input.segments;
  return Math.max(INITIAL_WINDOW_SEGMENTS, Math.floor(before / 2 ** halvings));
}

/**
 * Rounds after the first that a loss-free response needs (RTTs, ≥ 0): the evaluator's transfer rule (latency.ts
 * hopModel multiplies it by the hop's RTT). Source: fitted to docs/calibration.md. A new connection walks slow
 * start from the initial window over the bytes on the wire; a kept-alive one delivers
 * KEPT_ALIVE_FIRST_ROUND_SEGMENTS at once and the rest on the window the previous (same-sized) response grew;
 * BBR's paced start-up lands the last byte of a new connection's multi-round response BBR_PACING_EXTRA_RTTS later, and
 * paces a kept-alive one over BBR_KEPT_ALIVE_PACED_RTTS (model 2.9.0; 2.8.0 gave it the CUBIC rounds plus 0.4).
 */
export function transferExtraRtts(
  input: Pick<TransferFitInput, "responseBytes" | "connection" | "congestionControl"> &
    Partial<Pick<TransferFitInput, "rttMs" | "idleMs">>,
): number {
  const segments = responseSegments(input.responseBytes);
  const cold = slowStart(segments);
  let extraRtts = 0;
  const restart =
    input.connection === "kept-alive"
      ? idleRestartWindow({ segments, rttMs: input.rttMs ?? 0, idleMs: input.idleMs, congestionControl: input.congestionControl })
      : undefined;
  if (input.connection === "kept-alive" && (input.congestionControl ?? "cubic") === "bbr") {
    // Paced, not window-limited: the first segment leaves at once, the last (S − 1)/S of the pacing time later.
    const later = responseSegments(input.responseBytes, true);
    return (BBR_KEPT_ALIVE_PACED_RTTS * (later - 1)) / later;
  }
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
    // Restarted after idle: slow start from the restart window over the later response (its headers, no handshake
    // messages), never faster than the connection that kept its window.
    if (restart !== undefined)
      extraRtts = Math.max(extraRtts, slowStart(responseSegments(input.responseBytes, true), restart).rounds - 1);
  } else {
    extraRtts = cold.rounds - 1;
  }
  if ((input.congestionControl ?? "cubic") === "bbr" && extraRtts >= 1) extraRtts += BBR_PACING_EXTRA_RTTS;
  return extraRtts;
}

/** Bytes a full segment occupies on the link (IP packet): its payload + 20 IPv4 + 20 TCP + 12 timestamp option. */
const SEGMENT_WIRE_BYTES = SEGMENT_PAYLOAD_BYTES + 52;

/**
 * The windows (segments per round trip, summing to the response's segments) a loss-free response is sent in, as
 * transferExtraRtts counts its rounds: a new connection slow-starts from the initial window (RFC 5681 §3.1, doubling per
 * round); a kept-alive CUBIC one sends KEPT_ALIVE_FIRST_ROUND_SEGMENTS, then the window its previous response grew,
 * doubled (or slow-starts again from its idle restart window); a kept-alive BBR one is paced in one go (model 2.9).
 */
export function lossFreeWindows(
  input: Pick<TransferFitInput, "responseBytes" | "connection" | "congestionControl"> &
    Partial<Pick<TransferFitInput, "rttMs" | "idleMs">>,
): number[] {
  const segments = responseSegments(input.responseBytes);
  const later = responseSegments(input.responseBytes, true);
  const cc = input.congestionControl ?? "cubic";
  const walk = (total: number, first: number, next: (w: number) => number) => {
    const out: number[] = [];
    let w = first;
    for (let left = total; left > 0 && out.length < 64; w = next(w)) {
      out.push(Math.min(w, left));
      left -= w;
    }
    return out;
  };
  if (input.connection === "new") return walk(segments, INITIAL_WINDOW_SEGMENTS, (w) => w * 2);
  if (cc === "bbr") return [later];
  const restart = idleRestartWindow({ segments, rttMs: input.rttMs ?? 0, idleMs: input.idleMs, congestionControl: cc });
  if (restart !== undefined) return walk(later, restart, (w) => w * 2);
  let grown = slowStart(segments).lastWindow * 2;
  // The first round: KEPT_ALIVE_FIRST_ROUND_SEGMENTS until a round of the previous response carried more than that; then
  // twice its largest round (docs/calibration-bottleneck.json: 300 kB ~155 segments at once, 1 MB ≥ 417). The server's
  // send buffer decides (section 29 of docs/model.md): after 100 kB it held 66 of the response's segments in the
  // traced repetitions at 40 ms, and at 10 ms often all of them, a knife edge of one segment the model leaves at 66.
  const largest = Math.max(...walk(segments, INITIAL_WINDOW_SEGMENTS, (w) => w * 2));
  const first = largest > KEPT_ALIVE_FIRST_ROUND_SEGMENTS ? 2 * largest : KEPT_ALIVE_FIRST_ROUND_SEGMENTS;
  return walk(segments, first, () => {
    const w = grown;
    grown *= 2;
    return w;
  });
}

/** The time a link of `rateMbps` (Mbit/s, > 0) takes to carry one full segment with its headers (ms). */
function segmentOnLinkMs(rateMbps: number): number {
  return (SEGMENT_WIRE_BYTES * 8) / (rateMbps * 1000);
}

/**
 * Time from the first to the last byte of a loss-free response behind a bottleneck of `bandwidthMbps` (ms; 0 without
 * one), model 2.10.0: the climb of the window to the bottleneck's bandwidth-delay product, then the rest at the
 * bottleneck's rate. Each round's window (lossFreeWindows) is serialised at the bottleneck, one segment every
 * SEGMENT_WIRE_BYTES × 8 / rate; the next round's first segment reaches the bottleneck one RTT after the previous
 * round's first segment left it (its acknowledgement's way back, which releases the next window), or when the link has
 * finished the previous round, whichever is later. While the window is below the BDP the link idles for part of each
 * round; from the first window at or above it the link stays busy (the bridge's FIFO, like a router's buffer, holds
 * the excess: no loss) and the rest of the bytes follow at the rate. The response's last byte arrives when the link
 * has serialised the last window; its first byte one segment after the first window started. Source: Cardwell, Savage
 * and Anderson, "Modeling TCP latency" (INFOCOM 2000), slow start's rounds until the window reaches the path's
 * capacity and the rest at that capacity; RFC 5681 §3.1's doubling; BBR's STARTUP doubles its delivery rate per round
 * at a gain of 2/ln 2 until the pipe is full (Cardwell et al., ACM Queue 2016), the same climb. No fitted constant.
 * Model 2.9 took the larger of the rounds and bytes × 8 / rate, which leaves out the climb: 1 MB over a new connection
 * at 20 Mbit/s and 40 ms measured 626 ms, 2.9 said 526.
 */
export function bottleneckTransferMs(
  input: Pick<TransferFitInput, "responseBytes" | "connection" | "congestionControl" | "bandwidthMbps"> &
    Partial<Pick<TransferFitInput, "rttMs" | "idleMs">>,
): number {
  const rate = input.bandwidthMbps;
  if (rate === undefined || !(rate > 0)) return 0;
  const rtt = Math.max(0, Number.isFinite(input.rttMs) ? (input.rttMs ?? 0) : 0);
  const segmentMs = segmentOnLinkMs(rate);
  let start = 0;
  let end = 0;
  for (const [i, w] of lossFreeWindows(input).entries()) {
    start = i === 0 ? 0 : Math.max(start + segmentMs + rtt, end);
    end = start + w * segmentMs;
  }
  return Math.min(MAX_PATH_PENALTY_MS, Math.max(0, end - segmentMs));
}

/** A bottleneck's time to carry one segment (RTTs; 0 without a bottleneck or without an RTT to count it in). */
function bottleneckSegmentRtts(input: Pick<TransferFitInput, "bandwidthMbps">, rttMs: number): number {
  const rate = input.bandwidthMbps;
  if (rate === undefined || !(rate > 0) || !(rttMs > 0)) return 0;
  return segmentOnLinkMs(rate) / rttMs;
}

/**
 * Trials of the random-loss simulation at most (fewer for a transfer of many rounds: about 40,000 simulated rounds
 * in all, a few ms). Seeded, so the answer is a fixed function of the input. The first loss, which decides most of
 * a transfer's time, is stratified (trial i draws its first gap at the (i + ½)/n quantile), so 1,001 trials pin
 * the simulated median of a 1 MB transfer at 1 % to about ±1 round.
 */
const RANDOM_LOSS_TRIALS = 1_001;
const RANDOM_LOSS_ROUND_BUDGET = 40_000;
/** Rounds one simulated random-loss transfer steps before extrapolating (its sawtooth has long settled by then). */
const RANDOM_LOSS_MAX_ROUNDS = 400;
const RANDOM_LOSS_SEED = 0x5eed_1055;
/** Memo of the random-loss simulations (their inputs repeat across a design's edges and across evaluations). */
const randomLossMemo = new Map<string, number[]>();
const RANDOM_LOSS_MEMO_MAX = 2_000;

/**
 * Segments from one loss to the next on a path that drops each segment independently with probability p: a
 * geometric draw (≥ 1), mean 1/p.
 */
function geometricGap(lossRate: number, rand: () => number): { next: () => number; stratify: (u: number) => void } {
  const lnKeep = Math.log1p(-lossRate);
  let first: number | undefined;
  return {
    next: () => {
      const u = first ?? rand();
      first = undefined;
      return Math.max(1, Math.ceil(Math.log(1 - u) / lnKeep));
    },
    stratify: (u: number) => {
      first = u;
    },
  };
}

/**
 * The sorted extra rounds (RTTs after the first byte, each trial one transfer) of a transfer over a path with
 * random loss. CUBIC: cubicLossyRounds with geometric gaps between losses instead of exactly 1/p — the same RFC
 * 9438 mechanics, so where the first loss falls decides how far slow start got (Cardwell, Savage and Anderson,
 * INFOCOM 2000, model the same lottery analytically for Reno) — and with one change, chosen on the fit run: the
 * first cut starts from the window slow start reached when the loss was detected (the round's segments acknowledged
 * ahead of the loss grew it, as Linux does), not from the round's starting window. Without it the simulated
 * transfers' 25th percentile was 14–17 rounds where the fit run measured 11–13 and the median 3–6 rounds high;
 * with it every decile from the 10th to the 90th is within ~2 rounds of the fit run at all four RTTs. (On the
 * periodic rows the same change is 3–4 rounds fast, so the periodic rule keeps the round's starting window; why
 * the two differ is not known.) BBR does not back off on loss (Cardwell et al., ACM Queue 2016): on a new connection
 * each lost segment costs BBR_RTTS_PER_RANDOM_LOSS of a round, over a binomial count of losses; on a kept-alive one
 * (`keptAlive`) the last loss's repair decides (bbrKeptAliveLossyRtts).
 */
function randomLossRounds(
  segments: number,
  lossRate: number,
  cc: TransferCongestionControl,
  startWindow: number,
  rttMs: number,
  lossFreeExtra: number,
  keptAlive: boolean,
  segmentRtts = 0,
): number[] {
  const key = `${cc}|${segments}|${lossRate}|${startWindow}|${rttMs}|${lossFreeExtra}|${keptAlive}|${segmentRtts}`;
  const memo = randomLossMemo.get(key);
  if (memo) return memo;
  const rand = mulberry32(RANDOM_LOSS_SEED);
  const gaps = geometricGap(lossRate, rand);
  const gap = gaps.next;
  const periodicRounds =
    cc === "cubic"
      ? Math.min(
          RANDOM_LOSS_MAX_ROUNDS,
          cubicLossyRounds(segments, lossRate, startWindow, rttMs),
        )
      : 1;
  const trials = Math.max(
    51,
    Math.min(RANDOM_LOSS_TRIALS, Math.floor(RANDOM_LOSS_ROUND_BUDGET / Math.max(1, periodicRounds))) | 1,
  );
  const out: number[] = [];
  // Many expected losses: BBR's binomial count is narrow around its mean, and drawing each one would be slow.
  if (cc === "bbr" && segments * lossRate > 50)
    out.push(
      keptAlive
        ? bbrKeptAliveLossyRtts(lossFreeExtra, segments, segments * lossRate, segments)
        : lossFreeExtra + BBR_RTTS_PER_RANDOM_LOSS * segments * lossRate,
    );
  else
    for (let t = 0; t < trials; t++) {
      gaps.stratify((t + 0.5) / trials);
      if (cc === "cubic") {
        const rounds = cubicLossyRounds(segments, lossRate, startWindow, rttMs, gap, RANDOM_LOSS_MAX_ROUNDS, undefined, segmentRtts);
        // A transfer takes whole rounds (only an extrapolated one comes back fractional), unless a bottleneck stretches them.
        out.push(Math.max(lossFreeExtra, (segmentRtts > 0 ? rounds : Math.ceil(rounds)) - 1));
      } else {
        let lost = 0;
        let last = 0;
        for (let at = gap(); at <= segments; at += gap()) {
          lost += 1;
          last = at;
        }
        out.push(
          keptAlive
            ? bbrKeptAliveLossyRtts(lossFreeExtra, segments, lost, last)
            : lossFreeExtra + BBR_RTTS_PER_RANDOM_LOSS * lost,
        );
      }
    }
  out.sort((a, b) => a - b);
  if (randomLossMemo.size >= RANDOM_LOSS_MEMO_MAX) randomLossMemo.clear();
  randomLossMemo.set(key, out);
  return out;
}

/**
 * Responses a kept-alive connection has carried before the one the rule times when the input does not say
 * (`priorResponses`; each of the same size, back to back): the lab's kept-alive rows measure the second request on a
 * connection (scripts/calibrate/lab.ts), and the loss-free rule's KEPT_ALIVE_FIRST_ROUND_SEGMENTS is measured on them.
 */
export const KEPT_ALIVE_PRIOR_RESPONSES = 1;
/**
 * The most earlier responses the history simulation steps through (the design format's bound on `priorResponses`). By
 * then a connection's window has long forgotten its slow start: at 1 % loss the median of 100 kB is the same after 30
 * responses as after 100 (docs/model.md), and the simulation's cost grows with the count.
 */
export const MAX_PRIOR_RESPONSES = 100;

/**
 * Rounds of earlier responses the history simulation steps through at most (the loss-free rounds of the periodic
 * pattern, per response): a connection whose earlier responses took that many rounds has long settled into the
 * loss-limited sawtooth (Mathis et al., CCR 1997), so more history changes nothing but the cost. At 1 %: 100 kB takes
 * ~5 rounds a response (every age up to MAX_PRIOR_RESPONSES simulated in full), 1 MB 21–28 (35–47 earlier responses),
 * 1 GB the 400 simulated (2).
 */
const KEPT_ALIVE_HISTORY_ROUNDS = 1_000;

/** The connection's age the rule simulates: the input's `priorResponses` as a whole count in 1..MAX_PRIOR_RESPONSES. */
function priorResponsesOf(input: Pick<TransferFitInput, "priorResponses">): number {
  const n = input.priorResponses;
  if (n === undefined || !Number.isFinite(n)) return KEPT_ALIVE_PRIOR_RESPONSES;
  return Math.min(MAX_PRIOR_RESPONSES, Math.max(1, Math.round(n)));
}

/**
 * The sorted extra rounds (RTTs after the first byte) of a response on a kept-alive CUBIC connection over a path with
 * random loss: each trial opens a connection (slow start from the initial window), sends `priorResponses` responses
 * of the same size back to back, then the timed one, with cubicLossyRounds' mechanics carried from response to
 * response (cwnd, ssthresh, Wmax and the cubic clock, which stands still between responses) and losses drawn as
 * randomLossRounds does. No fitted constant. Source: RFC 9438 and Linux tcp_cubic.c as in cubicLossyRounds; checked
 * against the lab's lossy kept-alive rows (docs/calibration-kept-alive-loss.json, 1 % random loss, 41 repetitions):
 * after one response, 100 kB at 100 and 200 ms measured p10/p50/p90 100/101/501 and 200/201/802 ms after the first
 * byte, the rule 100/100/500 and 200/200/800; 1 MB at 100 ms 1,507/4,826/6,547, the rule 1,600/4,800/6,600. A
 * connection that has carried more responses drifts towards the loss-limited window of a long transfer (Mathis et
 * al., CCR 1997), so its age is an input (`priorResponses`, model 2.11.0; default KEPT_ALIVE_PRIOR_RESPONSES, the young
 * connection the loss-free rule is fitted to): after nine, 100 kB measured 81/161/242, 101/401/503 and 201/601/1,006 ms
 * at 40, 100 and 200 ms, the rule 40/160/280, 100/300/600 and 200/400/1,000 (model 2.10, timing the 2nd response: 40/40/200,
 * 100/100/500, 200/200/800). After thirty the median is 5, 5 and 4 rounds. Histories longer than
 * KEPT_ALIVE_HISTORY_ROUNDS are cut short.
 */
export function keptAliveHistoryRounds(
  segments: number,
  lossRate: number,
  rttMs: number,
  priorResponses: number,
  lossFreeExtra: number,
  segmentRtts = 0,
): number[] {
  const perResponse = Math.min(
    RANDOM_LOSS_MAX_ROUNDS,
    cubicLossyRounds(segments, lossRate, INITIAL_WINDOW_SEGMENTS, rttMs),
  );
  // A history past KEPT_ALIVE_HISTORY_ROUNDS has reached the loss-limited sawtooth: older is the same connection.
  const prior = Math.min(priorResponses, Math.max(1, Math.floor(KEPT_ALIVE_HISTORY_ROUNDS / Math.max(1, perResponse))));
  const key = `history|${segments}|${lossRate}|${rttMs}|${prior}|${lossFreeExtra}|${segmentRtts}`;
  const memo = randomLossMemo.get(key);
  if (memo) return memo;
  const rand = mulberry32(RANDOM_LOSS_SEED);
  const gaps = geometricGap(lossRate, rand);
  const trials = Math.max(
    51,
    Math.min(RANDOM_LOSS_TRIALS, Math.floor(RANDOM_LOSS_ROUND_BUDGET / Math.max(1, perResponse * (prior + 1)))) | 1,
  );
  const out: number[] = [];
  for (let t = 0; t < trials; t++) {
    const state = freshCubicState();
    for (let i = 0; i < prior; i++)
      cubicLossyRounds(segments, lossRate, INITIAL_WINDOW_SEGMENTS, rttMs, gaps.next, RANDOM_LOSS_MAX_ROUNDS, state, segmentRtts);
    gaps.stratify((t + 0.5) / trials);
    const rounds = cubicLossyRounds(segments, lossRate, INITIAL_WINDOW_SEGMENTS, rttMs, gaps.next, RANDOM_LOSS_MAX_ROUNDS, state, segmentRtts);
    out.push(Math.max(lossFreeExtra, (segmentRtts > 0 ? rounds : Math.ceil(rounds)) - 1));
  }
  out.sort((a, b) => a - b);
  if (randomLossMemo.size >= RANDOM_LOSS_MEMO_MAX) randomLossMemo.clear();
  randomLossMemo.set(key, out);
  return out;
}

/** The q-quantile (0..1) of a sorted sample, the nearest rank: a simulated transfer, not an interpolation. */
function nearestRank(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round((sorted.length - 1) * q)));
  return sorted[i] as number;
}

/**
 * The simulated transfers (ms from the first to the last byte, sorted; one entry when the rule is deterministic).
 * Source: fitted to docs/calibration.md; see the constants above for each fitted figure. A response that fits the
 * first window costs 0; each further round costs one RTT. With periodic loss, CUBIC follows cubicLossyRounds
 * (RFC 9438 stepped round by round, losses every 1/p segments) and BBR pays BBR_RTTS_PER_LOSS per expected lost
 * segment: one figure. With random loss (the default) the transfer is a lottery: randomLossRounds' trials. A
 * kept-alive CUBIC connection under loss carries its previous response's window, cut by that response's losses
 * (keptAliveHistoryRounds; model 2.5.0 — 2.4.0 started it from Mathis' loss-limited window, which the lab measured
 * 4–5× too slow for 100 kB on a young connection). A bottleneck bandwidth bounds every transfer below by
 * the loss-free climb to its rate and the rest at the rate (bottleneckTransferMs, model 2.10.0; 2.9 bounded it by the
 * body's serialization time), and under loss it also stretches each round the CUBIC simulation steps to the time the
 * link takes to carry that round (model 2.15.0; 2.14 took only the larger of the two). Loss 1 never delivers:
 * Number.MAX_VALUE.
 */
function transferSampleMs(input: TransferFitInput): number[] {
  const rtt = Math.max(0, Number.isFinite(input.rttMs) ? input.rttMs : 0);
  const loss = Math.min(1, Math.max(0, Number.isFinite(input.lossRate) ? (input.lossRate ?? 0) : 0));
  const cc = input.congestionControl ?? "cubic";
  const segments = responseSegments(input.responseBytes);
  const lossFree = transferExtraRtts(input);
  if (loss >= 1) return [Number.MAX_VALUE]; // nothing arrives
  const climbMs = bottleneckTransferMs(input);
  // A bottleneck stretches each round the lossy simulations step to the time its link takes to carry it (model 2.15.0).
  const segmentRtts = bottleneckSegmentRtts(input, rtt);
  const toMs = (extraRtts: number) => {
    const ms = Math.max(extraRtts * rtt, climbMs);
    return Number.isFinite(ms) ? Math.min(ms, Number.MAX_VALUE) : Number.MAX_VALUE;
  };
  if (!(loss > 0)) return [toMs(lossFree)];
  const periodic = (input.lossPattern ?? "random") === "periodic";
  // Both loss patterns let slow start grow until the first loss is detected, as Linux does (model 2.12.0; the
  // periodic rule stopped at the lost segment, fitted to runs whose client's receive window held the sender: with the
  // window out of the way the periodic 1 MB rows took 3–5 fewer rounds, docs/calibration.md).
  // A kept-alive CUBIC connection carries the window its previous responses left, losses and all (issue #12): its
  // history is simulated, not assumed (keptAliveHistoryRounds).
  if (cc === "cubic" && input.connection === "kept-alive") {
    const prior = priorResponsesOf(input);
    if (!periodic) return keptAliveHistoryRounds(segments, loss, rtt, prior, lossFree, segmentRtts).map(toMs);
    const state = freshCubicState();
    for (let i = 0; i < prior; i++)
      cubicLossyRounds(segments, loss, INITIAL_WINDOW_SEGMENTS, rtt, undefined, undefined, state, segmentRtts);
    const rounds = cubicLossyRounds(segments, loss, INITIAL_WINDOW_SEGMENTS, rtt, undefined, undefined, state, segmentRtts);
    return [toMs(Math.max(lossFree, rounds - 1))];
  }
  // BBR keeps no loss-driven window: a kept-alive one starts from the window its previous response grew.
  const start =
    input.connection === "kept-alive"
      ? Math.max(KEPT_ALIVE_FIRST_ROUND_SEGMENTS, slowStart(segments).lastWindow)
      : INITIAL_WINDOW_SEGMENTS;
  if (periodic) {
    // A new CUBIC connection: one outcome per phase of the drops against the response (model 2.13.0; 2.12 dropped the
    // response's 100th segment first, one to three rounds fast on the 1 MB rows).
    if (cc === "cubic")
      return PERIODIC_PACKETS_BEFORE_RESPONSE.map((before) =>
        toMs(
          Math.max(lossFree, cubicLossyRounds(segments, loss, start, rtt, periodicGaps(loss, before), undefined, undefined, segmentRtts) - 1),
        ),
      ).sort((a, b) => a - b);
    return [toMs(lossFree + BBR_RTTS_PER_LOSS * segments * loss)];
  }
  return randomLossRounds(segments, loss, cc, start, rtt, lossFree, input.connection === "kept-alive", segmentRtts).map(toMs);
}

/**
 * Quantiles (0..1) of the time from the first to the last byte of a response (ms, ≥ 0), one per entry of `qs`:
 * the nearest rank of transferSampleMs (its source and rules), a simulated transfer, not an interpolation.
 */
export function transferTimeQuantilesMs(input: TransferFitInput, qs: readonly number[]): number[] {
  const sample = transferSampleMs(input);
  return qs.map((q) => nearestRank(sample, q));
}

/** A discrete distribution: times (ms, ascending, distinct) with their probabilities (summing to 1). */
export type Outcomes = { ms: number; p: number }[];

/**
 * Mean and variance of a discrete distribution of times (ms, ms²). The evaluator's expected-value figures (the
 * waterfall's steps, capacity's holding times under Little's law, the chance a timeout cuts an attempt) take a lossy
 * hop's mean, where the percentiles read its whole distribution: a lottery's mean is not its median.
 */
export function outcomesMoments(o: Outcomes): { mean: number; variance: number } {
  let mean = 0;
  for (const x of o) mean += x.ms * x.p;
  let variance = 0;
  for (const x of o) variance += x.p * (x.ms - mean) ** 2;
  return { mean, variance };
}

/** Equal-weight values as a discrete distribution (ms, merged to 1 µs). */
function outcomesOf(values: readonly number[]): Outcomes {
  const byMs = new Map<number, number>();
  for (const v of values) {
    const ms = Math.round(v * 1000) / 1000;
    byMs.set(ms, (byMs.get(ms) ?? 0) + 1 / values.length);
  }
  return [...byMs].sort((a, b) => a[0] - b[0]).map(([ms, p]) => ({ ms, p }));
}

/**
 * The whole distribution of what the path's loss and bandwidth add to a response's transfer (ms, each 0..a day):
 * every simulated transfer of transferSampleMs minus the loss-free transfer, as a discrete distribution. Its median
 * is pathPenaltyMs; the evaluator's percentiles use all of it (a hop over a lossy path is a lottery, and its p90 and
 * p99 are where the lottery's long draws land). Source: transferSampleMs; checked in docs/calibration.md.
 */
export function pathPenaltyOutcomesMs(input: TransferFitInput): Outcomes {
  if (!((input.lossRate ?? 0) > 0) && input.bandwidthMbps === undefined) return [{ ms: 0, p: 1 }];
  const clean = transferTimeMs({ ...input, lossRate: 0, bandwidthMbps: undefined });
  return outcomesOf(transferSampleMs(input).map((v) => Math.min(MAX_PATH_PENALTY_MS, Math.max(0, v - clean))));
}

/** Linux retries a SYN 6 times (tcp_syn_retries) before the connection fails; no handshake waits longer. */
const SYN_RETRIES = 6;
/** Initial retransmission timeout of a SYN (ms): RFC 6298 §2.1, Linux TCP_TIMEOUT_INIT (1 s). */
export const INITIAL_RTO_MS = 1_000;
/** Linux's floor of the retransmission timeout once the connection has an RTT sample (ms): TCP_RTO_MIN. */
export const RTO_MIN_MS = 200;
/** Handshake outcomes less likely than this are folded into the next longer one (keeps the mixtures small). */
const HANDSHAKE_TAIL = 1e-6;

/**
 * Waits of one handshake round (ms) over a path losing a share p of packets each way: the round trip fails when
 * the packet out or the one back is lost, 1 − (1 − p)², and each failure waits the retransmission timeout, doubled
 * after every further failure (RFC 6298 §5.5), up to `retries`.
 */
function roundWaits(
  lossRate: number,
  rtoMs: number,
  retries: number,
  q = 1 - (1 - lossRate) ** 2,
  /** The first wait, when the first resend comes from a probe rather than the timeout (ms). */
  firstMs = rtoMs,
): Outcomes {
  const out: Outcomes = [];
  let wait = 0;
  let reach = 1; // probability that the first k attempts all failed
  for (let k = 0; k <= retries; k++) {
    const p = k === retries ? reach : reach * (1 - q);
    out.push({ ms: wait, p });
    reach *= q;
    wait += k === 0 ? firstMs : rtoMs * 2 ** k;
    if (reach < HANDSHAKE_TAIL) {
      // Fold what is left into this outcome's successor (the wait after one more timeout): never shorter.
      if (k < retries && reach > 0) out.push({ ms: wait, p: reach });
      break;
    }
  }
  return out;
}

/** Distribution of a sum of two independent discrete times (ms); outcomes below HANDSHAKE_TAIL move up. */
export function addOutcomes(a: Outcomes, b: Outcomes): Outcomes {
  const byMs = new Map<number, number>();
  for (const x of a)
    for (const y of b) {
      const ms = Math.round((x.ms + y.ms) * 1000) / 1000;
      byMs.set(ms, (byMs.get(ms) ?? 0) + x.p * y.p);
    }
  const sorted = [...byMs].sort((u, v) => u[0] - v[0]);
  const out: Outcomes = [];
  let carry = 0;
  for (let i = 0; i < sorted.length; i++) {
    const [ms, p] = sorted[i] as [number, number];
    if (p + carry < HANDSHAKE_TAIL && i < sorted.length - 1) carry += p;
    else {
      out.push({ ms, p: p + carry });
      carry = 0;
    }
  }
  return out;
}

/**
 * What packet loss adds to opening a connection (ms, a discrete distribution): the wait for retransmitted
 * handshake packets. Each handshake round trip fails with probability 1 − (1 − p)² (its packet out or back lost).
 * - TCP's SYN / SYN-ACK: the client resends its SYN after the initial retransmission timeout, 1 s (RFC 6298 §2.1;
 *   Linux TCP_TIMEOUT_INIT), doubled after each further loss: +1 s, +3 s, …
 * - TLS over TCP, each of `tlsRtts` rounds: a lost flight waits the RTO of a connection with one RTT sample,
 *   srtt + max(2·srtt, 200 ms) (Linux tcp_rtt_estimator's first sample: rto = 3·RTT, floored at TCP_RTO_MIN;
 *   RFC 6298 §2.2 gives the same 3·R but floors it at 1 s), doubled on a further loss. The lab measured 1.8 %
 *   of TLS 1.3 handshakes at 1 % loss waiting 218–226 ms at 10 ms, ~253 ms at 40 ms, ~320 ms at 100 ms and
 *   ~625 ms at 200 ms (docs/calibration-results.json), against 2.0 % and 210, 240, 300 and 600 ms here.
 * - QUIC, each of `quicRtts` rounds: a lost Initial waits the probe timeout of a connection with no RTT sample,
 *   ~1 s (RFC 9002 §6.2.2: 3 × the 333 ms initial RTT), doubled on a further loss.
 * 0 without loss.
 */
export function handshakeLossOutcomesMs(input: {
  lossRate?: number;
  rttMs: number;
  tcpRtts: number;
  tlsRtts: number;
  quicRtts: number;
}): Outcomes {
  const p = Math.min(0.999, Math.max(0, Number.isFinite(input.lossRate) ? (input.lossRate ?? 0) : 0));
  let out: Outcomes = [{ ms: 0, p: 1 }];
  if (!(p > 0)) return out;
  const rtt = Math.max(0, Number.isFinite(input.rttMs) ? input.rttMs : 0);
  const tlsRto = Math.max(3 * rtt, rtt + RTO_MIN_MS);
  const rounds: [number, number][] = [
    [input.tcpRtts, INITIAL_RTO_MS],
    [input.quicRtts, INITIAL_RTO_MS],
    [input.tcpRtts > 0 ? input.tlsRtts : 0, tlsRto],
  ];
  for (const [n, rto] of rounds)
    for (let i = 0; i < n; i++) out = addOutcomes(out, roundWaits(p, Math.min(rto, MAX_PATH_PENALTY_MS), SYN_RETRIES));
  return out;
}

/**
 * What packet loss adds to a request and response besides the transfer's rounds and the handshake (ms, a discrete
 * distribution): the losses no later packet reveals, so no fast retransmit repairs them and the sender waits for a
 * timer (model 2.5.0).
 * - The client's flight: the request (one segment) on a kept-alive connection; on a new one the TLS Finished with the
 *   request (two). Lost with probability 1 − (1 − p)^packets, it is resent after the probe timeout of RACK-TLP,
 *   2·SRTT (RFC 8985 §7.2), or, with a single packet in flight, Linux's 2·SRTT + tcp_rto_min capped at the
 *   retransmission timeout (tcp_schedule_loss_probe) — SRTT + 200 ms on a connection with history (RTO = SRTT +
 *   max(4·RTTVAR, TCP_RTO_MIN)), max(3·RTT, RTT + 200 ms) after one sample; further losses wait the doubled RTO.
 * - The response's last segment (when it has more than one): lost with probability p, found by the probe 2·SRTT after
 *   it was sent instead of by the next round's acknowledgements, one RTT later than the round the transfer rule
 *   already charges for it.
 * Checked against docs/calibration-results.json (1 % random loss, 801 new TLS 1.3 connections per row): 2.0–4.5 % of
 * requests at 100 and 200 ms waited 2·RTT more before their first byte (the rule: 2.0 % for the client's flight),
 * some 3·RTT (a timeout after one sample). 0 without loss.
 */
export function requestLossOutcomesMs(input: {
  lossRate?: number;
  rttMs: number;
  connection: "new" | "kept-alive";
  /** The response's segments on the wire (responseSegments). */
  segments: number;
  transport?: "tcp" | "quic";
}): Outcomes {
  return addOutcomes(requestWaitOutcomesMs(input), lastSegmentLossOutcomesMs(input));
}

/**
 * The part of requestLossOutcomesMs that comes before the response's first byte (ms, a discrete distribution): the
 * client's flight (the request; on a new connection TLS's Finished with it) lost and resent after its probe or
 * timeout. The server cannot answer a request it has not received, so this wait delays the first byte: the
 * waterfall charges it to the request step and to the cold and warm TTFB, not to the transfer (model 2.6.0).
 */
export function requestWaitOutcomesMs(input: {
  lossRate?: number;
  rttMs: number;
  connection: "new" | "kept-alive";
  /** QUIC has no TCP single-packet probe: its probe timeout is RFC 9002's (model 2.6.0). */
  transport?: "tcp" | "quic";
}): Outcomes {
  const p = Math.min(0.999, Math.max(0, Number.isFinite(input.lossRate) ? (input.lossRate ?? 0) : 0));
  if (!(p > 0)) return [{ ms: 0, p: 1 }];
  const rtt = Math.max(0, Number.isFinite(input.rttMs) ? input.rttMs : 0);
  const fresh = input.connection === "new";
  if (input.transport === "quic") {
    // RFC 9002 §6.2.1: PTO = smoothed_rtt + max(4·rttvar, 1 ms) + max_ack_delay (25 ms, RFC 9000 §18.2), doubled
    // after each further loss. After one RTT sample rttvar is half the RTT (§5.3): 3·RTT + 25 ms on a new
    // connection; on a settled one rttvar is near 0: RTT + 25 ms. No TCP-style minimum of 200 ms.
    const pto = Math.min(MAX_PATH_PENALTY_MS, (fresh ? 3 * rtt : rtt + 1) + QUIC_MAX_ACK_DELAY_MS);
    return roundWaits(p, pto, SYN_RETRIES, 1 - (1 - p) ** (fresh ? 2 : 1));
  }
  const rto = Math.min(MAX_PATH_PENALTY_MS, fresh ? Math.max(3 * rtt, rtt + RTO_MIN_MS) : rtt + RTO_MIN_MS);
  const packets = fresh ? 2 : 1;
  const probe = Math.min(rto, packets > 1 ? 2 * rtt : 2 * rtt + RTO_MIN_MS);
  return roundWaits(p, rto, SYN_RETRIES, 1 - (1 - p) ** packets, probe);
}

/** QUIC's default max_ack_delay (ms): RFC 9000 §18.2. */
const QUIC_MAX_ACK_DELAY_MS = 25;

/** The part of requestLossOutcomesMs after the first byte (ms): a lost last segment waits one RTT more. */
function lastSegmentLossOutcomesMs(input: { lossRate?: number; rttMs: number; segments: number }): Outcomes {
  const p = Math.min(0.999, Math.max(0, Number.isFinite(input.lossRate) ? (input.lossRate ?? 0) : 0));
  const rtt = Math.max(0, Number.isFinite(input.rttMs) ? input.rttMs : 0);
  return p > 0 && input.segments > 1 ? [{ ms: 0, p: 1 - p }, { ms: rtt, p }] : [{ ms: 0, p: 1 }];
}

/**
 * Time from the first to the last byte of a response (ms, ≥ 0): the median of transferTimeQuantilesMs (its
 * source and rules). The median, not the mean: the evaluator's percentiles place a hop at its typical time, and
 * with random loss a few transfers that lose a retransmission or their first window's segments pull the mean
 * far above what most transfers take.
 */
export function transferTimeMs(input: TransferFitInput): number {
  return transferTimeQuantilesMs(input, [0.5])[0] as number;
}

/**
 * Time a bottleneck link of `bandwidthMbps` (Mbit/s) needs to serialise `bytes` (ms, ≥ 0): bytes × 8 / bandwidth;
 * 0 without a bandwidth. No response arrives faster than this, whatever the rounds.
 */
export function serializationMs(bytes: number, bandwidthMbps: number | undefined): number {
  if (bandwidthMbps === undefined || !(bandwidthMbps > 0)) return 0;
  const ms = (Math.max(0, Number.isFinite(bytes) ? bytes : 0) * 8) / (bandwidthMbps * 1000);
  return Math.min(MAX_PATH_PENALTY_MS, ms);
}

/** Longest transfer the evaluator reports (ms): a day, so an absurd loss or bandwidth never prints Infinity. */
const MAX_PATH_PENALTY_MS = 86_400_000;

/**
 * What the path's packet loss and bottleneck bandwidth add to a response's transfer (ms, 0 ≤ x ≤ a day): the
 * evaluator's loss rule (latency.ts adds it to the hop's loss-free rounds, transferExtraRtts × RTT). It is
 * transferTimeMs with the path's loss and bandwidth minus transferTimeMs without them, so the evaluator and the
 * calibration lab (scripts/calibrate/predict.ts) use one rule. Source: see transferTimeMs; checked in
 * docs/calibration.md. 0 when the edge gives neither field, so v1 documents keep their times.
 */
export function pathPenaltyMs(input: TransferFitInput): number {
  if (!((input.lossRate ?? 0) > 0) && input.bandwidthMbps === undefined) return 0;
  const clean = transferTimeMs({ ...input, lossRate: 0, bandwidthMbps: undefined });
  const extra = transferTimeMs(input) - clean;
  return Math.min(MAX_PATH_PENALTY_MS, Math.max(0, extra));
}
