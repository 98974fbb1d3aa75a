import { describe, expect, it } from "vitest";
import { lossBottleneckConfigs } from "@/scripts/calibrate/configs";
import { consistent, withinTen } from "@/scripts/calibrate/ledger";
import { expectMatrix, recordedRun } from "./recorded-run";

// Loss and a bottleneck on one path, measured by the lab (npm run calibrate -- --matrix loss-bottleneck --reps 7
// --loss-reps 41 --seed 16001 --out docs/calibration-loss-bottleneck.json): CUBIC and BBR, new connections, 1 % random
// loss behind 10 and 50 Mbit/s, 40 and 100 ms, 100 kB and 1 MB, one transfer at a time. The evaluator takes the larger
// of the loss rule's time and the bottleneck's climb; nothing had measured the two together before.

const { results, judged } = recordedRun("calibration-loss-bottleneck.json");

describe("loss behind a bottleneck", () => {
  it("covers the matrix the lab runs, 41 repetitions each, one transfer at a time", () => {
    expectMatrix(results, lossBottleneckConfigs(), 41);
    for (const m of results.measurements) expect(m.parallel ?? 1, m.config.id).toBe(1);
  });

  it("every row consistent by percentiles; BBR and 100 kB within 10 %; CUBIC's 1 MB rows the model's open gap", () => {
    for (const j of judged) expect(consistent(j), j.id).toBe(true);
    const lottery = judged.filter((j) => j.id.startsWith("cubic-") && j.id.includes("-1MB-"));
    for (const j of judged.filter((x) => !lottery.includes(x))) expect(withinTen(j), j.id).toBe(true);
    // CUBIC's 1 MB under loss is a lottery (p10–p90 472–2,897 ms at 40 ms behind 50 Mbit/s over 41), and every median
    // is slower than the rule (the larger of the loss rule's time and the climb; 6 to 35 %): how a bottleneck
    // lengthens a lossy transfer's rounds is not traced yet.
    for (const j of lottery) expect(j.errorPct, j.id).toBeLessThan(0);
    expect(lottery.filter((j) => !withinTen(j)).length).toBeLessThanOrEqual(3);
  });
});
