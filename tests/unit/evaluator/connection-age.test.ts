import { describe, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator/index";
import {
  outcomesMoments,
  pathPenaltyOutcomesMs,
  transferTimeMs,
  transferTimeQuantilesMs,
  type TransferFitInput,
} from "@/lib/core/evaluator/transfer-fit";
import { clientHop, evalOk, type Doc } from "./helpers";

// A kept-alive connection's age (model 2.11.0, the edge's `priorResponses`): under loss every earlier response's losses
// cut CUBIC's window, so the 10th response on a connection starts from a smaller window than the 2nd. Model 2.10 always
// timed the 2nd, and the lab's "after 9 responses" rows (docs/calibration-kept-alive-loss.json) came out −50 to −60 %.

const RTT = 100;

/** A client's kept-alive hop at 100 ms, 100 kB; `edge` adds or replaces fields. */
function hop(edge: Record<string, unknown>): Doc {
  const doc = clientHop(
    { rttMs: RTT, tls: "1.3", keepAlive: true, responseBytes: 100_000, lossRate: 0.01, ...edge },
    {},
    { replicas: 2, serviceTimeMs: 5 },
  );
  doc.version = 2;
  return doc;
}

const afterFirstByte = (doc: Doc) => {
  const r = evalOk(doc);
  return (r.latency.warmLastByteMs ?? 0) - r.latency.warmTtfbMs;
};

describe("a kept-alive connection's age (priorResponses)", () => {
  it("absent is 1: every figure as model 2.10 gave it, only the assumption line differs", () => {
    const absent = evalOk(hop({}));
    const one = evalOk(hop({ priorResponses: 1 }));
    expect({ ...one, assumptions: [] }).toEqual({ ...absent, assumptions: [] });
  });

  it("an old connection under loss takes more rounds after its first byte (100 kB at 100 ms, 1 %: the lab's after-9 row)", () => {
    const young = afterFirstByte(hop({}));
    const old = afterFirstByte(hop({ priorResponses: 9 }));
    expect(old - young).toBeGreaterThanOrEqual(RTT);
    const p50 = (n: number) => evalOk(hop({ priorResponses: n })).latency.p50Ms;
    expect(p50(9)).toBeGreaterThanOrEqual(p50(1) + RTT);
  });

  it("changes nothing without loss, with BBR, or on a connection that is not kept alive", () => {
    for (const edge of [{ lossRate: 0 }, { congestionControl: "bbr" }, { keepAlive: false }]) {
      const base = evalOk(hop(edge));
      const old = evalOk(hop({ ...edge, priorResponses: 30 }));
      expect({ ...old, assumptions: [] }, JSON.stringify(edge)).toEqual({ ...base, assumptions: [] });
    }
  });

  it("absent on a lossy kept-alive client edge, the result says what it assumed; stated, or with no loss, no such line", () => {
    const line = (doc: Doc) => evalOk(doc).assumptions.find((a) => a.includes("Earlier responses on the connection"));
    expect(line(hop({}))).toMatch(/not given, 1 assumed .*30 responses .*\d+ more round trips?/);
    expect(line(hop({ priorResponses: 9 }))).toBeUndefined();
    expect(line(hop({ lossRate: 0 }))).toBeUndefined();
    expect(line(hop({ congestionControl: "bbr" }))).toBeUndefined();
  });

  it("is a whole count from 1 to 100: anything else is rejected naming the field", () => {
    for (const bad of [0, -1, 1.5, 101, 1e9, Number.MAX_SAFE_INTEGER, "9"]) {
      const r = evaluateDesign(hop({ priorResponses: bad }));
      expect(r.ok, String(bad)).toBe(false);
      if (!r.ok) expect(JSON.stringify(r.errors)).toContain("priorResponses");
    }
    for (const good of [1, 100]) expect(evaluateDesign(hop({ priorResponses: good })).ok).toBe(true);
  });
});

describe("the history simulation (transfer-fit.ts keptAliveHistoryRounds) by age", () => {
  const input = (responseBytes: number, rttMs: number, lossRate: number, priorResponses?: number): TransferFitInput => ({
    responseBytes,
    rttMs,
    lossRate,
    connection: "kept-alive",
    ...(priorResponses !== undefined ? { priorResponses } : {}),
  });

  it("at up to 1 % loss an older connection's median is never faster than the young one's", () => {
    // Not a law at any loss: at 5 % both are loss-limited and the old one's median came out 0.7–2 % faster on 1 MB
    // (sampling: 51 trials of a long history), so the property is stated where it holds.
    for (const bytes of [30_000, 100_000, 300_000, 1_000_000])
      for (const rtt of [10, 40, 100, 200])
        for (const loss of [0.001, 0.01]) {
          const young = transferTimeMs(input(bytes, rtt, loss));
          for (const age of [2, 5, 9, 30, 100])
            expect(transferTimeMs(input(bytes, rtt, loss, age)), `${bytes} B ${rtt} ms ${loss} age ${age}`).toBeGreaterThanOrEqual(young);
        }
  });

  it("a response that fits inside its window does not regrow it (Linux's tcp_is_cwnd_limited gate, model 2.11.0)", () => {
    // 30 kB is 22 segments: sent into a larger window it never fills it, so Linux's CUBIC grows nothing on its ACKs
    // (tcp_cwnd_validate leaves is_cwnd_limited false), while each loss still cuts the window by 0.7. On a connection
    // that has carried 30 such responses the window has been cut below 22 segments in most draws: a second round.
    // Model 2.10's simulation regrew the window on every loss-free response: 72 / 60 / 42 % took a second round.
    for (const rttMs of [40, 100, 200]) {
      const o = pathPenaltyOutcomesMs({ ...input(30_000, rttMs, 0.01, 30) });
      const secondRound = o.filter((x) => x.ms >= rttMs).reduce((sum, x) => sum + x.p, 0);
      expect(secondRound, `${rttMs} ms`).toBeGreaterThanOrEqual(0.75);
      // The young connection (one earlier response, slow start's window) still mostly fits it in one round.
      const young = pathPenaltyOutcomesMs({ ...input(30_000, rttMs, 0.01) });
      expect(outcomesMoments(young).mean, `${rttMs} ms`).toBeLessThan(outcomesMoments(o).mean);
      expect(young.filter((x) => x.ms >= rttMs).reduce((sum, x) => sum + x.p, 0)).toBeLessThan(0.5);
    }
  });

  it("out-of-range ages from a caller that skipped the schema are clamped, not simulated", () => {
    const q = (age: number) => transferTimeQuantilesMs(input(100_000, 100, 0.01, age), [0.1, 0.5, 0.9]);
    expect(q(0)).toEqual(q(1));
    expect(q(Number.NaN)).toEqual(q(1));
    expect(q(1e12)).toEqual(q(100));
  });
});
