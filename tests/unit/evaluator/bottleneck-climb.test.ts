import { describe, expect, it } from "vitest";
import { responseSegments } from "@/lib/core/evaluator/transfer-fit";
import { clientHop, evalOk, type Doc } from "./helpers";

// A response behind a bottleneck (the edge's bandwidthMbps), model 2.10.0: a new connection's window climbs to the
// bottleneck's bandwidth-delay product in slow start, each round costing an RTT while the link idles for part of it;
// from the first window at or above the BDP the link stays busy and the rest follows at the rate (Cardwell, Savage and
// Anderson, INFOCOM 2000; docs/calibration-bottleneck.json). Model 2.9.0 took the larger of the rounds and
// bytes × 8 / rate: 1 MB at 20 Mbit/s and 40 ms measured 626 ms in all, 2.9 said 526 (−16 %).

/** A full segment on the link (bytes): 1,448 of payload and 52 of IPv4, TCP and timestamp headers. */
const WIRE = 1_500;

function hop(edge: Record<string, unknown>): Doc {
  const doc = clientHop(
    { rttMs: 40, tls: "1.3", httpVersion: "2", keepAlive: false, congestionControl: "cubic", responseBytes: 1_000_000, ...edge },
    {},
    { replicas: 2, serviceTimeMs: 5 },
  );
  doc.version = 2;
  return doc;
}

/** The request's time from its first byte to its last (ms): the cold one on a new connection, else the warm one. */
const afterFirstByte = (doc: Doc, warm = false) => {
  const l = evalOk(doc).latency;
  return warm ? (l.warmLastByteMs ?? Number.NaN) - l.warmTtfbMs : l.coldLastByteMs - l.coldTtfbMs;
};

describe("a new connection climbs to the bottleneck's bandwidth-delay product, then sends the rest at its rate", () => {
  it("1 MB at 20 Mbit/s and 40 ms: three rounds below the BDP, then the rest serialised (≈ 495 ms, not 2.9's 400)", () => {
    const segment = (WIRE * 8) / 20_000; // 0.6 ms on the link
    const segments = responseSegments(1_000_000);
    // Windows of 10, 20 and 40 segments (6, 12 and 24 ms on the link) leave it idle for the rest of their 40 ms round;
    // the 4th window (80 segments, 48 ms) fills it: 70 segments in three rounds, the rest back to back.
    const expected = 3 * (40 + segment) + (segments - 70) * segment - segment;
    for (const congestionControl of ["cubic", "bbr"]) {
      const ms = afterFirstByte(hop({ bandwidthMbps: 20, congestionControl }));
      expect(ms).toBeCloseTo(expected, 6);
      expect(ms).toBeGreaterThan(1.2 * 400);
    }
  });

  it("costs more than the larger of the rounds and the serialization wherever both matter, and nothing on a fast link", () => {
    for (const rttMs of [10, 40, 100])
      for (const bandwidthMbps of [10, 50])
        for (const responseBytes of [300_000, 1_000_000]) {
          const ms = afterFirstByte(hop({ rttMs, bandwidthMbps, responseBytes }));
          const rounds = afterFirstByte(hop({ rttMs, responseBytes }));
          expect(ms).toBeGreaterThan(Math.max(rounds, (responseBytes * 8) / (bandwidthMbps * 1000)));
        }
    // 100 Gbit/s serialises 1 MB in 0.08 ms: the slow-start rounds decide, as without a bandwidth (within the link's µs).
    expect(afterFirstByte(hop({ bandwidthMbps: 100_000 }))).toBeCloseTo(afterFirstByte(hop({})), 0);
  });

  it("a kept-alive connection starts with the window its previous response grew: no climb, the bytes at the rate", () => {
    const segment = (WIRE * 8) / 20_000;
    const allAtOnce = (responseSegments(1_000_000, true) - 1) * segment;
    // BBR paces the whole response at its start-up gain over the bottleneck's rate: the link decides.
    expect(afterFirstByte(hop({ bandwidthMbps: 20, congestionControl: "bbr", keepAlive: true }), true)).toBeCloseTo(allAtOnce, 6);
    // CUBIC after 1 MB (whose largest round was 320 segments) sends 640 at once, 384 ms on the link, past the RTT: the
    // link stays busy too (measured 456 ms in all for both, model −0.2 %).
    const cubic = afterFirstByte(hop({ bandwidthMbps: 20, keepAlive: true }), true);
    expect(cubic).toBeCloseTo((responseSegments(1_000_000) - 1) * segment, 6);
    // The new connection pays three rounds of climb instead (80 ms more: the link idles 34, 28 and 16 ms of them).
    expect(cubic).toBeLessThan(afterFirstByte(hop({ bandwidthMbps: 20 })) - 75);
    // After 100 kB (no round above 66 segments) CUBIC's first kept-alive round is 66 segments (model 2.13; 44 before):
    // at 10 Mbit/s and 100 ms they take 79 ms on the link, and the other 5 follow one RTT after the first left it
    // (measured 185 ms in all with the client's buffer raised, model 2.13 +11 %, 2.12 +26 %).
    const slow = (WIRE * 8) / 10_000;
    expect(afterFirstByte(hop({ bandwidthMbps: 10, rttMs: 100, responseBytes: 100_000, keepAlive: true }), true)).toBeCloseTo(
      100 + slow + (responseSegments(100_000) - 66) * slow - slow,
      6,
    );
  });

  it("never faster with less bandwidth, a longer RTT or a larger response", () => {
    let last = 0;
    for (const bandwidthMbps of [1_000, 100, 50, 20, 10, 5]) {
      const ms = afterFirstByte(hop({ bandwidthMbps }));
      expect(ms).toBeGreaterThanOrEqual(last);
      last = ms;
    }
    last = 0;
    for (const rttMs of [1, 10, 40, 100, 200]) {
      const ms = afterFirstByte(hop({ bandwidthMbps: 20, rttMs }));
      expect(ms).toBeGreaterThanOrEqual(last);
      last = ms;
    }
    last = 0;
    for (const responseBytes of [10_000, 100_000, 300_000, 1_000_000, 3_000_000]) {
      const ms = afterFirstByte(hop({ bandwidthMbps: 20, responseBytes }));
      expect(ms).toBeGreaterThanOrEqual(last);
      last = ms;
    }
  });
});
