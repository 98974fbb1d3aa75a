import { describe, expect, it } from "vitest";
import { bbrKeptAliveLossConfigs } from "@/scripts/calibrate/configs";
import { consistent, withinTen } from "@/scripts/calibrate/ledger";
import { BBR_RTTS_PER_RANDOM_LOSS, bbrKeptAliveLossyRtts, transferTimeQuantilesMs } from "@/lib/core/evaluator/transfer-fit";
import { expectMatrix, recordedRun } from "./recorded-run";

// BBR on lossy kept-alive connections, measured by the lab (npm run calibrate -- --matrix bbr-kept-alive-loss --reps 7
// --loss-reps 101 --parallel 4): 1 % random loss, the second of two identical requests, 100 kB and 1 MB at 40, 100 and
// 200 ms. Model 2.14's rule (the last loss's repair, BBR_KEPT_ALIVE_LOSS_REPAIR_RTTS) was fitted on the first run
// (--seed 15001, docs/calibration-bbr-kept-alive-loss.json) and checked on a second (--seed 20001,
// docs/calibration-bbr-kept-alive-loss-check.json). Model 2.13 charged 0.29 RTT per loss, as on a new connection,
// and put the 1 MB rows 10–13 % slow.

const runs = [
  { name: "fit run", ...recordedRun("calibration-bbr-kept-alive-loss.json") },
  { name: "check run", ...recordedRun("calibration-bbr-kept-alive-loss-check.json") },
];

describe("BBR on lossy kept-alive connections", () => {
  for (const run of runs)
    describe(run.name, () => {
      it("covers the matrix the lab runs, 101 repetitions each, with the client's receive buffer raised", () => {
        expectMatrix(run.results, bbrKeptAliveLossConfigs(), 101);
      });

      it("every row's median within 10 % and consistent by percentiles; the 1 MB rows within 5 %", () => {
        const rows = run.judged.filter((j) => j.id.includes("-loss1-"));
        expect(rows).toHaveLength(6);
        for (const row of rows) {
          expect(withinTen(row), row.id).toBe(true);
          expect(consistent(row), row.id).toBe(true);
          if (row.id.endsWith("-1MB")) expect(Math.abs(row.errorPct), row.id).toBeLessThan(5);
        }
      });
    });

  it("the last loss decides: losses early in the pacing are repaired alongside, one at the end costs a round", () => {
    const free = 0.69;
    expect(bbrKeptAliveLossyRtts(free, 693, 0, 0)).toBe(free);
    // One loss at the very end: the loss-free end plus the repair.
    expect(bbrKeptAliveLossyRtts(free, 693, 1, 693)).toBeCloseTo(free + 1.05, 6);
    // One loss at the start: the repair, and it is over before the loss-free end would have added anything.
    expect(bbrKeptAliveLossyRtts(free, 693, 1, 1)).toBeCloseTo(1.05 + free / 693, 6);
    // Seven losses cost far less than seven times a new connection's per-loss charge on top of the last one's repair.
    const seven = bbrKeptAliveLossyRtts(free, 693, 7, 650) - free;
    expect(seven).toBeLessThan(7 * BBR_RTTS_PER_RANDOM_LOSS);
    expect(seven).toBeGreaterThan(1);
  });

  it("a kept-alive BBR response under loss is timed by this rule, a new connection's by the per-loss charge", () => {
    const input = { responseBytes: 1_000_000, rttMs: 100, congestionControl: "bbr", lossRate: 0.01 } as const;
    const [keptAlive] = transferTimeQuantilesMs({ ...input, connection: "kept-alive" }, [0.5]);
    const [fresh] = transferTimeQuantilesMs({ ...input, connection: "new" }, [0.5]);
    // Measured 2.25–2.37 RTTs from the first byte to the last in both runs (all three RTTs).
    expect((keptAlive ?? 0) / 100).toBeGreaterThan(2.2);
    expect((keptAlive ?? 0) / 100).toBeLessThan(2.45);
    expect(fresh).not.toBe(keptAlive);
  });
});
