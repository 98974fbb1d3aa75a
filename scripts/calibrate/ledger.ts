import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bbrKeptAliveRows } from "./bbr-kept-alive";
import { bottleneckRows } from "./bottleneck";
import { idleRepetitions, idleRows } from "./idle";
import { fittedTransferMs, textbookTransferMs } from "./predict";
import { buildRows, describe } from "./report";
import { parseLabResults, type LabResults } from "./results";

// The ledger: every row of every recorded run (docs/calibration-*.json, and the earlier method's files kept in
// docs/calibration-kernel-rmem/) against the evaluator as the report predicts it (buildRows for the main-table method,
// idle.ts, bbr-kept-alive.ts and bottleneck.ts for their runs), judged two ways:
//  - the goal's way: the median last byte within 10 % of the prediction;
//  - by percentiles: where the prediction falls among the repetitions. The median is within 10 % exactly when fewer
//    than half the repetitions are faster than prediction / 1.1 and at least half are no slower than prediction / 0.9;
//    the row is *consistent* with the prediction when both shares are within the 95 % sampling margin of a median of
//    n, 1.96 × √(0.25 / n), of one half. A row of two modes or a flat lottery then passes or fails on what its n can
//    tell, which a median alone hides (docs/calibration-open-rows.md §1).

export type Judged = {
  id: string;
  label: string;
  n: number;
  medianMs: number;
  predictedMs: number;
  errorPct: number;
  /** Share of the repetitions faster than prediction / 1.1. */
  fast: number;
  /** Share of the repetitions no slower than prediction / 0.9. */
  notSlow: number;
  /** Share of the repetitions faster than the prediction, ties counted half (50 % if it were the median). */
  midRank: number;
  /** The repetitions' last bytes (ms) and the prediction each is compared with, for pooling runs. */
  measured: number[];
  predicted: number[];
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** One row judged from its repetitions and the prediction each one is compared with (one per repetition). */
export function judge(id: string, label: string, measured: number[], predicted: number[]): Judged {
  const n = measured.length;
  const share = (f: (x: number, p: number) => boolean) =>
    measured.filter((x, i) => f(x, predicted[i] as number)).length / n;
  const medianMs = median(measured);
  const predictedMs = median(predicted);
  return {
    id,
    label,
    n,
    medianMs,
    predictedMs,
    errorPct: ((predictedMs - medianMs) / medianMs) * 100,
    fast: share((x, p) => x < p / 1.1),
    notSlow: share((x, p) => x <= p / 0.9),
    midRank: share((x, p) => x < p) + share((x, p) => x === p) / 2,
    measured,
    predicted,
  };
}

/** The 95 % sampling margin of a median of n repetitions, as a share (±). */
export const sampleMargin = (n: number) => 1.96 * Math.sqrt(0.25 / n);
export const consistent = (j: Judged) => j.fast <= 0.5 + sampleMargin(j.n) && j.notSlow >= 0.5 - sampleMargin(j.n);
export const withinTen = (j: Judged) => Math.abs(j.errorPct) <= 10;

/** Every row of one recorded run, predicted the way the page predicts that run (chosen by the file's name). */
export function judgeRun(name: string, results: LabResults): Judged[] {
  const samplesOf = (i: number) =>
    (results.measurements[i] as LabResults["measurements"][number]).samples.map((s) => s.totalMs);
  if (name.includes("idle")) {
    const reps = idleRepetitions(results);
    return idleRows(results).map((r) => {
      const mine = reps.filter((x) => x.config.id === r.config.id);
      return judge(
        r.config.id,
        `${describe(r.config)}, idle ${r.config.idleMs ?? 0} ms`,
        mine.map((x) => x.measuredTotalMs),
        mine.map((x) => x.afterMs),
      );
    });
  }
  // The loss-free BBR kept-alive run has its own prediction (bbr-kept-alive.ts); its lossy sibling is judged as the
  // main table's rows are.
  const side = /(^|\/)calibration-bbr-kept-alive\.json$/.test(name)
    ? bbrKeptAliveRows(results)
    : name.includes("bottleneck")
      ? bottleneckRows(results)
      : undefined;
  if (side)
    return side.map((r, i) =>
      judge(
        r.config.id,
        describe(r.config),
        samplesOf(i),
        samplesOf(i).map(() => r.after.totalMs),
      ),
    );
  return buildRows(results, textbookTransferMs, fittedTransferMs).map((r) =>
    judge(
      r.config.id,
      (r.config.priorRequests ?? 1) > 1
        ? `${describe(r.config)}, after ${r.config.priorRequests} responses`
        : describe(r.config),
      r.measured.totalsMs,
      r.measured.totalsMs.map(() => r.fitted.totalMs),
    ),
  );
}

/** Runs kept for comparison only: measured by a method a later run replaced (why, in a few words). */
const SUPERSEDED: Record<string, string> = {
  "calibration-idle-curl-rate.json": "curl's --rate could not hold the idle gap; replaced by the paced client",
};
export const EARLIER_METHOD_DIR = "calibration-kernel-rmem";

export type LedgerRun = {
  /** Path under docs/. */
  file: string;
  results: LabResults;
  rows: Judged[];
  /** Why this run no longer counts toward the goal (a later method replaced it), if it does not. */
  superseded?: string;
};

/** Every recorded run under docs/ (the diagnosis's tracing runs, calibration-diag-*.json, left out). */
export function readLedger(docs: string): LedgerRun[] {
  const files = (dir: string) =>
    existsSync(join(docs, dir))
      ? readdirSync(join(docs, dir))
          .filter((f) => /^calibration-.*\.json$/.test(f) && !f.startsWith("calibration-diag-"))
          .sort()
          .map((f) => (dir === "" ? f : `${dir}/${f}`))
      : [];
  return [...files(""), ...files(EARLIER_METHOD_DIR)].map((file) => {
    const results = parseLabResults(readFileSync(join(docs, file), "utf8"));
    const base = file.split("/").at(-1) as string;
    const superseded = file.startsWith(`${EARLIER_METHOD_DIR}/`)
      ? "the client's receive buffer at the kernel's default (its window held the sender); re-measured with it raised"
      : SUPERSEDED[base];
    return { file, results, rows: judgeRun(base, results), ...(superseded ? { superseded } : {}) };
  });
}

/** nginx's TLS record size the run used: recorded since the field existed, else read from the file's name. */
function recordBytesOf(file: string, results: LabResults): number {
  if (results.sslBufferBytes !== undefined) return results.sslBufferBytes;
  const m = /first-record-(\d+)(k?)\.json$/.exec(file);
  return m ? Number(m[1]) * (m[2] === "k" ? 1024 : 1) : 16_384;
}

/**
 * Each configuration once: the repetitions of every counting run that measured it the same way (the same client
 * receive buffer and TLS record size) pooled, each repetition with its own run's prediction. A configuration's median
 * is best known from all of its repetitions; one run's median of a loss lottery is known to ±10 % at 401
 * (docs/calibration-open-rows.md §2).
 */
export function pooledByConfiguration(runs: LedgerRun[]): (Judged & { runs: string[] })[] {
  const byKey = new Map<string, { label: string; id: string; runs: string[]; measured: number[]; predicted: number[] }>();
  for (const r of runs.filter((x) => !x.superseded))
    for (const j of r.rows) {
      const key = `${j.id}|${r.results.machine.clientTcpRmem ?? "kernel"}|${recordBytesOf(r.file, r.results)}`;
      const p = byKey.get(key) ?? { label: j.label, id: j.id, runs: [], measured: [], predicted: [] };
      p.runs.push(r.file);
      p.measured.push(...j.measured);
      p.predicted.push(...j.predicted);
      byKey.set(key, p);
    }
  return [...byKey.values()].map((p) => ({ ...judge(p.id, p.label, p.measured, p.predicted), runs: p.runs }));
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const signed = (p: number) => `${p >= 0 ? "+" : "−"}${Math.abs(p).toFixed(1)} %`;

export function ledgerTotals(runs: LedgerRun[]) {
  const rows = runs.flatMap((r) => r.rows);
  const pooled = pooledByConfiguration(runs);
  return {
    rows: rows.length,
    within: rows.filter(withinTen).length,
    consistent: rows.filter(consistent).length,
    configurations: pooled.length,
    configurationsWithin: pooled.filter(withinTen).length,
    configurationsConsistent: pooled.filter(consistent).length,
  };
}

/** The page's section on every recorded run: counts per run, and each row whose median is outside 10 %. */
export function ledgerSection(runs: LedgerRun[]): string {
  const counting = runs.filter((r) => !r.superseded);
  const earlier = runs.filter((r) => r.superseded);
  const t = ledgerTotals(counting);
  const e = ledgerTotals(earlier);
  const line = (r: LedgerRun, why = false) => {
    const w = r.rows.filter(withinTen).length;
    const c = r.rows.filter(consistent).length;
    const loads = r.results.measurements.flatMap((m) => m.loadAverage ?? []);
    const load = loads.length > 0 ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : "–";
    return `| [${r.file}](${r.file}) | ${r.results.finishedAt.slice(0, 10)} | ${r.results.machine.clientTcpRmem ?? "kernel default"} | ${load} | ${r.rows.length} | ${w} | ${c} |${why ? ` ${r.superseded ?? ""} |` : ""}`;
  };
  const misses = (list: LedgerRun[]) =>
    list.flatMap((r) =>
      r.rows
        .filter((j) => !withinTen(j))
        .map(
          (j) =>
            `| ${r.file} | ${j.label} | ${j.n} | ${j.medianMs.toFixed(0)} ms | ${j.predictedMs.toFixed(0)} ms | ${signed(j.errorPct)} | ${pct(j.midRank)} (50 % ± ${pct(sampleMargin(j.n))}) | ${consistent(j) ? "yes" : "**no**"} |`,
        ),
    );
  const header = [
    "| Run | Measured | Client's tcp_rmem | 1-minute load | Rows | Median within 10 % | Consistent by percentiles |",
    "| --- | --- | --- | --: | --: | --: | --: |",
  ];
  const missHeader = [
    "| Run | Configuration | n | Measured median | Model | Error | Prediction's mid-rank | Consistent |",
    "| --- | --- | --: | --: | --: | --: | --: | --- |",
  ];
  const current = misses(counting);
  const pooled = pooledByConfiguration(runs);
  const pooledMisses = pooled
    .filter((j) => j.runs.length > 1 && !withinTen(j))
    .map(
      (j) =>
        `| ${j.label} | ${j.runs.join(", ")} | ${j.n} | ${j.medianMs.toFixed(0)} ms | ${j.predictedMs.toFixed(0)} ms | ${signed(j.errorPct)} | ${pct(j.midRank)} (50 % ± ${pct(sampleMargin(j.n))}) | ${consistent(j) ? "yes" : "**no**"} |`,
    );
  const pooledOnce = pooled.filter((j) => j.runs.length > 1);
  const earlierHeader = [`${header[0]} Replaced because |`, `${header[1]} --- |`];
  return `## Every recorded run

The tables above judge the main run. Every run the lab has recorded is judged here the same way, by the median
(the goal: within 10 %), and by where the prediction falls among the repetitions: the median is within 10 % exactly
when fewer than half the repetitions are faster than the prediction ÷ 1.1 and at least half are no slower than the
prediction ÷ 0.9, and a row is *consistent* with the prediction when both shares are within the 95 % sampling margin
of a median of n repetitions, 1.96 × √(0.25 ÷ n), of one half (±15 points at n = 41, ±5 at 401). Rows of two modes (one
round more or less) and flat loss lotteries can miss by the median and still be what their n can tell; the last
column says which. scripts/calibrate/ledger.ts computes it.

**Runs that count: ${t.within} of ${t.rows} medians within 10 %; ${t.consistent} of ${t.rows} consistent by percentiles.**
**Each configuration once** (${t.configurations} configurations; the ${pooledOnce.length} that more than one run measured the
same way, with the same client receive buffer and TLS record size, judged on all their repetitions pooled, each
against its own run's prediction): **${t.configurationsWithin} of ${t.configurations} medians within 10 %; ${t.configurationsConsistent} of ${t.configurations} consistent.**

${[...header, ...counting.map((r) => line(r))].join("\n")}

${current.length === 0 ? "Every median is within 10 %." : `Medians outside 10 %, run by run:\n\n${[...missHeader, ...current].join("\n")}`}

${
  pooledMisses.length === 0
    ? `Pooled, every configuration that more than one run measured has its median within 10 %.`
    : `Pooled configurations whose median is outside 10 %:\n\n| Configuration | Runs | n | Measured median | Model | Error | Prediction's mid-rank | Consistent |\n| --- | --- | --: | --: | --: | --: | --: | --- |\n${pooledMisses.join("\n")}`
}
${
  earlier.length === 0
    ? ""
    : `
**Runs kept for comparison (a later method replaced them): ${e.within} of ${e.rows} medians within 10 %; ${e.consistent}
of ${e.rows} consistent.** Before the lab recorded \`clientTcpRmem\` its client kept the kernel's default receive buffer; traced runs
showed its advertised window holding the sender (docs/calibration-open-rows.md §6), so the runs were measured again
with the client namespace's \`net.ipv4.tcp_rmem\` raised (scripts/calibrate/lab.ts \`CLIENT_TCP_RMEM\`). The earlier
files are kept in [${EARLIER_METHOD_DIR}/](${EARLIER_METHOD_DIR}/) and judged by the same rule:

${[...earlierHeader, ...earlier.map((r) => line(r, true))].join("\n")}

${[...missHeader, ...misses(earlier)].join("\n")}
`
}`;
}
