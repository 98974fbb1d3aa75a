import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator/index";
import { H2_LATE_FIRST_RECORD_SHARE } from "@/lib/core/evaluator/transfer-fit";
import { clientHop, evalOk, type Doc } from "./helpers";

// A TLS server with fixed 16 KiB records (nginx's default ssl_buffer_size) delivers a new connection's first byte of a
// large response a round late: the record is 12 segments, the first round carries the initial window of 10, and no
// client reads a record before its last byte (docs/calibration.md, "Time to first byte for large responses").
// Model 2.6.0 timed every server as one whose first record fits the first round, and had no field to say otherwise.

const RTT = 100;
const step = (r: ReturnType<typeof evalOk>, name: string) =>
  r.latency.breakdown.filter((s) => s.step === name).reduce((t, s) => t + s.ms, 0);

/** A client's hop to one service that terminates its TLS; `recordBytes` the service's record size, if stated. */
function hop(edge: Record<string, unknown>, recordBytes?: number): Doc {
  const doc = clientHop(
    { rttMs: RTT, tls: "1.2", httpVersion: "1.1", keepAlive: true, responseBytes: 1_000_000, ...edge },
    {},
    { replicas: 2, serviceTimeMs: 5, ...(recordBytes !== undefined ? { tlsRecordBytes: recordBytes } : {}) },
  );
  doc.version = 2;
  return doc;
}

describe("a fixed TLS record past the initial window delays a new connection's first byte", () => {
  const dynamic = evalOk(hop({}));

  it("HTTP/1.1 with 16 KiB records: the cold TTFB one RTT later, the last byte where it was", () => {
    const fixed = evalOk(hop({}, 16_384));
    expect(fixed.latency.coldTtfbMs - dynamic.latency.coldTtfbMs).toBeCloseTo(RTT, 5);
    expect(fixed.latency.coldLastByteMs).toBe(dynamic.latency.coldLastByteMs);
    expect(step(fixed, "request") - step(dynamic, "request")).toBeCloseTo(RTT, 5);
    expect(step(fixed, "transfer") - step(dynamic, "transfer")).toBeCloseTo(-RTT, 5);
    // The percentiles are last-byte times and the score reads them: nothing else moves.
    expect(fixed.latency.p99Ms).toBe(dynamic.latency.p99Ms);
    expect(fixed.score).toBe(dynamic.score);
  });

  it("a kept-alive connection's grown window carries the record in its first round: the warm TTFB does not move", () => {
    const fixed = evalOk(hop({}, 16_384));
    expect(fixed.latency.warmTtfbMs).toBe(dynamic.latency.warmTtfbMs);
    expect(fixed.latency.warmLastByteMs).toBe(dynamic.latency.warmLastByteMs);
  });

  it("without keep-alive every request opens a connection: the warm TTFB is late too, its last byte is not", () => {
    const dyn = evalOk(hop({ keepAlive: false }));
    const fixed = evalOk(hop({ keepAlive: false }, 16_384));
    expect(fixed.latency.warmTtfbMs - dyn.latency.warmTtfbMs).toBeCloseTo(RTT, 5);
    expect(fixed.latency.warmLastByteMs).toBe(dyn.latency.warmLastByteMs);
  });

  it("HTTP/2: the measured share of late first records, as an expected value", () => {
    const fixed = evalOk(hop({ httpVersion: "2", tls: "1.3" }, 16_384));
    const dyn = evalOk(hop({ httpVersion: "2", tls: "1.3" }));
    expect(fixed.latency.coldTtfbMs - dyn.latency.coldTtfbMs).toBeCloseTo(H2_LATE_FIRST_RECORD_SHARE * RTT, 5);
    expect(fixed.latency.coldLastByteMs).toBe(dyn.latency.coldLastByteMs);
  });

  it("4 KiB records, a 1 kB response, HTTP/3 or plain text: on time", () => {
    expect(evalOk(hop({}, 4_096)).latency.coldTtfbMs).toBe(dynamic.latency.coldTtfbMs);
    const small = (records?: number) => evalOk(hop({ responseBytes: 1_000 }, records)).latency.coldTtfbMs;
    expect(small(16_384)).toBe(small());
    const h3 = (records?: number) => evalOk(hop({ httpVersion: "3", tls: "1.3" }, records)).latency.coldTtfbMs;
    expect(h3(16_384)).toBe(h3());
    const plain = (records?: number) => evalOk(hop({ tls: "none" }, records)).latency.coldTtfbMs;
    expect(plain(16_384)).toBe(plain());
  });

  it("the threshold is the initial window's payload: 13,312-byte records (measured on time) are, 14,450-byte ones are not", () => {
    // 10 segments of 1,448 bytes carry 14,480 bytes; a record adds 31 bytes of framing.
    expect(evalOk(hop({}, 13_312)).latency.coldTtfbMs).toBe(dynamic.latency.coldTtfbMs);
    expect(evalOk(hop({}, 14_449)).latency.coldTtfbMs).toBe(dynamic.latency.coldTtfbMs);
    expect(evalOk(hop({}, 14_450)).latency.coldTtfbMs - dynamic.latency.coldTtfbMs).toBeCloseTo(RTT, 5);
  });

  it("a load balancer that terminates TLS states it for its clients' hop", () => {
    const lb = (records?: number): Doc => ({
      version: 2,
      name: "lb",
      scenario: { rps: 10, readRatio: 1 },
      nodes: [
        { id: "c", kind: "client" },
        { id: "lb", kind: "load_balancer", props: { tlsTermination: true, http: "1.1", ...(records ? { tlsRecordBytes: records } : {}) } },
        { id: "api", kind: "service", props: { replicas: 2, serviceTimeMs: 5 } },
      ],
      edges: [
        { id: "e1", from: "c", to: "lb", props: { rttMs: RTT, responseBytes: 300_000 } },
        { id: "e2", from: "lb", to: "api", props: { responseBytes: 300_000 } },
      ],
    });
    const late = evalOk(lb(16_384)).latency;
    const onTime = evalOk(lb()).latency;
    expect(late.coldTtfbMs - onTime.coldTtfbMs).toBeCloseTo(RTT, 5);
    expect(late.coldLastByteMs).toBe(onTime.coldLastByteMs);
  });
});

describe("the default is listed under assumptions when it decides the first byte", () => {
  const line = (r: ReturnType<typeof evalOk>) => r.assumptions.filter((a) => a.includes("TLS record size"));

  it("a large response over TLS from a server that states no record size", () => {
    const lines = line(evalOk(hop({})));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Service: TLS record size not given, first TLS records that fit the first round trip assumed/);
  });

  it("not when the server states it, the response fits one round, or there is no TLS or no TCP", () => {
    expect(line(evalOk(hop({}, 16_384)))).toEqual([]);
    expect(line(evalOk(hop({ responseBytes: 8_000 })))).toEqual([]);
    expect(line(evalOk(hop({ tls: "none" })))).toEqual([]);
    expect(line(evalOk(hop({ httpVersion: "3", tls: "1.3" })))).toEqual([]);
  });
});

describe("the field is bounded like every number of the format", () => {
  it.each([255, 16_385, 4_096.5])("%s bytes is rejected with its path", (bytes) => {
    const r = evaluateDesign(hop({}, bytes));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path).join(" ")).toContain("tlsRecordBytes");
  });
});
