import { describe, expect, it } from "vitest";
import { bbrKeptAliveLossConfigs, bbrKeptAliveLossSizeConfigs, type LabConfig } from "@/scripts/calibrate/configs";
import { consistent, withinTen } from "@/scripts/calibrate/ledger";
import {
  BBR_KEPT_ALIVE_EARLIER_LOSSES_MAX_RTTS,
  BBR_KEPT_ALIVE_LOSS_REPAIR_RTTS,
  BBR_RTTS_PER_RANDOM_LOSS,
  bbrKeptAliveLossyRtts,
  transferTimeQuantilesMs,
} from "@/lib/core/evaluator/transfer-fit";
import { expectMatrix, recordedRun } from "./recorded-run";

// BBR on lossy kept-alive connections, measured by the lab (npm run calibrate -- --matrix bbr-kept-alive-loss[-sizes]
// --reps 7 --loss-reps 101 --parallel 4 --seed N): 1 % random loss, the second of two identical requests; 100 kB and
// 1 MB at 40, 100 and 200 ms, and 300 kB and 3 MB at 40 and 100 ms. Model 2.14 fitted "the last loss's repair" on the
// 100 kB / 1 MB run (seed 15001) and checked it on a second (20001); the first run of the other sizes (24001), an
// out-of-sample check, found 3 MB 56–60 % slow. Model 2.16 re-fitted the rule on both first runs and was checked on
// two runs measured after it (25001, 26001). Model 2.13 had charged 0.29 RTT per loss, as on a new connection.

const runs: { name: string; file: string; matrix: () => LabConfig[]; maxError: number }[] = [
  { name: "fit run, 100 kB and 1 MB", file: "calibration-bbr-kept-alive-loss.json", matrix: bbrKeptAliveLossConfigs, maxError: 7 },
  { name: "fit run, 300 kB and 3 MB", file: "calibration-bbr-kept-alive-loss-sizes.json", matrix: bbrKeptAliveLossSizeConfigs, maxError: 9 },
  { name: "2.14's check run", file: "calibration-bbr-kept-alive-loss-check.json", matrix: bbrKeptAliveLossConfigs, maxError: 7 },
  { name: "check run, 100 kB and 1 MB", file: "calibration-bbr-kept-alive-loss-check2.json", matrix: bbrKeptAliveLossConfigs, maxError: 5 },
  { name: "check run, 300 kB and 3 MB", file: "calibration-bbr-kept-alive-loss-sizes-check.json", matrix: bbrKeptAliveLossSizeConfigs, maxError: 5 },
];

describe("BBR on lossy kept-alive connections", () => {
  for (const run of runs)
    describe(run.name, () => {
      const { results, judged } = recordedRun(run.file);
      it("covers the matrix the lab runs, 101 repetitions each, with the client's receive buffer raised", () => {
        expectMatrix(results, run.matrix(), 101);
      });

      it(`every row's median within ${run.maxError} % and consistent by percentiles`, () => {
        const rows = judged.filter((j) => j.id.includes("-loss1-"));
        expect(rows).toHaveLength(run.matrix().length);
        for (const row of rows) {
          expect(withinTen(row), row.id).toBe(true);
          expect(consistent(row), row.id).toBe(true);
          expect(Math.abs(row.errorPct), row.id).toBeLessThan(run.maxError);
        }
      });
    });

  it("the last loss decides: losses early in the pacing are repaired alongside, one at the end costs about a round", () => {
    const free = 0.69;
    expect(bbrKeptAliveLossyRtts(free, 693, 0, 0)).toBe(free);
    // One loss at the very end: the loss-free end plus the repair.
    expect(bbrKeptAliveLossyRtts(free, 693, 1, 693)).toBeCloseTo(free + BBR_KEPT_ALIVE_LOSS_REPAIR_RTTS, 6);
    // One loss at the start: its repair is over at about the same time, the loss-free end adds nothing.
    expect(bbrKeptAliveLossyRtts(free, 693, 1, 1)).toBeCloseTo(BBR_KEPT_ALIVE_LOSS_REPAIR_RTTS + free / 693, 6);
    // Seven losses cost far less than seven times a new connection's per-loss charge.
    const seven = bbrKeptAliveLossyRtts(free, 693, 7, 650) - free;
    expect(seven).toBeLessThan(7 * BBR_RTTS_PER_RANDOM_LOSS);
    expect(seven).toBeGreaterThan(1);
    // The earlier losses' cost is bounded: twenty cost what five do (3 MB measured no slower than 1 MB after its first byte).
    expect(bbrKeptAliveLossyRtts(free, 2078, 20, 2000)).toBeCloseTo(bbrKeptAliveLossyRtts(free, 2078, 5, 2000), 6);
    expect(bbrKeptAliveLossyRtts(free, 2078, 20, 2078) - free).toBeCloseTo(
      BBR_KEPT_ALIVE_LOSS_REPAIR_RTTS + BBR_KEPT_ALIVE_EARLIER_LOSSES_MAX_RTTS,
      6,
    );
  });

  it("a kept-alive BBR response under loss is timed by this rule, a new connection's by the per-loss charge", () => {
    const input = { rttMs: 100, congestionControl: "bbr", lossRate: 0.01 } as const;
    const median = (responseBytes: number, connection: "new" | "kept-alive") =>
      (transferTimeQuantilesMs({ ...input, responseBytes, connection }, [0.5])[0] ?? 0) / 100;
    // Measured 2.14–2.37 RTTs from the first byte to the last for 1 MB and 3 MB alike, over all runs and RTTs.
    for (const bytes of [1_000_000, 3_000_000]) {
      expect(median(bytes, "kept-alive")).toBeGreaterThan(2.0);
      expect(median(bytes, "kept-alive")).toBeLessThan(2.45);
      expect(median(bytes, "new")).not.toBe(median(bytes, "kept-alive"));
    }
  });
});
