import { describe, expect, it } from "vitest";
import { DEFAULT_NAGLE, nagleStallMs, nagleTimeline } from "@/lib/core/widgets/nagle";

describe("W17 Nagle and delayed ACK", () => {
  it("with Nagle on, the body waits for the delayed ACK: done at 2 RTT + timer", () => {
    const t = nagleTimeline({ ...DEFAULT_NAGLE, noDelay: false, rttMs: 20, delayedAckMs: 200 });
    expect(t.doneMs).toBe(240);
    expect(t.heldMs).toBe(219);
    expect(t.events.some((e) => e.stall)).toBe(true);
  });
  it("TCP_NODELAY removes the stall: done one RTT after the second write", () => {
    const t = nagleTimeline({ ...DEFAULT_NAGLE, noDelay: true, rttMs: 20 });
    expect(t.doneMs).toBe(21);
    expect(t.heldMs).toBe(0);
    expect(t.events.some((e) => e.stall)).toBe(false);
  });
  it("the stall is set by the receiver's delayed-ACK timer: up to ~200 ms, ~40 ms on Linux", () => {
    expect(nagleStallMs({ rttMs: 20, delayedAckMs: 200, writeGapMs: 1 })).toBe(219);
    expect(nagleStallMs({ rttMs: 20, delayedAckMs: 40, writeGapMs: 1 })).toBe(59);
  });
  it("events are in time order", () => {
    const t = nagleTimeline(DEFAULT_NAGLE);
    for (let i = 1; i < t.events.length; i++) expect(t.events[i]!.atMs).toBeGreaterThanOrEqual(t.events[i - 1]!.atMs);
  });
});
