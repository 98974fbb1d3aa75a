import { mulberry32 } from "../../../lib/core/util/prng";
import { INITIAL_WINDOW_SEGMENTS, responseSegments, transferExtraRtts } from "../../../lib/core/evaluator/transfer-fit";
import type { LabConfig } from "../configs";

// Issue #12 diagnosis (docs/calibration-open-rows.md), not the model: the random-loss CUBIC simulation of
// lib/core/evaluator/transfer-fit.ts (cubicLossyRounds, randomLossRounds, keptAliveHistoryRounds) restated with two
// Linux behaviours the shipped rule leaves out, each behind a switch, so a proposal's effect on every recorded row can be
// computed without editing lib/core. With SHIPPED it must give the shipped rule's figures exactly (diag/variants.ts
// checks that on every lossy row before it prints anything); with every switch off it is model 2.10's rule.
//  - fastConvergence: tcp_cubic.c cubictcp_recalc_ssthresh (fast_convergence = 1 by default): a loss at a window below
//    the previous Wmax sets Wmax to cwnd × (1 + β)/2, so the cubic curve plateaus lower.
//  - cwndLimited: tcp_cong_avoid runs only while tcp_is_cwnd_limited (tcp.h): in slow start cwnd < 2 × the flight, in
//    congestion avoidance only a round that filled cwnd. A response's last, partial round grows nothing. (Stricter than
//    Linux: tcp_cwnd_validate updates is_cwnd_limited once per window, so the flag a full round set usually still holds
//    while the partial round's ACKs arrive.) With `lagged`, a round also grows cwnd when the round before it in the same
//    response filled it: the flag as tcp_cwnd_validate leaves it (updated when a window's last segment is acknowledged
//    or a send fills cwnd, so a response's last partial round inherits its full predecessor's flag).
//  - perAck: congestion avoidance grows cwnd per acknowledged segment (tcp_cong_avoid_ai: acked / cnt, cnt =
//    cwnd / (target − cwnd)), so a round that sent `send` of cwnd segments grows send / cwnd of the way to its target;
//    the shipped rule grows the whole way in every round, the response's last partial round included.

//  - wallClock (with cwndLimited): CUBIC's clock is wall time since the epoch began (bictcp_update: t = now −
//    epoch_start), so a round that grows nothing still advances it once the epoch has begun; the epoch begins at the
//    first growing round after a loss (epoch_start = 0 in cubictcp_recalc_ssthresh, set again by bictcp_update).
//    Without it a non-growing round stops the clock too.

/** The shipped rule since model 2.11.0: growth gated by the lagged is_cwnd_limited flag, CUBIC's clock on wall time. */
export const SHIPPED: Switches = { fastConvergence: false, cwndLimited: true, lagged: true, wallClock: true };

export type Switches = {
  fastConvergence: boolean;
  cwndLimited: boolean;
  lagged?: boolean;
  perAck?: boolean;
  wallClock?: boolean;
};

const BETA = 0.7;
const C = 0.4;
const ALPHA = (3 * (1 - BETA)) / (1 + BETA);
const MAX_GROWTH = 1.5;
const SEED = 0x5eed_1055;
const TRIALS = 1_001;
const ROUND_BUDGET = 40_000;
const MAX_ROUNDS = 400;

type State = { cwnd: number; ssthresh: number; wMax: number; k: number; sinceLossS: number; wEst: number };
const fresh = (): State => ({
  cwnd: INITIAL_WINDOW_SEGMENTS,
  ssthresh: Infinity,
  wMax: 0,
  k: 0,
  sinceLossS: 0,
  wEst: 0,
});

/** One response's rounds; `s` carries the sender from response to response and is left as this one ends. */
function rounds(
  segments: number,
  rttMs: number,
  gap: () => number,
  s: State,
  sw: Switches,
  detectGrowth: boolean,
): number {
  const rttS = rttMs / 1000;
  let delivered = 0;
  let sent = 0;
  let nextLoss = gap();
  let n = 0;
  let atHalf = 0;
  let prevFull = false;
  while (delivered < segments) {
    if (n === Math.floor(MAX_ROUNDS / 2)) atHalf = delivered;
    if (n >= MAX_ROUNDS) return n + (segments - delivered) / Math.max(1e-9, (delivered - atHalf) / (MAX_ROUNDS / 2));
    n += 1;
    const send = Math.max(1, Math.min(Math.floor(s.cwnd), segments - delivered));
    const ahead = Math.max(0, Math.min(send, nextLoss - sent - 1));
    let lost = 0;
    while (sent + send >= nextLoss) {
      lost += 1;
      nextLoss += gap();
    }
    sent += send;
    const slow = s.cwnd < s.ssthresh;
    const full = send >= Math.floor(s.cwnd);
    const limited = !sw.cwndLimited || (slow ? s.cwnd < 2 * send : full) || (sw.lagged === true && prevFull);
    prevFull = full;
    if (lost > 0) {
      delivered += Math.max(0, send - lost);
      if (detectGrowth && slow && limited) s.cwnd += ahead;
      s.wMax = sw.fastConvergence && s.cwnd < s.wMax ? (s.cwnd * (1 + BETA)) / 2 : s.cwnd;
      s.cwnd = Math.max(2, s.cwnd * BETA);
      s.ssthresh = s.cwnd;
      s.wEst = s.cwnd;
      s.sinceLossS = 0;
      s.k = Math.cbrt((s.wMax * (1 - BETA)) / C);
      // Fast convergence lowers Wmax below the window cut from; K is measured from the cut window (tcp_cubic.c
      // bictcp_update: K = cbrt((Wmax − cwnd) / C) when cwnd < Wmax, else 0).
      if (sw.fastConvergence) s.k = s.cwnd < s.wMax ? Math.cbrt((s.wMax - s.cwnd) / C) : 0;
    } else {
      delivered += send;
      if (!limited) {
        if (sw.wallClock === true && !slow && s.sinceLossS > 0) s.sinceLossS += rttS;
        continue;
      }
      if (slow) s.cwnd = Math.min(s.cwnd * 2, s.cwnd + send);
      else {
        s.sinceLossS += rttS;
        const cubic = C * (s.sinceLossS + rttS - s.k) ** 3 + s.wMax;
        s.wEst += (ALPHA * send) / s.cwnd;
        const target = Math.min(Math.max(s.cwnd, cubic, s.wEst), MAX_GROWTH * s.cwnd);
        s.cwnd += (target - s.cwnd) * (sw.perAck ? Math.min(1, send / Math.floor(s.cwnd)) : 1);
      }
    }
  }
  return n;
}

/** Segments to the next loss for a uniform draw u on a path that drops each segment with probability p (≥ 1, mean 1/p). */
const gapFor = (lossRate: number, u: number) => Math.max(1, Math.ceil(Math.log(1 - u) / Math.log1p(-lossRate)));

/** The draws of one simulation: seeded as the shipped rule's, the next draw optionally fixed (its stratified first loss). */
function gaps(lossRate: number, rand: () => number) {
  let fixed: number | undefined;
  const next = () => {
    const u = fixed ?? rand();
    fixed = undefined;
    return gapFor(lossRate, u);
  };
  return { next, stratify: (u: number) => void (fixed = u) };
}

/**
 * Sorted extra rounds after the first byte of a CUBIC response at random loss: a new connection (prior 0) or the
 * response after `prior` identical ones on a kept-alive connection (prior ≥ 1), as transferSampleMs draws them.
 */
export function variantRounds(
  c: Pick<LabConfig, "bytes" | "rttMs" | "lossRate">,
  prior: number,
  sw: Switches,
): number[] {
  const segments = responseSegments(c.bytes);
  const connection = prior > 0 ? "kept-alive" : "new";
  const lossFree = transferExtraRtts({ responseBytes: c.bytes, connection, rttMs: c.rttMs });
  const g = gaps(c.lossRate, mulberry32(SEED));
  // The trial budget as the shipped rule sizes it: from the periodic pattern's rounds (loss every 1/p segments).
  const periodic = Math.min(
    MAX_ROUNDS,
    rounds(segments, c.rttMs, () => 1 / c.lossRate, fresh(), sw, false),
  );
  const trials = Math.max(
    51,
    Math.min(TRIALS, Math.floor(ROUND_BUDGET / Math.max(1, periodic * Math.max(1, prior + (prior > 0 ? 1 : 0))))) | 1,
  );
  const out: number[] = [];
  for (let t = 0; t < trials; t++) {
    const s = fresh();
    for (let i = 0; i < prior; i++) rounds(segments, c.rttMs, g.next, s, sw, true);
    g.stratify((t + 0.5) / trials);
    out.push(Math.max(lossFree, Math.ceil(rounds(segments, c.rttMs, g.next, s, sw, true)) - 1));
  }
  return out.sort((a, b) => a - b);
}

/**
 * The simulated sender's cwnd (segments) after each of `responses` identical responses at random loss, one array per
 * trial (no stratification): what `ss -tin` in the server's namespace shows between responses on a traced connection.
 */
export function variantWindows(
  c: Pick<LabConfig, "bytes" | "rttMs" | "lossRate">,
  responses: number,
  sw: Switches,
  trials = 1_001,
): number[][] {
  const segments = responseSegments(c.bytes);
  const g = gaps(c.lossRate, mulberry32(SEED));
  return Array.from({ length: trials }, () => {
    const s = fresh();
    return Array.from({ length: responses }, () => {
      rounds(segments, c.rttMs, g.next, s, sw, true);
      return s.cwnd;
    });
  });
}

/** The nearest-rank quantile, as transfer-fit.ts reads the simulation. */
export const nearestRank = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.round((sorted.length - 1) * q)))] as number;
