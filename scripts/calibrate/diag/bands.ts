import { readdirSync, readFileSync } from "node:fs";
import { consistent, judgeRun, sampleMargin, withinTen } from "../ledger";
import { parseLabResults } from "../results";

// Issue #12 diagnosis (docs/calibration-open-rows.md): every row of every recorded run judged by the median and by
// percentiles, as the page's ledger does (scripts/calibrate/ledger.ts), with every row outside printed in full.
// Run: npx tsx scripts/calibrate/diag/bands.ts            (the recorded runs)
//      npx tsx scripts/calibrate/diag/bands.ts --diag     (the diagnosis's own runs, docs/calibration-diag-*.json)

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
  const w = judged.filter(withinTen);
  const c = judged.filter(consistent);
  rows += judged.length;
  within += w.length;
  ok += c.length;
  console.log(
    `${f}: ${judged.length} rows, ${w.length} with the median within 10 %, ${c.length} consistent by percentiles`,
  );
  for (const j of judged.filter((x) => diag || !withinTen(x) || !consistent(x)))
    console.log(
      `  ${j.id} n=${j.n}: median ${j.medianMs.toFixed(1)} ms, prediction ${j.predictedMs.toFixed(1)} ms (${j.errorPct >= 0 ? "+" : ""}${j.errorPct.toFixed(1)} %); faster than prediction/1.1: ${pct(j.fast)}, no slower than prediction/0.9: ${pct(j.notSlow)} (50 % ± ${pct(sampleMargin(j.n))}); prediction at the ${pct(j.midRank)} mid-rank → ${consistent(j) ? "consistent" : "NOT consistent"}`,
    );
}
console.log(`all files: ${rows} rows, ${within} with the median within 10 %, ${ok} consistent by percentiles`);
