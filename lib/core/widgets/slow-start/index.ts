import { DEFAULTS } from "@/lib/core/evaluator/defaults";
import { slowStartRounds } from "@/lib/core/evaluator/handshake";
import { widgetFigure } from "@/lib/core/widgets/reference-figures";

// W16: the congestion window round by round. Slow start doubles per RTT up to ssthresh (RFC 5681). After that
// the algorithm decides: Reno adds one segment per RTT and halves on three duplicate ACKs (RFC 5681); CUBIC,
// the Linux default, cuts to 0.7 of the window and regrows along a cubic curve towards the old maximum
// (RFC 9438). A timeout drops either to one segment. The "how many round trips for N bytes" figure is the
// evaluator's own slowStartRounds.

export const INITIAL_CWND = DEFAULTS.network.initialCwndSegments;
export const MSS_BYTES = DEFAULTS.network.mssBytes;
export const MIN_CWND = 1;
export const ALGORITHMS = ["CUBIC", "Reno"] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** RFC 9438 §4: multiplicative decrease factor β_cubic and the cubic constant C (segments / s³). */
export const CUBIC_BETA = 0.7;
export const CUBIC_C = 0.4;
/** RFC 5681: Reno halves its window on loss. */
export const RENO_BETA = 0.5;
/** RFC 9438 §4.3: the Reno-friendly estimate grows 3(1 − β)/(1 + β) segments per RTT until it reaches W_max. */
const CUBIC_ALPHA = (3 * (1 - CUBIC_BETA)) / (1 + CUBIC_BETA);

export type CwndEventKind = "dupacks" | "timeout";
export type CwndEvent = { round: number; kind: CwndEventKind };
export type Phase = "slow start" | "congestion avoidance" | "fast recovery" | "timeout";

export type CwndPoint = {
  round: number;
  timeMs: number;
  cwnd: number;
  ssthresh: number;
  phase: Phase;
  event?: CwndEventKind;
  /** Segments delivered in total once this round's window has been sent. */
  deliveredSegments: number;
};

export type SlowStartOptions = {
  rttMs: number;
  ssthresh: number;
  rounds: number;
  events: CwndEvent[];
  /** The connection is reused and keeps the window it had learned, so it skips the ramp. */
  keepAlive: boolean;
  algorithm: Algorithm;
};

/** The default round trip (ms): one across a continent (content/reference-figures.json). */
export const SLOW_START_RTT = widgetFigure("rtt-continent", 100);

export const DEFAULT_SLOW_START: SlowStartOptions = { rttMs: SLOW_START_RTT.ms, ssthresh: 80, rounds: 12, events: [], keepAlive: false, algorithm: "CUBIC" };

/** One CUBIC growth epoch: it starts when the window is set after a loss, or when avoidance first begins. */
type CubicEpoch = { startRound: number; wMax: number; k: number; wEst: number };

function startEpoch(round: number, cwnd: number, lastMax: number | null): CubicEpoch {
  // RFC 9438 eq. 2 with cwnd_epoch = cwnd; with no earlier loss (or a window already past it) K is 0.
  const wMax = lastMax !== null && lastMax > cwnd ? lastMax : cwnd;
  return { startRound: round, wMax, k: Math.cbrt((wMax - cwnd) / CUBIC_C), wEst: cwnd };
}

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** Window (segments, unit MSS) at the end of each round trip; Reno per RFC 5681, CUBIC per RFC 9438. */
export function simulateCwnd(options: SlowStartOptions): CwndPoint[] {
  const rounds = Math.max(1, Math.min(40, Math.round(options.rounds)));
  const cubic = options.algorithm === "CUBIC";
  const beta = cubic ? CUBIC_BETA : RENO_BETA;
  let ssthresh = Math.max(2, Math.round(options.ssthresh));
  let cwnd = options.keepAlive ? ssthresh : INITIAL_CWND;
  let lastMax: number | null = null;
  let epoch: CubicEpoch | null = null;
  let delivered = cwnd;
  const points: CwndPoint[] = [
    { round: 0, timeMs: 0, cwnd, ssthresh, phase: cwnd < ssthresh ? "slow start" : "congestion avoidance", deliveredSegments: delivered },
  ];
  for (let r = 1; r <= rounds; r++) {
    const event = options.events.find((e) => e.round === r)?.kind;
    let phase: Phase;
    if (event === "dupacks") {
      // Fast retransmit + fast recovery: cut by β, then avoidance from the new window.
      lastMax = cwnd;
      ssthresh = Math.max(2, Math.floor(cwnd * beta));
      cwnd = ssthresh;
      epoch = cubic ? startEpoch(r, cwnd, lastMax) : null;
      phase = "fast recovery";
    } else if (event === "timeout") {
      lastMax = cwnd;
      ssthresh = Math.max(2, Math.floor(cwnd * beta));
      cwnd = MIN_CWND;
      epoch = null;
      phase = "timeout";
    } else if (cwnd < ssthresh) {
      cwnd = Math.min(cwnd * 2, ssthresh);
      phase = "slow start";
    } else if (cubic) {
      epoch ??= startEpoch(r - 1, cwnd, lastMax);
      const t = ((r - epoch.startRound) * options.rttMs) / 1000;
      const wCubic = CUBIC_C * (t - epoch.k) ** 3 + epoch.wMax;
      epoch.wEst += epoch.wEst < epoch.wMax ? CUBIC_ALPHA : 1;
      // RFC 9438 §4.2 caps one RTT's growth at 1.5 × cwnd; the Reno-friendly estimate is a floor (§4.3).
      cwnd = Math.max(cwnd, epoch.wEst, Math.min(1.5 * cwnd, wCubic));
      phase = "congestion avoidance";
    } else {
      cwnd += 1;
      phase = "congestion avoidance";
    }
    delivered += cwnd;
    const point: CwndPoint = { round: r, timeMs: r * options.rttMs, cwnd: oneDecimal(cwnd), ssthresh, phase, deliveredSegments: Math.floor(delivered) };
    if (event) point.event = event;
    points.push(point);
  }
  return points;
}

/** Adds or replaces the event at a round (one event per round). */
export function withEvent(events: readonly CwndEvent[], round: number, kind: CwndEventKind): CwndEvent[] {
  return [...events.filter((e) => e.round !== round), { round, kind }].sort((a, b) => a.round - b.round);
}

export type TransferEstimate = { bytes: number; freshRounds: number; reusedRounds: number; freshMs: number; reusedMs: number };

/**
 * Round trips to deliver a response: on a fresh connection the window starts at 10 segments; on a reused one
 * it starts at the window the connection already reached (`warmCwnd`). Both from the evaluator's rule.
 */
export function transferEstimate(bytes: number, rttMs: number, warmCwnd: number): TransferEstimate {
  const freshRounds = slowStartRounds(bytes);
  const reusedRounds = slowStartRounds(bytes, { initialCwndSegments: Math.max(INITIAL_CWND, warmCwnd) });
  return { bytes, freshRounds, reusedRounds, freshMs: freshRounds * rttMs, reusedMs: reusedRounds * rttMs };
}

export function describePoint(p: CwndPoint, algorithm: Algorithm): string {
  const what =
    p.event === "dupacks"
      ? algorithm === "CUBIC"
        ? "three duplicate ACKs: CUBIC cuts the window to 0.7 of what it was, then regrows quickly towards the old maximum and slowly near it"
        : "three duplicate ACKs: Reno halves the window and growth turns linear"
      : p.event === "timeout"
        ? `a timeout: ssthresh becomes ${algorithm === "CUBIC" ? "0.7" : "half"} of the window, the window drops to one segment and slow start begins again`
        : p.phase === "slow start"
          ? "slow start doubles the window"
          : algorithm === "CUBIC"
            ? "congestion avoidance follows CUBIC's curve"
            : "congestion avoidance adds one segment";
  return `${algorithm}, round ${p.round} (${p.timeMs} ms): ${what}. cwnd ${p.cwnd} segment${p.cwnd === 1 ? "" : "s"}, ssthresh ${p.ssthresh}.`;
}
