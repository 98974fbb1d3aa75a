import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { keptAliveLossConfigs } from "@/scripts/calibrate/configs";
import { transferInput, wiredPrediction } from "@/scripts/calibrate/predict";
import { parseLabResults } from "@/scripts/calibrate/results";
import { transferTimeQuantilesMs } from "@/lib/core/evaluator/transfer-fit";
import { clientHop, evalOk, type Doc } from "../evaluator/helpers";

// Lossy kept-alive connections measured by the lab (npm run calibrate -- --matrix kept-alive-loss --out
// docs/calibration-kept-alive-loss.json: 1 % random loss, CUBIC, TLS 1.3, h2, 41 repetitions). Model 2.4.0 started a
// kept-alive connection under loss from Mathis' loss-limited window (~12 segments at 1 %), so 100 kB kept alive took
// five rounds after its first byte where the lab measured one, and a warm request came out no faster than a new
// connection that pays its handshakes and slow start. The rule now simulates the connection's previous response.

const results = parseLabResults(
  readFileSync(new URL("../../../docs/calibration-kept-alive-loss.json", import.meta.url), "utf8"),
);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((s.length - 1) * q))] as number;
};

/** Checks the rule's p10/p50/p90 after the first byte against a row's within one RTT + 15 ms; returns the measured ones. */
function expectWithinARound(m: (typeof results.measurements)[number]): number[] {
  const measured = [0.1, 0.5, 0.9].map((q) => quantile(m.samples.map((s) => s.totalMs - s.ttfbMs), q));
  const rule = transferTimeQuantilesMs(transferInput(m.config), [0.1, 0.5, 0.9]);
  for (let i = 0; i < 3; i++)
    expect(Math.abs((rule[i] as number) - (measured[i] as number)), `${m.config.id} q${i}`).toBeLessThanOrEqual(m.config.rttMs + 15);
  return measured;
}

describe("the lab's lossy kept-alive rows", () => {
  it("cover the matrix the lab runs", () => {
    expect(results.measurements.map((m) => m.config.id).sort()).toEqual(
      keptAliveLossConfigs()
        .map((c) => c.id)
        .sort(),
    );
  });

  it("the rule's 10th, 50th and 90th percentiles after the first byte are within a round trip of the measured ones", () => {
    const young = results.measurements.filter(
      (m) => m.config.connection === "kept-alive" && (m.config.priorRequests ?? 1) === 1,
    );
    expect(young.length).toBeGreaterThanOrEqual(4);
    for (const m of young.filter((x) => x.config.bytes < 1_000_000)) expectWithinARound(m);
  });

  it("the 1 MB row: the rule's median and 90th percentile after the first byte within 10 % (its fast tail is not)", () => {
    // Measured with the client's receive buffer raised (model 2.12): 1,151 / 4,518 / 6,251 ms at p10/p50/p90 against
    // the rule's 1,600 / 4,800 / 6,600. The rule's CUBIC loss recovery is a few rounds slow on 1 MB at 1 % (the periodic
    // rows show it too, docs/model.md section 28), most at the fast tail, where the first loss came late; a round trip
    // of tolerance on ~48 rounds holds the 100 kB rows, not this one, so it is judged relative to its size.
    const big = results.measurements.filter((m) => m.config.connection === "kept-alive" && m.config.bytes >= 1_000_000);
    expect(big.length).toBeGreaterThanOrEqual(1);
    for (const m of big) {
      const measured = [0.5, 0.9].map((q) => quantile(m.samples.map((s) => s.totalMs - s.ttfbMs), q));
      const rule = transferTimeQuantilesMs(transferInput(m.config), [0.5, 0.9]);
      for (let i = 0; i < 2; i++)
        expect(Math.abs((rule[i] as number) / (measured[i] as number) - 1), `${m.config.id} q${i}`).toBeLessThanOrEqual(0.1);
    }
  });

  // Model 2.11.0: the 10th response on a connection, predicted for its own age (the row's priorRequests, passed as the
  // edge's priorResponses). Judged like the young rows, within one RTT + 15 ms (the host's scatter): after its first
  // byte a response takes whole rounds, and these rows' medians sit on a step (49 % of the 100 ms row's repetitions took
  // at most 3 rounds, 49 % of the 200 ms row's at most 2; docs/calibration-open-rows.md section 5), so a median of 41
  // repetitions one round off is what sampling gives. Model 2.10 timed them as the 2nd response: 3–4 rounds fast.
  it("the after-9 rows, predicted for their age: p10, p50 and p90 after the first byte within a round trip of the measured ones", () => {
    const old = results.measurements.filter((m) => m.config.connection === "kept-alive" && (m.config.priorRequests ?? 1) > 1);
    expect(old.map((m) => m.config.priorRequests)).toEqual([9, 9, 9]);
    for (const m of old) {
      const measured = expectWithinARound(m);
      // The same rows timed as a young connection miss the median by 3–4 rounds: the test can tell the two apart.
      const young = transferTimeQuantilesMs({ ...transferInput(m.config), priorResponses: 1 }, [0.5])[0] as number;
      expect(Math.abs(young - (measured[1] as number)), m.config.id).toBeGreaterThan(m.config.rttMs + 15);
    }
  });

  it("the wired evaluator predicts the after-9 rows for their age too (wiredPrediction through hopModel)", () => {
    for (const m of results.measurements.filter((x) => (x.config.priorRequests ?? 1) > 1)) {
      const aged = wiredPrediction(m.config).totalMs;
      const young = wiredPrediction({ ...m.config, priorRequests: 1 }).totalMs;
      expect(aged - young, m.config.id).toBeGreaterThanOrEqual(m.config.rttMs);
    }
  });
});

const design = (keepAlive: boolean, tls?: "1.3"): Doc =>
  clientHop({ rttMs: 100, ...(tls ? { tls } : {}), keepAlive, responseBytes: 100_000, lossRate: 0.01 });

describe("a warm request at 1 % loss", () => {
  it("arrives before the same response on a new connection, as the lab measured (203 ms against 610 ms at 100 ms)", () => {
    for (const tls of [undefined, "1.3"] as const) {
      const warm = evalOk(design(true, tls)).latency;
      const fresh = evalOk(design(false, tls)).latency;
      expect(warm.p50Ms).toBeLessThan(fresh.p50Ms - 100);
      expect(warm.p99Ms).toBeLessThanOrEqual(fresh.p99Ms);
    }
  });
});
