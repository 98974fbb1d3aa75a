import { describe, expect, it } from "vitest";
import { fanOutSlowProbability, handshakeRtts, slowStartRounds } from "@/lib/core/evaluator/index";
import { evalOk, sum, textbook } from "./helpers";

describe("textbook cases (DNS miss 50 ms, RTT 100 ms, server 20 ms)", () => {
  it("TCP + TLS 1.3: cold TTFB 370 ms, warm 120 ms", () => {
    const r = evalOk(textbook({ tls: "1.3" }));
    expect(r.latency.coldTtfbMs).toBe(370);
    expect(r.latency.warmTtfbMs).toBe(120);
    expect(r.latency.breakdown.map((s) => [s.step, s.ms])).toEqual([
      ["dns", 50],
      ["tcp", 100],
      ["tls", 100],
      ["request", 100],
      ["processing", 20],
    ]);
  });
  it("TCP + TLS 1.2: cold TTFB 470 ms", () => {
    expect(evalOk(textbook({ tls: "1.2" })).latency.coldTtfbMs).toBe(470);
  });
  it("HTTP/3 (QUIC): cold TTFB 270 ms, the QUIC step is one RTT", () => {
    const r = evalOk(textbook({ httpVersion: "3" }));
    expect(r.latency.coldTtfbMs).toBe(270);
    expect(r.latency.breakdown.find((s) => s.step === "quic")?.ms).toBe(100);
    expect(r.latency.breakdown.some((s) => s.step === "tcp" || s.step === "tls")).toBe(false);
  });
  it("warm keep-alive: 120 ms whatever the handshake", () => {
    for (const p of [{ tls: "1.2" }, { tls: "1.3" }, { httpVersion: "3" }, { keepAlive: true, tls: "1.3" }]) {
      expect(evalOk(textbook(p)).latency.warmTtfbMs).toBe(120);
    }
  });
  it("plain TCP without TLS: 270 ms", () => {
    expect(evalOk(textbook({ tls: "none" })).latency.coldTtfbMs).toBe(270);
  });
  it("resumption: session costs 1 RTT with TLS 1.2 or 1.3; 0-RTT costs none; QUIC 0-RTT is 0 RTT of set-up", () => {
    expect(evalOk(textbook({ tls: "1.2", resumption: "session" })).latency.coldTtfbMs).toBe(370);
    expect(evalOk(textbook({ tls: "1.3", resumption: "session" })).latency.coldTtfbMs).toBe(370);
    expect(evalOk(textbook({ tls: "1.3", resumption: "0rtt" })).latency.coldTtfbMs).toBe(270);
    expect(evalOk(textbook({ httpVersion: "3", resumption: "0rtt" })).latency.coldTtfbMs).toBe(170);
  });
  it("a cached DNS entry is not paid by warm requests, and no DNS node means no lookup", () => {
    const doc = textbook({ tls: "1.3" });
    doc.edges = doc.edges.filter((e: { id: string }) => e.id !== "lookup");
    expect(evalOk(doc).latency.coldTtfbMs).toBe(320);
  });
  it("slow start: a response beyond the initial window adds RTTs to the last byte only", () => {
    // Calibrated rule (transfer-fit.ts, docs/calibration.md): the bytes on the wire are the body plus headers and
    // TLS/h2 framing, in segments of 1,448 bytes. 12 kB fits the initial 10 segments; 14,600 bytes (10 × 1,460,
    // the textbook's exact fit) does not.
    const small = evalOk(textbook({ tls: "1.3", responseBytes: 12_000 }));
    expect(small.latency.coldLastByteMs).toBe(370);
    expect(evalOk(textbook({ tls: "1.3", responseBytes: 14_600 })).latency.coldLastByteMs).toBe(470);
    // 100 kB is 71 segments on the wire: 10 + 20 + 40 < 71, so a 4th round (measured: 3 extra RTTs at every RTT).
    const big = evalOk(textbook({ tls: "1.3", responseBytes: 100_000 }));
    expect(big.latency.coldTtfbMs).toBe(370);
    expect(big.latency.coldLastByteMs).toBe(670);
    expect(big.latency.breakdown.find((s) => s.step === "transfer")?.ms).toBe(300);
  });
  it("breakdown sums to coldLastByteMs and, without transfer, to coldTtfbMs", () => {
    const r = evalOk(textbook({ tls: "1.2", responseBytes: 500_000 }));
    expect(sum(r.latency.breakdown.map((s) => s.ms))).toBeCloseTo(r.latency.coldLastByteMs, 9);
    expect(sum(r.latency.breakdown.filter((s) => s.step !== "transfer").map((s) => s.ms))).toBeCloseTo(
      r.latency.coldTtfbMs,
      9,
    );
  });
  it("a 50-way fan-out at 1 % slow per call makes 39.5 % of requests slow", () => {
    expect(fanOutSlowProbability(0.01, 50)).toBeCloseTo(0.395, 3);
    expect(fanOutSlowProbability(0.01, 1)).toBeCloseTo(0.01, 12);
    expect(fanOutSlowProbability(0, 100)).toBe(0);
  });
});

describe("handshake rules (RFC 9293, RFC 8446, RFC 9000)", () => {
  it("counts RTTs per transport, TLS version and resumption", () => {
    expect(handshakeRtts({ transport: "tcp", tls: "none" })).toEqual({ tcpRtts: 1, tlsRtts: 0, quicRtts: 0 });
    expect(handshakeRtts({ transport: "tcp", tls: "1.2" }).tlsRtts).toBe(2);
    expect(handshakeRtts({ transport: "tcp", tls: "1.0" }).tlsRtts).toBe(2);
    expect(handshakeRtts({ transport: "tcp", tls: "1.3" }).tlsRtts).toBe(1);
    expect(handshakeRtts({ transport: "tcp", tls: "mtls" }).tlsRtts).toBe(1);
    expect(handshakeRtts({ transport: "tcp", tls: "1.2", resumption: "session" }).tlsRtts).toBe(1);
    expect(handshakeRtts({ transport: "tcp", tls: "1.3", resumption: "0rtt" }).tlsRtts).toBe(0);
    expect(handshakeRtts({ transport: "quic", tls: "1.3" })).toEqual({ tcpRtts: 0, tlsRtts: 0, quicRtts: 1 });
    expect(handshakeRtts({ transport: "quic", tls: "1.3", resumption: "0rtt" }).quicRtts).toBe(0);
    expect(handshakeRtts({ transport: "udp", tls: "none" })).toEqual({ tcpRtts: 0, tlsRtts: 0, quicRtts: 0 });
  });
  it("slow-start rounds: 10 segments, then doubling (HPBN)", () => {
    expect(slowStartRounds(0)).toBe(1);
    expect(slowStartRounds(1)).toBe(1);
    expect(slowStartRounds(14_600)).toBe(1);
    expect(slowStartRounds(14_601)).toBe(2);
    expect(slowStartRounds(30 * 1460)).toBe(2);
    expect(slowStartRounds(30 * 1460 + 1)).toBe(3);
    expect(slowStartRounds(1_000_000)).toBe(7);
    expect(slowStartRounds(64_000, { initialCwndSegments: 4, mssBytes: 1000 })).toBe(5);
  });
});
