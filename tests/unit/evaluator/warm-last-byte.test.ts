import { describe, expect, it } from "vitest";
import { requestPaths, waterfallNotes } from "@/lib/core/canvas/waterfall";
import { clientHop, evalOk, type Doc } from "./helpers";

// Issue #12 item 11: "warm TTFB must agree with keep-alive and with fan-out (never below p50)". The percentiles are
// last-byte times; a TTFB is a first-byte time, so a response that needs rounds after its first byte reads its warm
// TTFB below the p50 without anything being wrong. The result therefore also gives the warm request's last byte
// (warm TTFB + its transfer rounds), which is never below the median of warm requests, and the result panel says
// both, instead of "a warm request takes <its TTFB>".

const doc = (responseBytes: number, lossRate = 0, coldRatio = 0): Doc =>
  clientHop({ rttMs: 100, tls: "1.3", keepAlive: true, responseBytes, lossRate }, { rps: 1, coldRatio });

describe("a warm request's last byte", () => {
  it("is its TTFB plus the rounds after the first byte, and never below the median of warm requests", () => {
    const r = evalOk(doc(100_000));
    // 100 kB on a kept-alive connection: one round after the first byte (transfer-fit.ts).
    expect(r.latency.warmTtfbMs).toBe(105);
    expect(r.latency.warmLastByteMs).toBe(205);
    expect(r.latency.p50Ms).toBe(205);
    for (const bytes of [8_192, 100_000, 1_000_000])
      for (const loss of [0, 0.01]) {
        const x = evalOk(doc(bytes, loss)).latency;
        expect(x.warmLastByteMs).toBeGreaterThanOrEqual(x.p50Ms);
        expect(x.warmLastByteMs).toBeGreaterThanOrEqual(x.warmTtfbMs);
      }
  });

  it("the result panel says the warm request's first and last byte, not 'takes <TTFB>'", () => {
    const r = evalOk(doc(100_000));
    const [path] = requestPaths(r.latency);
    expect(path?.warmLastByteMs).toBe(205);
    const notes = waterfallNotes(path!, new Set());
    expect(notes.warm).toBe("a warm request (name cached, connection reused) gets its first byte after 105 ms and its last after 205 ms");
    expect(notes.loss).toBeNull();
  });

  it("explains on a lossy path that the steps are averages and the p50 the typical request", () => {
    const r = evalOk(doc(1_000_000, 0.01, 1));
    const [path] = requestPaths(r.latency);
    const notes = waterfallNotes(path!, new Set(["e1"]));
    expect(notes.loss).toMatch(/average/);
    expect(notes.loss).toMatch(/p50/);
    // Only a path that crosses a lossy edge gets the note.
    expect(waterfallNotes(path!, new Set(["elsewhere"])).loss).toBeNull();
  });
});
