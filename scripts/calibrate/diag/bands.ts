import { readdirSync, readFileSync } from "node:fs";
import { bbrKeptAliveRows } from "../bbr-kept-alive";
import { bottleneckRows } from "../bottleneck";
import { idleRepetitions, idleRows } from "../idle";
import { fittedTransferMs, textbookTransferMs } from "../predict";
import { buildRows } from "../report";
import { parseLabResults, type LabResults } from "../results";

// Issue #12 diagnosis (docs/calibration-open-rows.md): every row of every recorded run (docs/calibration-*.json) against
// the evaluator as the repo's own report code predicts it (report.ts buildRows for the main-table method, idle.ts,
// bbr-kept-alive.ts and bottleneck.ts for their runs), judged two ways:
//  - the report's way: the median last byte within 10 % of the prediction;
//  - by percentiles: where the prediction falls among the repetitions. The median is within 10 % exactly when fewer than
//    half the repetitions are faster than prediction / 1.1 and at least half are no slower than prediction / 0.9; the
//    row is *consistent* with the prediction when both shares are within the 95 % sampling margin of a median of n,
//    1.96 × √(0.25 / n), of one half. A row of two modes or a flat lottery then passes or fails on what its n can tell.
// Run: npx tsx scripts/calibrate/diag/bands.ts            (the recorded runs)
//      npx tsx scripts/calibrate/diag/bands.ts --diag     (this diagnosis's own runs, docs/calibration-diag-*.json)

type Judged = {
  id: string;
  n: number;
  medianMs: number;
  predictedMs: number;
  errorPct: number;
  fast: number;
  notSlow: number;
  midRank: number;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** One row judged from its repetitions and the prediction each one is compared with (one per repetition). */
function judge(id: string, measured: number[], predicted: number[]): Judged {
  const n = measured.length;
  const share = (f: (x: number, p: number) => boolean) =>
    measured.filter((x, i) => f(x, predicted[i] as number)).length / n;
  const medianMs = median(measured);
  const predictedMs = median(predicted);
  return {
    id,
    n,
    medianMs,
    predictedMs,
    errorPct: ((predictedMs - medianMs) / medianMs) * 100,
    fast: share((x, p) => x < p / 1.1),
    notSlow: share((x, p) => x <= p / 0.9),
    midRank: share((x, p) => x < p) + share((x, p) => x === p) / 2,
  };
}

export function judgeRun(name: string, results: LabResults): Judged[] {
  const samplesOf = (i: number) =>
    (results.measurements[i] as LabResults["measurements"][number]).samples.map((s) => s.totalMs);
  if (name.includes("idle")) {
    const reps = idleRepetitions(results);
    return idleRows(results).map((r) => {
      const mine = reps.filter((x) => x.config.id === r.config.id);
      return judge(
        r.config.id,
        mine.map((x) => x.measuredTotalMs),
        mine.map((x) => x.afterMs),
      );
    });
  }
  const side = name.includes("bbr-kept-alive")
    ? bbrKeptAliveRows(results)
    : name.includes("bottleneck")
      ? bottleneckRows(results)
      : undefined;
  if (side)
    return side.map((r, i) =>
      judge(
        r.config.id,
        samplesOf(i),
        samplesOf(i).map(() => r.after.totalMs),
      ),
    );
  return buildRows(results, textbookTransferMs, fittedTransferMs).map((r) =>
    judge(
      r.config.id,
      r.measured.totalsMs,
      r.measured.totalsMs.map(() => r.fitted.totalMs),
    ),
  );
}

const margin = (n: number) => 1.96 * Math.sqrt(0.25 / n);
const consistent = (j: Judged) => j.fast <= 0.5 + margin(j.n) && j.notSlow >= 0.5 - margin(j.n);
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

const dir = new URL("../../../docs/", import.meta.url);
let rows = 0;
let within = 0;
let ok = 0;
const diag = process.argv.includes("--diag");
for (const f of readdirSync(dir)
  .filter((x) => /^calibration-.*\.json$/.test(x) && x.startsWith("calibration-diag-") === diag)
  .sort()) {
  const judged = judgeRun(f, parseLabResults(readFileSync(new URL(f, dir), "utf8")));
  const w = judged.filter((j) => Math.abs(j.errorPct) <= 10);
  const c = judged.filter(consistent);
  rows += judged.length;
  within += w.length;
  ok += c.length;
  console.log(
    `${f}: ${judged.length} rows, ${w.length} with the median within 10 %, ${c.length} consistent by percentiles`,
  );
  for (const j of judged.filter((x) => diag || Math.abs(x.errorPct) > 10 || !consistent(x)))
    console.log(
      `  ${j.id} n=${j.n}: median ${j.medianMs.toFixed(1)} ms, prediction ${j.predictedMs.toFixed(1)} ms (${j.errorPct >= 0 ? "+" : ""}${j.errorPct.toFixed(1)} %); faster than prediction/1.1: ${pct(j.fast)}, no slower than prediction/0.9: ${pct(j.notSlow)} (50 % ± ${pct(margin(j.n))}); prediction at the ${pct(j.midRank)} mid-rank → ${consistent(j) ? "consistent" : "NOT consistent"}`,
    );
}
console.log(`all files: ${rows} rows, ${within} with the median within 10 %, ${ok} consistent by percentiles`);
