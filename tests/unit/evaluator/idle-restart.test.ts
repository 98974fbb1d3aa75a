import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator/index";
import { idleRestartWindow, INITIAL_WINDOW_SEGMENTS, responseSegments } from "@/lib/core/evaluator/transfer-fit";
import { clientHop, evalOk, type Doc } from "./helpers";

// Linux restarts slow start on a connection its sender has left idle longer than the retransmission timeout
// (tcp_slow_start_after_idle = 1, RFC 5681 §4.1, RFC 2861). Model 2.7.0 timed every request on a kept-alive connection
// with the window the previous response grew, so a user who reads a page for three seconds before the next 1 MB
// response got a warm transfer of one extra round where Linux takes six (docs/calibration-idle.json).

const RTT = 100;

/** A client's kept-alive hop to one service; `idleMs` the client's pause between requests, if stated. */
function hop(edge: Record<string, unknown>, idleMs?: number, recordBytes?: number): Doc {
  const doc = clientHop(
    {
      rttMs: RTT,
      tls: "1.3",
      httpVersion: "1.1",
      keepAlive: true,
      responseBytes: 1_000_000,
      ...(idleMs !== undefined ? { idleBetweenRequestsMs: idleMs } : {}),
      ...edge,
    },
    {},
    { replicas: 2, serviceTimeMs: 5, ...(recordBytes !== undefined ? { tlsRecordBytes: recordBytes } : {}) },
  );
  doc.version = 2;
  return doc;
}

describe("a kept-alive connection idle past its retransmission timeout restarts slow start", () => {
  const busy = evalOk(hop({}));

  it("1 MB after a 3 s pause: the warm transfer takes a new connection's six rounds, not the busy one's one", () => {
    const idle = evalOk(hop({}, 3_000));
    expect((busy.latency.warmLastByteMs ?? 0) - busy.latency.warmTtfbMs).toBeCloseTo(RTT, 5);
    expect((idle.latency.warmLastByteMs ?? 0) - idle.latency.warmTtfbMs).toBeCloseTo(6 * RTT, 5);
    expect(idle.latency.warmTtfbMs).toBe(busy.latency.warmTtfbMs);
    // Every warm request pays it, so the percentiles (last-byte times) move and the cold request does not.
    expect(idle.latency.p50Ms).toBeGreaterThan(busy.latency.p50Ms + 4 * RTT);
    expect(idle.latency.coldLastByteMs).toBe(busy.latency.coldLastByteMs);
  });

  it("a pause below the timeout (100 ms: the server idles 200 ms of its 300) changes nothing", () => {
    const short = evalOk(hop({}, 100));
    expect(short.latency).toEqual(busy.latency);
    expect(short.score).toBe(busy.score);
  });

  it("just past it the window halves instead of collapsing: 400 ms reads like the busy connection for 1 MB", () => {
    // Sender idle 500 ms against an RTO of 300 ms: one halving, ~350 segments, still two rounds for 692 segments.
    expect(idleRestartWindow({ segments: responseSegments(1_000_000), rttMs: RTT, idleMs: 400 })).toBe(351);
    expect(evalOk(hop({}, 400)).latency.warmLastByteMs).toBe(busy.latency.warmLastByteMs);
    expect(idleRestartWindow({ segments: responseSegments(1_000_000), rttMs: RTT, idleMs: 3_000 })).toBe(
      INITIAL_WINDOW_SEGMENTS,
    );
  });

  it("BBR sets its own window (exempt from the restart) and HTTP/3 keeps QUIC's: no change", () => {
    for (const edge of [{ congestionControl: "bbr" }, { httpVersion: "3" }]) {
      expect(evalOk(hop(edge, 3_000)).latency).toEqual(evalOk(hop(edge)).latency);
    }
  });

  it("with 16 KiB records the restarted window delays the warm first byte as a new connection's", () => {
    const fixed = evalOk(hop({}, 3_000, 16_384));
    const dyn = evalOk(hop({}, 3_000));
    expect(fixed.latency.warmTtfbMs - dyn.latency.warmTtfbMs).toBeCloseTo(RTT, 5);
    expect(fixed.latency.warmLastByteMs).toBe(dyn.latency.warmLastByteMs);
    // A busy connection's window carries the record: no change there (model 2.7.0's rule).
    expect(evalOk(hop({}, undefined, 16_384)).latency.warmTtfbMs).toBe(busy.latency.warmTtfbMs);
  });

  it("absent, the model times a busy connection and says so under assumptions; stated, no such line", () => {
    expect(busy.assumptions.some((a) => a.includes("Idle time between requests not given") && a.includes("5 more round trips"))).toBe(true);
    expect(evalOk(hop({}, 3_000)).assumptions.some((a) => a.includes("Idle time between requests"))).toBe(false);
    // A response that fits the busy connection's first round either way gets no line.
    expect(evalOk(hop({ responseBytes: 8_000 })).assumptions.some((a) => a.includes("Idle time"))).toBe(false);
  });

  it("the field is a non-negative number of ms: a negative one is rejected naming the field", () => {
    const r = evaluateDesign(hop({}, -1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.errors)).toContain("idleBetweenRequestsMs");
  });
});
