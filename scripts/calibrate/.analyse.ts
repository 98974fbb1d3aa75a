import { readFileSync } from "node:fs";
import { buildRows } from "./report";
import { ruleQuantile } from "./report-doc";
import { fittedTransferMs, textbookTransferMs } from "./predict";
import { parseLabResults } from "./results";
const file = process.argv[2] as string;
const rows = buildRows(parseLabResults(readFileSync(file, "utf8")), textbookTransferMs, fittedTransferMs);
const q = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.round((s.length - 1) * p)] as number; };
for (const r of rows.filter((x) => x.config.lossRate > 0 && x.config.lossPattern === "random")) {
  const m = r.measured; const mean = m.totalsMs.reduce((a, b) => a + b, 0) / m.n;
  const hs = r.fitted.ttfbMs; // handshake + request + host
  const rounds = (t: number) => ((t - hs) / r.config.rttMs).toFixed(1);
  console.log(`${r.config.id.padEnd(40)} n ${m.n} rej ${r.rttRejected} med ${m.totalMs.toFixed(0)} [${m.medianCiLowMs.toFixed(0)}-${m.medianCiHighMs.toFixed(0)}] ±${(((m.medianCiHighMs - m.medianCiLowMs) / 2 / m.totalMs) * 100).toFixed(1)}% mean ${mean.toFixed(0)} p90 ${q(m.totalsMs, 0.9).toFixed(0)} p99 ${q(m.totalsMs, 0.99).toFixed(0)} | rule ${r.fitted.totalMs.toFixed(0)} err ${r.fittedErrorPct.toFixed(1)}% p90 ${ruleQuantile(r, 0.9).toFixed(0)} p99 ${ruleQuantile(r, 0.99).toFixed(0)} | rounds med ${rounds(m.totalMs)} p25 ${rounds(m.p25TotalMs)} p75 ${rounds(m.p75TotalMs)} load ${r.loadRange?.join("-")}`);
}
