import { describe, expect, it } from "vitest";
import {
  handshakeLossOutcomesMs,
  pathPenaltyOutcomesMs,
  requestLossOutcomesMs,
  requestWaitOutcomesMs,
  responseSegments,
  type Outcomes,
} from "@/lib/core/evaluator/transfer-fit";
import { clientHop, evalOk, lossyInternalHop, type Doc } from "./helpers";

// A lossy hop's time is a lottery (docs/model.md, "Packet loss and bandwidth"). The percentiles read its whole
// distribution; the waterfall's steps and capacity's holding times are expected values, so they take its mean —
// handshake waits included — not the median transfer alone. Otherwise a slot held by a lossy call looks shorter
// than it is on average (Little's law needs the mean), and the median the waterfall missed surfaced as a made-up
// "tail" step (the p50 of the mixture of handshake waits and transfers sits above the transfer's own median).

const mean = (o: Outcomes) => o.reduce((s, x) => s + x.ms * x.p, 0);
/** Mean wait for the losses only a timer finds (a lost request, a lost last segment; model 2.5.0). */
const timers = (connection: "new" | "kept-alive", responseBytes: number, rttMs = 100) =>
  mean(requestLossOutcomesMs({ lossRate: 0.01, rttMs, connection, segments: responseSegments(responseBytes) }));
const median = (o: Outcomes) => {
  let c = 0;
  for (const x of o) if ((c += x.p) >= 0.5 - 1e-12) return x.ms;
  return (o[o.length - 1] as { ms: number }).ms;
};

const internal = (lossRate: number, keepAlive: boolean): Doc =>
  lossyInternalHop(lossRate, keepAlive, { replicas: 2, serviceTimeMs: 5, concurrency: 8 });

const client = (lossRate: number, keepAlive: boolean, responseBytes: number): Doc =>
  clientHop({ rttMs: 100, tls: "1.3", keepAlive, responseBytes, lossRate });

const step = (r: ReturnType<typeof evalOk>, name: string) => r.latency.breakdown.filter((s) => s.step === name);
const newPath = { responseBytes: 100_000, rttMs: 100, lossRate: 0.01, connection: "new" as const };

describe("a lossy internal call holds its caller's slot for its mean time (Little's law)", () => {
  it("without keep-alive: handshake waits and the transfer's mean, not the transfer's median", () => {
    const loss = [
      handshakeLossOutcomesMs({ lossRate: 0.01, rttMs: 100, tcpRtts: 1, tlsRtts: 0, quicRtts: 0 }),
      pathPenaltyOutcomesMs(newPath),
    ];
    const lossMean = mean(loss[0] as Outcomes) + mean(loss[1] as Outcomes) + timers("new", 100_000);
    // The distribution is skewed: its mean is well above the transfer's median (which the model used before).
    expect(lossMean).toBeGreaterThan(median(loss[1] as Outcomes) + 20);
    const clean = evalOk(internal(0, false));
    const lossy = evalOk(internal(0.01, false));
    const holding = (r: ReturnType<typeof evalOk>) => {
      const api = r.capacity.nodes.find((n) => n.nodeId === "api");
      return (2 * 8 * 1000) / (api?.capacityRps ?? NaN);
    };
    expect(holding(lossy) - holding(clean)).toBeCloseTo(lossMean, 0);
    // The waterfall's steps are the same expected values: the request step carries the transfer's mean, the TCP
    // step the SYN's expected wait, and no "tail" is made up.
    const wf = (r: ReturnType<typeof evalOk>, name: string) =>
      r.latency.breakdown.filter((s) => s.step === name && s.edgeId === "e2").reduce((t, s) => t + s.ms, 0);
    expect(wf(lossy, "request") - wf(clean, "request")).toBeCloseTo(mean(loss[1] as Outcomes) + timers("new", 100_000), 0);
    expect(wf(lossy, "tcp") - wf(clean, "tcp")).toBeCloseTo(mean(loss[0] as Outcomes), 0);
    expect(step(lossy, "tail")).toEqual([]);
  });

  it("with keep-alive: the kept-alive transfer's mean", () => {
    const o = pathPenaltyOutcomesMs({ ...newPath, connection: "kept-alive" });
    const clean = evalOk(internal(0, true));
    const lossy = evalOk(internal(0.01, true));
    const cap = (r: ReturnType<typeof evalOk>) => r.capacity.nodes.find((n) => n.nodeId === "api")?.capacityRps ?? NaN;
    expect((2 * 8 * 1000) / cap(lossy) - (2 * 8 * 1000) / cap(clean)).toBeCloseTo(mean(o) + timers("kept-alive", 100_000), 0);
  });
});

describe("a lossy client hop's cold waterfall is its expected request", () => {
  it("handshake steps carry their expected retransmission waits, the transfer its mean; no made-up tail", () => {
    const bytes = 1_000_000;
    const path = { responseBytes: bytes, rttMs: 100, lossRate: 0.01 };
    const syn = handshakeLossOutcomesMs({ lossRate: 0.01, rttMs: 100, tcpRtts: 1, tlsRtts: 0, quicRtts: 0 });
    const both = handshakeLossOutcomesMs({ lossRate: 0.01, rttMs: 100, tcpRtts: 1, tlsRtts: 1, quicRtts: 0 });
    const transfer = pathPenaltyOutcomesMs({ ...path, connection: "new" });
    const clean = evalOk(client(0, false, bytes));
    const lossy = evalOk(client(0.01, false, bytes));
    const ms = (r: ReturnType<typeof evalOk>, name: string) => step(r, name).reduce((t, s) => t + s.ms, 0);
    expect(ms(lossy, "tcp") - ms(clean, "tcp")).toBeCloseTo(mean(syn), 0);
    expect(ms(lossy, "tls") - ms(clean, "tls")).toBeCloseTo(mean(both) - mean(syn), 0);
    // The lost request's wait before the first byte, in the request step (model 2.6.0); a lost last segment after it.
    const wait = mean(requestWaitOutcomesMs({ lossRate: 0.01, rttMs: 100, connection: "new" }));
    expect(ms(lossy, "request") - ms(clean, "request")).toBeCloseTo(wait, 0);
    expect(ms(lossy, "transfer") - ms(clean, "transfer")).toBeCloseTo(mean(transfer) + timers("new", bytes) - wait, 0);
    // Before, the transfer's median sat in the waterfall, and the gap to the p50 of new connections (whose
    // handshake waits shift the mixture's median up a round) was drawn as a "tail" of 100 ms.
    expect(step(lossy, "tail")).toEqual([]);
    // The mean is the longer: the median request (p50) is below the expected one the waterfall adds up.
    expect(lossy.latency.p50Ms).toBeLessThanOrEqual(lossy.latency.coldLastByteMs);
  });

  it("a kept-alive lottery whose mean sits below its median (1 MB at 1 %) is not drawn as a made-up tail either", () => {
    const r = evalOk(clientHop({ rttMs: 100, tls: "1.3", keepAlive: true, responseBytes: 1_000_000, lossRate: 0.01 }));
    expect(step(r, "tail")).toEqual([]);
    expect(r.latency.warmLastByteMs).toBeGreaterThanOrEqual(r.latency.p50Ms);
  });
});
