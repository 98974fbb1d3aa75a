import { describe, expect, it } from "vitest";
import { responseSegments } from "@/lib/core/evaluator/transfer-fit";
import { clientHop, evalOk, type Doc } from "./helpers";

// BBR on a kept-alive connection (docs/calibration-bbr-kept-alive.json): Linux's BBR is still in STARTUP after a
// loss-free response, so it paces the next one at its start-up gain (2/ln 2) over the bandwidth the previous one showed
// (half of it per RTT): 30 kB–1 MB end ln 2 ≈ 0.69 RTT after the first segment, at every RTT. Model 2.8.0 gave BBR
// CUBIC's kept-alive rounds plus 0.4 RTT: 1.4 RTT for 100 kB–1 MB (+43–50 % on the whole request) and 0 for 30 kB.

const RTT = 100;

function hop(edge: Record<string, unknown>): Doc {
  const doc = clientHop(
    { rttMs: RTT, tls: "1.3", httpVersion: "2", keepAlive: true, congestionControl: "bbr", responseBytes: 1_000_000, ...edge },
    {},
    { replicas: 2, serviceTimeMs: 5 },
  );
  doc.version = 2;
  return doc;
}

/** The warm request's time from its first byte to its last (ms). */
const afterFirstByte = (doc: Doc) => {
  const r = evalOk(doc);
  return (r.latency.warmLastByteMs ?? Number.NaN) - r.latency.warmTtfbMs;
};

describe("a kept-alive BBR response is paced over ln 2 of an RTT", () => {
  it("100 kB, 300 kB and 1 MB: 0.68–0.69 RTT after the first byte, not a round and 0.4", () => {
    for (const responseBytes of [100_000, 300_000, 1_000_000]) {
      const later = responseSegments(responseBytes, true);
      const ms = afterFirstByte(hop({ responseBytes }));
      expect(ms).toBeCloseTo(((Math.LN2 * (later - 1)) / later) * RTT, 0);
      expect(ms).toBeGreaterThan(0.67 * RTT);
      expect(ms).toBeLessThan(0.7 * RTT);
    }
  });

  it("30 kB is paced too (0.66 RTT, measured 0.66), where CUBIC's first kept-alive round carries it at once", () => {
    expect(afterFirstByte(hop({ responseBytes: 30_000 }))).toBeGreaterThan(0.64 * RTT);
    expect(afterFirstByte(hop({ responseBytes: 30_000 }))).toBeLessThan(0.67 * RTT);
    expect(afterFirstByte(hop({ responseBytes: 30_000, congestionControl: "cubic" }))).toBe(0);
    // A one-segment response has nothing to pace.
    expect(afterFirstByte(hop({ responseBytes: 1_000 }))).toBe(0);
  });

  it("the same whatever the RTT and the idle gap (BBR's bandwidth filter counts rounds, not time)", () => {
    const at = (rttMs: number, idle?: number) =>
      afterFirstByte(hop({ rttMs, ...(idle !== undefined ? { idleBetweenRequestsMs: idle } : {}) })) / rttMs;
    for (const rttMs of [10, 40, 200]) expect(at(rttMs)).toBeCloseTo(at(RTT), 2);
    expect(at(RTT, 3_000)).toBe(at(RTT));
  });

  it("behind a bottleneck the response is serialised at its rate (20 Mbit/s: 1 MB in 415 ms, headers included)", () => {
    // Model 2.10: the link carries IP packets, 1,500 bytes per 1,448 of payload, 0.6 ms each at 20 Mbit/s; from the
    // first byte to the last, all but the first (model 2.9: the body alone, 400 ms; measured 456 ms in all, now −0.2 %).
    expect(afterFirstByte(hop({ bandwidthMbps: 20 }))).toBeCloseTo((responseSegments(1_000_000, true) - 1) * 0.6, 5);
    // 100 kB at 20 Mbit/s is 40 ms on the wire, shorter than the paced 69 ms: pacing decides.
    expect(afterFirstByte(hop({ bandwidthMbps: 20, responseBytes: 100_000 }))).toBeCloseTo(afterFirstByte(hop({ responseBytes: 100_000 })), 5);
  });

  it("a new BBR connection keeps its slow-start rounds plus 0.4 (the published rows)", () => {
    const r = evalOk(hop({ keepAlive: false }));
    // 1 MB: six rounds after the first and 0.4 of pacing.
    expect(r.latency.coldLastByteMs - r.latency.coldTtfbMs).toBeCloseTo(6.4 * RTT, 5);
  });
});

describe("a kept-alive BBR response's first TLS record is paced too", () => {
  const withRecords = (responseBytes: number, tlsRecordBytes?: number) => {
    const doc = hop({ responseBytes });
    const nodes = doc.nodes as { id: string; props: Record<string, unknown> }[];
    const api = nodes.find((n) => n.id === "api") as (typeof nodes)[number];
    if (tlsRecordBytes !== undefined) api.props = { ...api.props, tlsRecordBytes };
    return evalOk(doc).latency;
  };

  it("with 16 KiB records the warm first byte waits for the record's 12 segments (30 kB: 0.33 RTT, measured 0.31), the last byte does not move", () => {
    for (const [responseBytes, late] of [
      [30_000, 0.33],
      [100_000, 0.1],
      [1_000_000, 0.01],
    ] as const) {
      const fixed = withRecords(responseBytes, 16_384);
      const fit = withRecords(responseBytes);
      expect((fixed.warmTtfbMs - fit.warmTtfbMs) / RTT).toBeCloseTo(late, 2);
      expect(fixed.warmLastByteMs).toBe(fit.warmLastByteMs);
    }
  });

  it("records that fit a paced chunk (4 KiB: 3 segments) wait a chunk at most; a one-segment response not at all", () => {
    expect(withRecords(100_000, 4_096).warmTtfbMs - withRecords(100_000).warmTtfbMs).toBeLessThan(0.025 * RTT);
    expect(withRecords(1_000, 16_384).warmTtfbMs).toBe(withRecords(1_000).warmTtfbMs);
  });
});
