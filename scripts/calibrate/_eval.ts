import { readFileSync } from "node:fs";
import { parseLabResults } from "./results";
import { buildRows, summarize, describe } from "./report";
import { fittedTransferMs, textbookTransferMs } from "./predict";
const r = parseLabResults(readFileSync(process.argv[2] as string, "utf8"));
const rows = buildRows(r, textbookTransferMs, fittedTransferMs);
for (const row of rows)
  if (Math.abs(row.fittedErrorPct) > 4 || row.config.lossRate > 0 || process.argv[3])
    console.log(
      describe(row.config).padEnd(80),
      row.measured.totalMs.toFixed(0).padStart(6),
      row.fitted.totalMs.toFixed(0).padStart(6),
      row.fittedErrorPct.toFixed(1).padStart(6),
      "wired",
      row.wiredErrorPct.toFixed(1),
    );
const main = rows.filter((x) => !(x.config.lossRate > 0 && x.config.lossPattern === "random"));
for (const [n, rs] of [
  ["all", rows],
  ["main", main],
] as const) {
  const s = summarize(rs, "fitted");
  const w = summarize(rs, "wired");
  console.log(
    n,
    rs.length,
    "fitted max",
    s.maxAbsErrorPct.toFixed(1),
    "mean",
    s.meanAbsErrorPct.toFixed(2),
    "within",
    s.within10,
    "| wired max",
    w.maxAbsErrorPct.toFixed(1),
    "mean",
    w.meanAbsErrorPct.toFixed(2),
    w.within10,
  );
}
