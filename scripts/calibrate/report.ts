import { floorConfig, type LabConfig } from "./configs";
import { median } from "./curl-output";
import { mulberry32 } from "../../lib/core/util/prng";
import { predict, wiredPrediction, type Prediction, type TransferRule } from "./predict";
import type { LabResults } from "./results";

// The calibration report, as pure functions of the lab's results: rows (measured vs predicted), the summary,
// the markdown table and the SVG chart. write-report.ts puts them on disk.

export type Row = {
  config: LabConfig;
  /** What the two hosts add on this machine (ms): the floor measured at 0 ms RTT minus the model at 0 ms (its service time). */
  hostMs: number;
  /**
   * The part of hostMs after the first byte (ms): the floor's median last byte minus its median first byte, i.e.
   * the hosts copying, encrypting and decrypting the body. It overlaps the network's rounds (see withHost).
   */
  hostTransferMs: number;
  /** Medians over the repetitions (ms). */
  measured: {
    connectMs: number;
    appconnectMs: number;
    ttfbMs: number;
    totalMs: number;
    minTotalMs: number;
    maxTotalMs: number;
    /** The middle half of the last-byte times (25th and 75th percentiles, ms). */
    p25TotalMs: number;
    p75TotalMs: number;
    /** 95 % bootstrap interval of the median last-byte time (ms): how well the repetitions pin the median. */
    medianCiLowMs: number;
    medianCiHighMs: number;
    n: number;
    /** Every repetition's last-byte time (ms), in the order measured. */
    totalsMs: number[];
  };
  /** 1-minute load average when the configuration's group finished (undefined in older runs). */
  load1?: number;
  /** Lowest and highest 1-minute load average while the group ran; transfers at once; RTT-probe rejections; the bridge's counts. */
  loadRange?: number[];
  parallel?: number;
  rttRejected?: number;
  bridge?: string;
  textbook: Prediction;
  /** What the evaluator itself predicts (predict.ts wiredPrediction: its hopModel; no loss or congestion control). */
  wired: Prediction;
  fitted: Prediction;
  /** Signed error of the last-byte time, (predicted − measured) / measured, in percent. */
  textbookErrorPct: number;
  wiredErrorPct: number;
  fittedErrorPct: number;
};

export type Rule = "textbook" | "wired" | "fitted";

/** A row whose bridge dropped packets at random (each packet independently), as a real lossy path does. */
export const isRandomLoss = (r: Row): boolean => r.config.lossRate > 0 && r.config.lossPattern === "random";

export const errorOf = (r: Row, which: Rule): number =>
  which === "textbook" ? r.textbookErrorPct : which === "wired" ? r.wiredErrorPct : r.fittedErrorPct;

/** Linear-interpolated quantile of a sorted array (q in 0..1). */
function quantile(sorted: number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (i - lo);
}

/**
 * 95 % percentile-bootstrap interval of the median (Efron and Tibshirani, "An Introduction to the Bootstrap",
 * 1993, ch. 13): 2,000 resamples with replacement, seeded so a re-render gives the same interval.
 */
export function medianInterval(xs: number[], resamples = 2_000): [number, number] {
  const rand = mulberry32(xs.length * 7919 + 17);
  const meds: number[] = [];
  const buf: number[] = new Array(xs.length);
  for (let k = 0; k < resamples; k++) {
    for (let i = 0; i < xs.length; i++) buf[i] = xs[(rand() * xs.length) | 0] as number;
    meds.push(median(buf));
  }
  meds.sort((a, b) => a - b);
  return [quantile(meds, 0.025), quantile(meds, 0.975)];
}

export const errorPct = (predicted: number, measured: number) => ((predicted - measured) / measured) * 100;

/**
 * Model prediction plus the measured host floor, so both sides of the comparison include the same machine. The
 * floor's work up to the first byte (handshake arithmetic, request handling) is serial with the network and adds
 * in full. Its work on the body (hostTransferMs) is the sender's (nginx encrypting and copying into the socket)
 * and the receiver's (curl decrypting): the sender's half runs ahead of the window while the network waits for
 * acknowledgements, the receiver's half follows the last segment. The split is an assumption — AES-GCM costs
 * the same both ways and each side copies the body once — not a fitted figure. At 0 ms RTT this is the floor.
 */
export function withHost(p: Prediction, hostMs: number, hostTransferMs: number): Prediction {
  const ttfbMs = p.ttfbMs + hostMs - hostTransferMs;
  const networkMs = p.totalMs - p.ttfbMs;
  return { ...p, ttfbMs, totalMs: ttfbMs + Math.max(networkMs + hostTransferMs / 2, hostTransferMs) };
}

export function buildRows(results: LabResults, textbook: TransferRule, fitted: TransferRule): Row[] {
  const floors = new Map(results.floors.map((f) => [f.config.id, f]));
  return results.measurements.map(({ config, samples, loadAverage, loadRange, parallel, rttRejected, bridge }) => {
    const floor = floors.get(floorConfig(config).id);
    const hostMs = floor ? median(floor.samples.map((s) => s.totalMs)) - predict(floor.config, textbook).totalMs : 0;
    const hostTransferMs = floor
      ? Math.max(0, median(floor.samples.map((s) => s.totalMs)) - median(floor.samples.map((s) => s.ttfbMs)))
      : 0;
    const pick = (f: (s: (typeof samples)[number]) => number) => median(samples.map(f));
    const totals = samples.map((s) => s.totalMs);
    const sorted = [...totals].sort((a, b) => a - b);
    const [medianCiLowMs, medianCiHighMs] = medianInterval(totals);
    const measured = {
      connectMs: pick((s) => s.connectMs),
      appconnectMs: pick((s) => s.appconnectMs),
      ttfbMs: pick((s) => s.ttfbMs),
      totalMs: median(totals),
      minTotalMs: Math.min(...totals),
      maxTotalMs: Math.max(...totals),
      p25TotalMs: quantile(sorted, 0.25),
      p75TotalMs: quantile(sorted, 0.75),
      medianCiLowMs,
      medianCiHighMs,
      n: samples.length,
      totalsMs: totals,
    };
    const t = withHost(predict(config, textbook), hostMs, hostTransferMs);
    const f = withHost(predict(config, fitted), hostMs, hostTransferMs);
    const w = withHost(wiredPrediction(config), hostMs, hostTransferMs);
    return {
      config,
      hostMs,
      hostTransferMs,
      measured,
      load1: loadAverage?.[0],
      loadRange,
      parallel,
      rttRejected,
      bridge,
      textbook: t,
      wired: w,
      fitted: f,
      textbookErrorPct: errorPct(t.totalMs, measured.totalMs),
      wiredErrorPct: errorPct(w.totalMs, measured.totalMs),
      fittedErrorPct: errorPct(f.totalMs, measured.totalMs),
    };
  });
}

export type Summary = {
  count: number;
  maxAbsErrorPct: number;
  meanAbsErrorPct: number;
  within10: number;
  worst: Row[];
};

export function summarize(rows: Row[], which: Rule, worstCount = 5): Summary {
  const err = (r: Row) => Math.abs(errorOf(r, which));
  const errors = rows.map(err);
  return {
    count: rows.length,
    maxAbsErrorPct: errors.length ? Math.max(...errors) : 0,
    meanAbsErrorPct: errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : 0,
    within10: errors.filter((e) => e <= 10).length,
    worst: [...rows].sort((a, b) => err(b) - err(a)).slice(0, worstCount),
  };
}

const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtPct = (p: number) => `${p > 0 ? "+" : p < 0 ? "−" : ""}${Math.abs(p).toFixed(1)} %`;

function sizeText(bytes: number): string {
  return bytes >= 1_000_000 ? `${bytes / 1_000_000} MB` : `${bytes / 1_000} kB`;
}

/** One line describing a configuration in words (for the summary and the chart's labels). */
export function describe(c: LabConfig): string {
  const loss = c.lossRate > 0 ? `, ${+(c.lossRate * 100).toFixed(2)} % ${c.lossPattern} loss` : "";
  const svc = c.serviceMs > 0 ? `, ${c.serviceMs} ms origin` : "";
  // A bottleneck row names its rate: the same configuration runs behind 10, 20 and 50 Mbit/s.
  const rate = c.rateMbps !== undefined ? `, behind ${c.rateMbps} Mbit/s` : "";
  return `${c.cc.toUpperCase()}, RTT ${c.rttMs} ms${loss}${rate}, TLS ${c.tls}, HTTP/${c.http}, ${c.connection === "new" ? "new connection" : "kept alive"}, ${sizeText(c.bytes)}${svc}`;
}

/** The markdown table: one row per configuration, times in ms, errors of the last-byte time. */
export function renderTable(rows: Row[]): string {
  const head = [
    "| CC | RTT | Loss | TLS | HTTP | Connection | Response | Origin | Host floor | Load | n | Measured TTFB | Measured last byte (min–max) | Middle half | Median's 95 % interval | Textbook | Error | Wired | Error | Fitted | Error |",
    "| --- | --: | --: | --- | --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |",
  ];
  const lines = rows.map((r) => {
    const c = r.config;
    return [
      c.cc.toUpperCase(),
      `${c.rttMs} ms`,
      c.lossRate > 0 ? `${+(c.lossRate * 100).toFixed(2)} % ${c.lossPattern}` : "0 %",
      c.tls,
      c.http === "2" ? "h2" : "1.1",
      c.connection === "new" ? "new" : "kept alive",
      sizeText(c.bytes),
      `${c.serviceMs} ms`,
      `${fmtMs(r.hostMs)} ms`,
      r.load1 === undefined ? "–" : r.load1.toFixed(1),
      String(r.measured.n),
      `${fmtMs(r.measured.ttfbMs)} ms`,
      `${fmtMs(r.measured.totalMs)} ms (${fmtMs(r.measured.minTotalMs)}–${fmtMs(r.measured.maxTotalMs)})`,
      `${fmtMs(r.measured.p25TotalMs)}–${fmtMs(r.measured.p75TotalMs)} ms`,
      `${fmtMs(r.measured.medianCiLowMs)}–${fmtMs(r.measured.medianCiHighMs)} ms`,
      `${fmtMs(r.textbook.totalMs)} ms`,
      fmtPct(r.textbookErrorPct),
      `${fmtMs(r.wired.totalMs)} ms`,
      fmtPct(r.wiredErrorPct),
      `${fmtMs(r.fitted.totalMs)} ms`,
      fmtPct(r.fittedErrorPct),
    ].join(" | ");
  });
  return [...head, ...lines.map((l) => `| ${l} |`)].join("\n");
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A log–log scatter of predicted against measured last-byte time, textbook (hollow) and fitted (filled) rules,
 * with the y = x line and the ±10 % band. Self-contained SVG with a title and description for screen readers.
 */
export function renderChart(
  rows: Row[],
  summaries: { textbook: Summary; fitted: Summary },
  modelVersion = "current",
): string {
  const W = 720;
  const H = 560;
  const m = { l: 80, r: 24, t: 56, b: 64 };
  const all = rows.flatMap((r) => [r.measured.totalMs, r.textbook.totalMs, r.fitted.totalMs]).filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.max(1, Math.min(...all))));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...all)));
  const x = (v: number) =>
    m.l + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (W - m.l - m.r);
  const y = (v: number) =>
    H - m.b - ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (H - m.t - m.b);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="t d" font-family="system-ui, sans-serif" font-size="12">`,
  );
  parts.push(`<title id="t">Calibration: predicted vs measured time to the last byte</title>`);
  parts.push(
    `<desc id="d">${rows.length} configurations; errors over all of them. Textbook rule: mean error ${summaries.textbook.meanAbsErrorPct.toFixed(1)} %, max ${summaries.textbook.maxAbsErrorPct.toFixed(1)} %. Evaluator: mean error ${summaries.fitted.meanAbsErrorPct.toFixed(1)} %, max ${summaries.fitted.maxAbsErrorPct.toFixed(1)} %. Points on the diagonal are exact; the shaded band is ±10 %.</desc>`,
  );
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  const band = [lo, hi];
  parts.push(
    `<polygon points="${band.map((v) => `${x(v)},${y(v * 1.1)}`).join(" ")} ${[...band]
      .reverse()
      .map((v) => `${x(v)},${y(v * 0.9)}`)
      .join(" ")}" fill="#dbeafe"/>`,
  );
  for (let d = lo; d <= hi; d *= 10) {
    parts.push(`<line x1="${x(d)}" y1="${m.t}" x2="${x(d)}" y2="${H - m.b}" stroke="#e5e7eb"/>`);
    parts.push(`<line x1="${m.l}" y1="${y(d)}" x2="${W - m.r}" y2="${y(d)}" stroke="#e5e7eb"/>`);
    const label = d >= 1000 ? `${d / 1000} s` : `${d} ms`;
    parts.push(`<text x="${x(d)}" y="${H - m.b + 18}" text-anchor="middle" fill="#374151">${label}</text>`);
    parts.push(`<text x="${m.l - 8}" y="${y(d) + 4}" text-anchor="end" fill="#374151">${label}</text>`);
  }
  parts.push(`<line x1="${x(lo)}" y1="${y(lo)}" x2="${x(hi)}" y2="${y(hi)}" stroke="#1e3a8a" stroke-dasharray="4 3"/>`);
  for (const r of rows) {
    const mx = x(r.measured.totalMs);
    const label = esc(describe(r.config));
    parts.push(
      `<circle class="point" cx="${mx.toFixed(1)}" cy="${y(r.textbook.totalMs).toFixed(1)}" r="4" fill="none" stroke="#b45309" stroke-width="1.5"><title>${label}: textbook ${fmtPct(r.textbookErrorPct)}</title></circle>`,
    );
    parts.push(
      `<circle class="point" cx="${mx.toFixed(1)}" cy="${y(r.fitted.totalMs).toFixed(1)}" r="3.5" fill="#1d4ed8"><title>${label}: evaluator ${fmtPct(r.fittedErrorPct)}</title></circle>`,
    );
  }
  parts.push(
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="15" font-weight="600" fill="#111827">Predicted vs measured time to the last byte</text>`,
  );
  parts.push(
    `<text x="${(m.l + W - m.r) / 2}" y="${H - 20}" text-anchor="middle" fill="#111827">Measured (median of the repetitions, log scale)</text>`,
  );
  parts.push(
    `<text transform="translate(20 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle" fill="#111827">Predicted (log scale)</text>`,
  );
  const lx = m.l + 12;
  parts.push(
    `<circle cx="${lx}" cy="${m.t + 12}" r="4" fill="none" stroke="#b45309" stroke-width="1.5"/><text x="${lx + 10}" y="${m.t + 16}" fill="#111827">Textbook rule (model 1.x), all rows: mean ${summaries.textbook.meanAbsErrorPct.toFixed(1)} %, max ${summaries.textbook.maxAbsErrorPct.toFixed(1)} %</text>`,
  );
  parts.push(
    `<circle cx="${lx}" cy="${m.t + 30}" r="3.5" fill="#1d4ed8"/><text x="${lx + 10}" y="${m.t + 34}" fill="#111827">Evaluator (model ${esc(modelVersion)}, transfer-fit.ts), all rows: mean ${summaries.fitted.meanAbsErrorPct.toFixed(1)} %, max ${summaries.fitted.maxAbsErrorPct.toFixed(1)} %</text>`,
  );
  parts.push(
    `<rect x="${lx - 6}" y="${m.t + 42}" width="12" height="8" fill="#dbeafe"/><text x="${lx + 10}" y="${m.t + 50}" fill="#111827">±10 % of the measurement</text>`,
  );
  parts.push(`</svg>`);
  return `${parts.join("\n")}\n`;
}
