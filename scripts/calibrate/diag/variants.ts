import { readFileSync } from "node:fs";
import { transferTimeQuantilesMs } from "../../../lib/core/evaluator/transfer-fit";
import { fittedTransferMs, textbookTransferMs, transferInput, type TransferRule } from "../predict";
import { buildRows } from "../report";
import { parseLabResults } from "../results";
import { nearestRank, SHIPPED, variantRounds, type Switches } from "./cubic-variants";

// Issue #12 diagnosis (docs/calibration-open-rows.md): every lossy CUBIC row of the recorded runs (main, fit, lossy
// kept-alive) against the shipped rule and against the rule with the switches of cubic-variants.ts, with the kept-alive
// connection's age either one response (model 2.10's only age) or the row's own (`priorRequests`). Prints errors of the median last
// byte as the main table computes them (host floor included) and the lossy kept-alive test's p10/p50/p90 check.
// Run: npx tsx scripts/calibrate/diag/variants.ts

const file = (name: string) => parseLabResults(readFileSync(new URL(`../../../docs/${name}`, import.meta.url), "utf8"));
const runs = {
  main: file("calibration-results.json"),
  fit: file("calibration-fit-results.json"),
  "kept-alive-loss": file("calibration-kept-alive-loss.json"),
};
const off: Switches = { fastConvergence: false, cwndLimited: false };
const variants: [string, Switches, boolean][] = [
  ["model 2.10 (every loss-free round grows cwnd)", off, false],
  ["model 2.10, row's age", off, true],
  ["shipped (model 2.11: lagged cwnd-limited gate, wall clock)", SHIPPED, false],
  ["shipped, row's age", SHIPPED, true],
  ["fast convergence", { fastConvergence: true, cwndLimited: false }, false],
  ["fast convergence, row's age", { fastConvergence: true, cwndLimited: false }, true],
  ["cwnd-limited growth", { fastConvergence: false, cwndLimited: true }, false],
  ["cwnd-limited growth, row's age", { fastConvergence: false, cwndLimited: true }, true],
  ["cwnd-limited growth, lagged flag", { fastConvergence: false, cwndLimited: true, lagged: true }, false],
  ["cwnd-limited growth, lagged flag, row's age", { fastConvergence: false, cwndLimited: true, lagged: true }, true],
  ["per-ACK growth", { fastConvergence: false, cwndLimited: false, perAck: true }, false],
  ["per-ACK growth, row's age", { fastConvergence: false, cwndLimited: false, perAck: true }, true],
];

const lossyCubic = (c: { cc: string; lossRate: number; lossPattern: string }) =>
  c.cc === "cubic" && c.lossRate > 0 && c.lossPattern === "random";
const priorOf = (c: { connection: string; priorRequests?: number }, age: boolean) =>
  c.connection === "kept-alive" ? (age ? (c.priorRequests ?? 1) : 1) : 0;

// The restatement must be the shipped rule with SHIPPED's switches: every lossy row's quantiles compared, each row at
// its own age (transferInput passes priorRequests, model 2.11.0).
for (const r of Object.values(runs))
  for (const m of r.measurements.filter((x) => lossyCubic(x.config))) {
    const qs = [0.1, 0.25, 0.5, 0.75, 0.9];
    const shipped = transferTimeQuantilesMs(transferInput(m.config), qs);
    const mine = qs.map((q) => nearestRank(variantRounds(m.config, priorOf(m.config, true), SHIPPED), q) * m.config.rttMs);
    if (shipped.some((x, i) => x !== mine[i]))
      throw new Error(`restatement differs on ${m.config.id}: ${shipped} vs ${mine}`);
  }

const rule =
  (sw: Switches, age: boolean, q = 0.5): TransferRule =>
  (c) =>
    lossyCubic(c) ? nearestRank(variantRounds(c, priorOf(c, age), sw), q) * c.rttMs : fittedTransferMs(c);

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.round((xs.length - 1) * q)] as number;

for (const [name, sw, age] of variants) {
  const lines: string[] = [];
  let within = 0;
  let count = 0;
  let mainWithin = 0;
  let mainCount = 0;
  for (const [runName, results] of Object.entries(runs)) {
    const rows = buildRows(results, textbookTransferMs, rule(sw, age));
    rows.forEach((row, i) => {
      const c = row.config;
      if (!lossyCubic(c)) return;
      const ok = Math.abs(row.fittedErrorPct) <= 10;
      count += 1;
      within += ok ? 1 : 0;
      if (runName === "main") {
        mainCount += 1;
        mainWithin += ok ? 1 : 0;
      }
      // The lossy kept-alive test's check: p10/p50/p90 after the first byte within RTT + 15 ms.
      let pct = "";
      if (runName === "kept-alive-loss" && c.connection === "kept-alive") {
        const samples = (results.measurements[i] as (typeof results.measurements)[number]).samples;
        const measured = [0.1, 0.5, 0.9].map((q) =>
          quantile(
            samples.map((s) => s.totalMs - s.ttfbMs),
            q,
          ),
        );
        const sim = variantRounds(c, priorOf(c, age), sw);
        const mine = [0.1, 0.5, 0.9].map((q) => nearestRank(sim, q) * c.rttMs);
        const pass = mine.every((x, k) => Math.abs(x - (measured[k] as number)) <= c.rttMs + 15);
        pct = ` | p10/p50/p90 after first byte measured ${measured.map((x) => x.toFixed(0)).join("/")}, rule ${mine.join("/")} ${pass ? "pass" : "FAIL"}`;
      }
      // The percentile band of bands.ts: repetitions faster than rule / 1.1, and no slower than rule / 0.9.
      const t = row.measured.totalsMs;
      const fast = t.filter((x) => x < row.fitted.totalMs / 1.1).length / t.length;
      const notSlow = t.filter((x) => x <= row.fitted.totalMs / 0.9).length / t.length;
      const band = `band ${(fast * 100).toFixed(0)}–${(notSlow * 100).toFixed(0)} % (50 ± ${(196 * Math.sqrt(0.25 / t.length)).toFixed(0)})`;
      lines.push(
        `  ${runName.padEnd(16)} ${c.id.padEnd(52)} measured ${row.measured.totalMs.toFixed(0).padStart(5)} rule ${row.fitted.totalMs.toFixed(0).padStart(5)} ${row.fittedErrorPct >= 0 ? "+" : ""}${row.fittedErrorPct.toFixed(1)} %${ok ? "" : "  <-- outside"} ${band}${pct}`,
      );
    });
  }
  console.log(
    `${name}: ${within} of ${count} lossy CUBIC rows within 10 % (main table: ${mainWithin} of ${mainCount})`,
  );
  for (const l of lines) console.log(l);
}
