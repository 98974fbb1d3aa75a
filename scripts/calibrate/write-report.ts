import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fittedTransferMs, textbookTransferMs } from "./predict";
import { renderDoc } from "./report-doc";
import { buildRows, renderChart, summarize } from "./report";
import type { LabResults } from "./results";

/** Writes docs/calibration.md and docs/calibration-chart.svg from the results; returns a one-paragraph summary. */
export function writeReport(root: string, results: LabResults): string {
  const rows = buildRows(results, textbookTransferMs, fittedTransferMs);
  const summaries = { textbook: summarize(rows, "textbook"), fitted: summarize(rows, "fitted") };
  writeFileSync(join(root, "docs", "calibration-chart.svg"), renderChart(rows, summaries));
  writeFileSync(join(root, "docs", "calibration.md"), renderDoc(results, rows, summaries));
  const line = (name: string, s: (typeof summaries)["fitted"]) =>
    `${name}: max error ${s.maxAbsErrorPct.toFixed(1)} %, mean ${s.meanAbsErrorPct.toFixed(1)} %, ${s.within10}/${s.count} within 10 %`;
  return [
    line("textbook rule", summaries.textbook),
    line("fitted rule", summaries.fitted),
    "wrote docs/calibration.md and docs/calibration-chart.svg",
  ].join("\n");
}
