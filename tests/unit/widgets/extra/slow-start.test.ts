import { describe, expect, it } from "vitest";
import { slowStartRounds } from "@/lib/core/evaluator/index";
import { DEFAULT_SLOW_START, MSS_BYTES, simulateCwnd, transferEstimate, withEvent } from "@/lib/core/widgets/slow-start";

const cw = (o: Partial<typeof DEFAULT_SLOW_START>) => simulateCwnd({ ...DEFAULT_SLOW_START, ...o }).map((p) => p.cwnd);

describe("W16 slow-start and congestion window", () => {
  it("starts at 10 segments and doubles each RTT: 10 → 20 → 40 → 80", () => {
    expect(cw({ ssthresh: 80, rounds: 3 })).toEqual([10, 20, 40, 80]);
    const pts = simulateCwnd({ ...DEFAULT_SLOW_START, rttMs: 100, rounds: 3 });
    expect(pts.map((p) => p.timeMs)).toEqual([0, 100, 200, 300]);
  });
  it("Reno grows by one segment per RTT after ssthresh", () => {
    expect(cw({ algorithm: "Reno", ssthresh: 80, rounds: 6 }).slice(3)).toEqual([80, 81, 82, 83]);
    expect(cw({ algorithm: "Reno", ssthresh: 30, rounds: 4 })).toEqual([10, 20, 30, 31, 32]);
  });
  it("the default curve is CUBIC and behaves as CUBIC: three duplicate ACKs cut 81 segments to 56 (0.7), not 40", () => {
    expect(DEFAULT_SLOW_START.algorithm).toBe("CUBIC");
    const pts = simulateCwnd({ ...DEFAULT_SLOW_START, rounds: 40, events: withEvent([], 5, "dupacks") });
    const before = pts[4]?.cwnd as number;
    expect(before).toBe(81);
    expect(pts[5]?.cwnd).toBe(56);
    expect(pts[5]?.ssthresh).toBe(56);
    // Concave regrowth (RFC 9438, K ≈ 3.9 s at a 100 ms RTT): fast just after the cut, flat near the old maximum.
    const gain = (r: number) => (pts[r]?.cwnd as number) - (pts[r - 1]?.cwnd as number);
    expect(gain(6)).toBeGreaterThan(1.5);
    expect(gain(30)).toBeLessThan(0.5);
    expect(Math.max(...pts.slice(5).map((p) => p.cwnd))).toBeLessThanOrEqual(before);
    expect(pts[40]?.cwnd).toBeGreaterThan(80);
  });
  it("CUBIC's timeout sets ssthresh to 0.7 of the window and restarts slow start from one segment", () => {
    const pts = simulateCwnd({ ...DEFAULT_SLOW_START, rounds: 6, events: [{ round: 4, kind: "timeout" }] });
    expect(pts.map((p) => p.cwnd)).toEqual([10, 20, 40, 80, 1, 2, 4]);
    expect(pts[4]?.ssthresh).toBe(56);
  });
  it("Reno: three duplicate ACKs halve the window, then growth is linear", () => {
    const pts = simulateCwnd({ ...DEFAULT_SLOW_START, algorithm: "Reno", rounds: 7, events: withEvent([], 5, "dupacks") });
    expect(pts.map((p) => p.cwnd)).toEqual([10, 20, 40, 80, 81, 40, 41, 42]);
    expect(pts[5]?.ssthresh).toBe(40);
    expect(pts[5]?.phase).toBe("fast recovery");
  });
  it("Reno: a timeout resets to the minimum window and slow start runs again up to half the old window", () => {
    const pts = simulateCwnd({ ...DEFAULT_SLOW_START, algorithm: "Reno", rounds: 10, events: [{ round: 4, kind: "timeout" }] });
    expect(pts.map((p) => p.cwnd)).toEqual([10, 20, 40, 80, 1, 2, 4, 8, 16, 32, 40]);
    expect(pts[4]?.ssthresh).toBe(40);
  });
  it("a reused (keep-alive) connection skips the ramp", () => {
    expect(cw({ algorithm: "Reno", keepAlive: true, rounds: 2 })).toEqual([80, 81, 82]);
  });
  it("one event per round: a new event replaces the old one", () => {
    expect(withEvent([{ round: 3, kind: "dupacks" }], 3, "timeout")).toEqual([{ round: 3, kind: "timeout" }]);
  });
  it("the chart's delivered data agrees with the evaluator's slow-start rounds", () => {
    const pts = simulateCwnd({ ...DEFAULT_SLOW_START, ssthresh: 1_000_000, rounds: 12 });
    for (const kb of [1, 14, 15, 64, 100, 500, 1000, 5000]) {
      const bytes = kb * 1000;
      const rounds = slowStartRounds(bytes);
      const segments = Math.ceil(bytes / MSS_BYTES);
      expect(pts[rounds - 1]?.deliveredSegments, `${kb} KB`).toBeGreaterThanOrEqual(segments);
      if (rounds > 1) expect(pts[rounds - 2]?.deliveredSegments, `${kb} KB`).toBeLessThan(segments);
    }
  });
  it("transfer estimates: 14.6 KB fits in one round; 100 KB takes 3 fresh, 1 reused at a window of 80", () => {
    expect(transferEstimate(14_600, 100, 80)).toMatchObject({ freshRounds: 1, reusedRounds: 1, freshMs: 100 });
    expect(transferEstimate(100_000, 100, 80)).toMatchObject({ freshRounds: 3, reusedRounds: 1, freshMs: 300, reusedMs: 100 });
  });
});
