import { describe, expect, it } from "vitest";
import { KEPT_ALIVE_FIRST_ROUND_SEGMENTS, responseSegments, transferTimeMs } from "@/lib/core/evaluator/transfer-fit";
import { keptAliveSizeConfigs } from "@/scripts/calibrate/configs";
import { withinTen } from "@/scripts/calibrate/ledger";
import { expectMatrix, recordedRun } from "./recorded-run";

// What a kept-alive CUBIC connection's first round carries, measured by the lab between the published grid's 30 kB
// (one round) and 100 kB (two): npm run calibrate -- --matrix kept-alive-sizes --reps 11 --out
// docs/calibration-kept-alive-sizes.json (60, 70, 80 and 90 kB at 10, 40 and 100 ms, the client's buffer raised).
// Model 2.12 sent 44 segments first, fitted with the earlier method's client window; every 70–90 kB row left in one
// round. A tcpdump trace of the 100 kB rows showed the first round holding 66 of its segments (docs/model.md §29).

const { results, judged } = recordedRun("calibration-kept-alive-sizes.json");

describe("the kept-alive sizes run", () => {
  it("covers the matrix the lab runs, 11 repetitions each, with the client's receive buffer raised", () => {
    expectMatrix(results, keptAliveSizeConfigs(), 11);
  });

  it("every response of 60–90 kB left in one round, and the model says so: every row within 10 %", () => {
    for (const m of results.measurements) {
      const afterFirstByte = m.samples.map((s) => s.totalMs - s.ttfbMs);
      // One round: the last byte within a fifth of a round of the first, in every repetition.
      for (const ms of afterFirstByte) expect(ms, m.config.id).toBeLessThan(0.2 * m.config.rttMs);
    }
    expect(judged.filter((j) => !withinTen(j)).map((j) => j.id)).toEqual([]);
  });

  it("the first kept-alive round holds 90 kB but not 100 kB", () => {
    expect(responseSegments(90_000)).toBeLessThanOrEqual(KEPT_ALIVE_FIRST_ROUND_SEGMENTS);
    expect(responseSegments(100_000)).toBeGreaterThan(KEPT_ALIVE_FIRST_ROUND_SEGMENTS);
    for (const rttMs of [10, 40, 100]) {
      expect(transferTimeMs({ responseBytes: 90_000, rttMs, connection: "kept-alive" })).toBe(0);
      expect(transferTimeMs({ responseBytes: 100_000, rttMs, connection: "kept-alive" })).toBe(rttMs);
    }
  });
});
