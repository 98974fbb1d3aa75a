import { describe, expect, it } from "vitest";
import { transferExtraRtts } from "@/lib/core/evaluator/transfer-fit";
import { evalOk, type Doc } from "./helpers";

// Issue #12 item 11: warm requests on kept-alive connections pay no handshakes again, and the warm TTFB agrees
// with the percentiles' warm requests (never below their median, and not raised by a made-up "tail").

function chain(internal: Record<string, unknown>, client: Record<string, unknown> = {}, coldRatio = 0): Doc {
  return {
    version: 1,
    name: "chain",
    scenario: { rps: 1, readRatio: 1, coldRatio },
    nodes: [
      { id: "c", kind: "client" },
      { id: "api", kind: "service", props: { serviceTimeMs: 10, replicas: 2 } },
      { id: "store", kind: "service", props: { serviceTimeMs: 5, replicas: 2 } },
    ],
    edges: [
      { id: "e1", from: "c", to: "api", props: { rttMs: 20, tls: "1.3", timeoutMs: 5000, ...client } },
      { id: "e2", from: "api", to: "store", props: { rttMs: 10, timeoutMs: 5000, ...internal } },
    ],
  };
}

const step = (r: ReturnType<typeof evalOk>, name: string, edgeId?: string) =>
  r.latency.breakdown.filter((s) => s.step === name && (edgeId === undefined || s.edgeId === edgeId));

describe("warm requests on kept-alive connections", () => {
  it("a kept-alive client connection pays its handshakes once: warm TTFB = cold − handshakes = p50", () => {
    const r = evalOk(chain({ keepAlive: true }));
    // Cold: TCP 20 + TLS 1.3 20 + request 20 + 10 + request 10 + 5.
    expect(r.latency.coldTtfbMs).toBe(85);
    expect(r.latency.warmTtfbMs).toBe(45);
    expect(r.latency.p50Ms).toBe(45);
    expect(step(r, "tail")).toEqual([]);
  });

  it("a kept-alive internal connection's extra round for a large response is in its request step, not a tail", () => {
    // 200 kB over a kept-alive connection needs one more round trip than the first window carries.
    const r = evalOk(chain({ keepAlive: true, responseBytes: 200_000 }));
    expect(step(r, "tail")).toEqual([]);
    expect(step(r, "request", "e2")[0]?.ms).toBe(20);
    expect(step(r, "tcp", "e2")).toEqual([]);
    expect(r.latency.warmTtfbMs).toBe(r.latency.p50Ms);
  });

  it("an internal hop without keep-alive pays its handshake on warm requests too", () => {
    const kept = evalOk(chain({ keepAlive: true }));
    const closed = evalOk(chain({ keepAlive: false }));
    expect(step(closed, "tcp", "e2")[0]?.ms).toBe(10);
    expect(closed.latency.warmTtfbMs).toBe(kept.latency.warmTtfbMs + 10);
    expect(closed.latency.p50Ms).toBe(closed.latency.warmTtfbMs);
  });

  it("with most requests cold the median is a cold one, above the warm TTFB, and the warm TTFB is not raised to it", () => {
    const r = evalOk(chain({ keepAlive: true }, {}, 0.6));
    expect(r.latency.p50Ms).toBe(85);
    expect(r.latency.warmTtfbMs).toBe(45);
    expect(step(r, "tail")).toEqual([]);
  });
});

describe("a kept-alive client connection pays the rounds its window needs", () => {
  it("a response past the grown window's first round adds its round trips to every warm request", () => {
    const responseBytes = 1_000_000;
    const rounds = transferExtraRtts({ responseBytes, connection: "kept-alive" });
    expect(rounds).toBeGreaterThan(0);
    const small = evalOk(chain({ keepAlive: true }));
    const large = evalOk(chain({ keepAlive: true }, { responseBytes }));
    // Warm: request 20 + 10 + request 10 + 5, then the rounds after the first on the client's 20 ms path.
    expect(small.latency.p50Ms).toBe(45);
    expect(large.latency.p50Ms).toBe(45 + rounds * 20);
    expect(large.latency.p99Ms).toBe(45 + rounds * 20);
    // The rounds come after the first byte: the warm TTFB stays 45 ms and no made-up "tail" carries them (the warm
    // median, a last-byte time, is compared with the warm TTFB plus those rounds). A new connection pays more.
    expect(large.latency.warmTtfbMs).toBe(45);
    expect(step(large, "tail")).toEqual([]);
    expect(large.latency.coldTtfbMs).toBe(small.latency.coldTtfbMs);
    const cold = evalOk(chain({ keepAlive: true }, { responseBytes }, 1));
    expect(cold.latency.p50Ms).toBeGreaterThan(large.latency.p50Ms);
  });

  it("under loss the kept-alive transfer is never shorter than the loss-free one", () => {
    const responseBytes = 1_000_000;
    const rounds = transferExtraRtts({ responseBytes, connection: "kept-alive" });
    const lossy = evalOk(chain({ keepAlive: true }, { responseBytes, lossRate: 0.01 }));
    expect(lossy.latency.p50Ms).toBeGreaterThanOrEqual(45 + rounds * 20);
  });
});
