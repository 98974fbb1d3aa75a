import { DEFAULTS } from "@/lib/evaluator/defaults";
import { slowStartRounds } from "@/lib/evaluator/handshake";

// W16: the congestion window round by round. Growth follows RFC 5681 (slow start doubles per RTT up to
// ssthresh, then +1 segment per RTT; three duplicate ACKs halve; a timeout drops to one segment). The
// "how many round trips for N bytes" figure is the evaluator's own slowStartRounds.

export const INITIAL_CWND = DEFAULTS.network.initialCwndSegments;
export const MSS_BYTES = DEFAULTS.network.mssBytes;
export const MIN_CWND = 1;
export const ALGORITHMS = ["Reno", "CUBIC", "BBR"] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

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
};

export const DEFAULT_SLOW_START: SlowStartOptions = { rttMs: 100, ssthresh: 80, rounds: 12, events: [], keepAlive: false };

export function simulateCwnd(options: SlowStartOptions): CwndPoint[] {
  const rounds = Math.max(1, Math.min(40, Math.round(options.rounds)));
  let ssthresh = Math.max(2, Math.round(options.ssthresh));
  let cwnd = options.keepAlive ? ssthresh : INITIAL_CWND;
  let delivered = cwnd;
  const points: CwndPoint[] = [
    { round: 0, timeMs: 0, cwnd, ssthresh, phase: cwnd < ssthresh ? "slow start" : "congestion avoidance", deliveredSegments: delivered },
  ];
  for (let r = 1; r <= rounds; r++) {
    const event = options.events.find((e) => e.round === r)?.kind;
    let phase: Phase;
    if (event === "dupacks") {
      // Fast retransmit + fast recovery: halve, then continue linearly.
      ssthresh = Math.max(2, Math.floor(cwnd / 2));
      cwnd = ssthresh;
      phase = "fast recovery";
    } else if (event === "timeout") {
      ssthresh = Math.max(2, Math.floor(cwnd / 2));
      cwnd = MIN_CWND;
      phase = "timeout";
    } else if (cwnd < ssthresh) {
      cwnd = Math.min(cwnd * 2, ssthresh);
      phase = "slow start";
    } else {
      cwnd += 1;
      phase = "congestion avoidance";
    }
    delivered += cwnd;
    const point: CwndPoint = { round: r, timeMs: r * options.rttMs, cwnd, ssthresh, phase, deliveredSegments: delivered };
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
      ? "three duplicate ACKs: the window halves and growth turns linear"
      : p.event === "timeout"
        ? "a timeout: the window drops to one segment and slow start begins again"
        : p.phase === "slow start"
          ? "slow start doubles the window"
          : "congestion avoidance adds one segment";
  return `${algorithm}, round ${p.round} (${p.timeMs} ms): ${what}. cwnd ${p.cwnd} segment${p.cwnd === 1 ? "" : "s"}, ssthresh ${p.ssthresh}.`;
}
