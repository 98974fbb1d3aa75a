import { MODEL_VERSION } from "../../lib/core/evaluator/defaults";
import { BBR_PACING_EXTRA_RTTS, serializationMs, transferExtraRtts } from "../../lib/core/evaluator/transfer-fit";
import { median } from "./curl-output";
import { fittedTransferMs, textbookTransferMs, wiredPrediction, type Prediction } from "./predict";
import { buildRows, errorPct, withHost, type Row } from "./report";
import type { LabResults } from "./results";

// BBR on kept-alive connections (npm run calibrate -- --matrix bbr-kept-alive), measured against the evaluator: model
// 2.9.0 paces a kept-alive BBR response over ln 2 RTT (transfer-fit.ts BBR_KEPT_ALIVE_PACED_RTTS); model 2.8.0 gave it
// CUBIC's kept-alive rounds plus BBR_PACING_EXTRA_RTTS. Pure functions of recorded results, so a unit test checks them
// on the committed run.

type Measurement = LabResults["measurements"][number];

/** nginx's default TLS record size, which the run used (no --ssl-buffer-size). */
const NGINX_RECORD_BYTES = 16_384;

export type BbrKeptAliveRow = {
  config: Measurement["config"];
  n: number;
  /** The bridge's RTT as the connection's first TCP handshake measured it (ms, median; host connect time included). */
  baseRttMs: number;
  measured: { ttfbMs: number; totalMs: number; minTotalMs: number; maxTotalMs: number };
  /** Model 2.8.0 (CUBIC's kept-alive rounds + 0.4 RTT) and the evaluator as wired now, host floor included. */
  before: Prediction;
  after: Prediction;
  beforeErrorPct: number;
  afterErrorPct: number;
  /** Model 2.9.0 with the host floor added as the main table adds it (withHost: half the floor's body on top). */
  afterHalfHost: Prediction;
  afterHalfHostErrorPct: number;
  /** The 1-minute load average as the row's group ended. */
  load1?: number;
};

/**
 * The host floor on a paced transfer: the hosts encrypt, copy and decrypt while BBR spreads the segments over its
 * pacing time, so only what the network does not hide shows: the larger of the network's time after the first byte and
 * the floor's. The main table's withHost puts half the floor's body on top, right for CUBIC's bursts (each window
 * arrives at once and is decrypted after it arrives); on these rows it overstates 1 MB at 10 ms, the row where the
 * floor's body (6–7 ms) is as long as the pacing (6.9 ms): +8.4 % in the recorded run against −1.2 %, and +17.2 %
 * against −1.9 % in a first run of the matrix (not kept: its kept-alive rows had no RTT probe), whose measured 7.1 ms
 * after the first byte is the larger of 6.9 (ln 2 RTT) and 6.7 (the floor), not 6.9 plus half of 6.7.
 */
export function withPacedHost(p: Prediction, hostMs: number, hostTransferMs: number): Prediction {
  const ttfbMs = p.ttfbMs + hostMs - hostTransferMs;
  return { ...p, ttfbMs, totalMs: ttfbMs + Math.max(p.totalMs - p.ttfbMs, hostTransferMs) };
}

/** Model 2.8.0's transfer after the first byte (ms): the kept-alive CUBIC rounds, +0.4 RTT when there was one. */
function model28TransferMs(c: Measurement["config"]): number {
  const rounds = transferExtraRtts({ responseBytes: c.bytes, connection: c.connection, congestionControl: "cubic" });
  const extra = c.cc === "bbr" && rounds >= 1 ? rounds + BBR_PACING_EXTRA_RTTS : rounds;
  return Math.max(extra * c.rttMs, serializationMs(c.bytes, c.rateMbps));
}

/**
 * One result per configuration of a side run, each given its measurement and its main-table row (host floor, load): the
 * skeleton the side runs' sections share.
 */
export function perConfiguration<T>(results: LabResults, f: (m: Measurement, row: Row) => T): T[] {
  const rows = buildRows(results, textbookTransferMs, fittedTransferMs);
  return results.measurements.map((m, i) => {
    const row = rows[i];
    if (!row) throw new Error(`no row for ${m.config.id}`);
    return f(m, row);
  });
}

/**
 * The evaluator's prediction for a side run's row as the run served it: nginx's default 16 KiB records delay a kept-alive
 * BBR first byte (model 2.9.0 paces it); a new connection's late first record is an expected value (model 2.7.0),
 * compared with means elsewhere, so the new rows get first records that fit.
 */
export function servedPrediction(c: Measurement["config"]): Prediction {
  return wiredPrediction(c, c.connection === "kept-alive" ? NGINX_RECORD_BYTES : undefined);
}

/** How a side run's row adds the host floor: paced (kept-alive responses are spread out) or as the main table does. */
export const sideRunHost = (c: Measurement["config"]) => (c.connection === "kept-alive" ? withPacedHost : withHost);

/** One row per configuration of a BBR kept-alive run (new-connection rows behind the bottleneck included). */
export function bbrKeptAliveRows(results: LabResults): BbrKeptAliveRow[] {
  return perConfiguration(results, (m, row) => {
    const c = m.config;
    const now = servedPrediction(c);
    // Only the transfer after the first byte changed (handshakes, request and first byte are as in 2.9.0).
    const old = c.connection === "kept-alive" ? { ...now, totalMs: now.ttfbMs + model28TransferMs(c) } : now;
    // Kept-alive BBR transfers are paced from first to last segment; new connections keep the main table's rule.
    const base = comparedRow(m, row, old, now);
    const afterHalfHost = withHost(now, row.hostMs, row.hostTransferMs);
    return { ...base, afterHalfHost, afterHalfHostErrorPct: errorPct(afterHalfHost.totalMs, base.measured.totalMs) };
  });
}

/**
 * A side run's row against two models (before, after), each with the host floor added as sideRunHost says: the
 * measured medians, the predictions and their errors on the last byte.
 */
export function comparedRow(m: Measurement, row: Row, old: Prediction, now: Prediction) {
  const host = sideRunHost(m.config);
  const before = host(old, row.hostMs, row.hostTransferMs);
  const after = host(now, row.hostMs, row.hostTransferMs);
  const seen = measuredRow(m, row.load1);
  return {
    ...seen,
    before,
    after,
    beforeErrorPct: errorPct(before.totalMs, seen.measured.totalMs),
    afterErrorPct: errorPct(after.totalMs, seen.measured.totalMs),
  };
}

/**
 * What a side run's row measured: the repetitions, the bridge's RTT as the connection's first TCP handshake saw it
 * (median, host connect time included), the medians and the range of the last byte, and the load as its group ended.
 */
export function measuredRow(m: Measurement, load1: number | undefined) {
  const totals = m.samples.map((s) => s.totalMs);
  return {
    config: m.config,
    n: m.samples.length,
    baseRttMs: median(m.samples.map((s) => s.priorConnectMs ?? s.connectMs)),
    measured: {
      ttfbMs: median(m.samples.map((s) => s.ttfbMs)),
      totalMs: median(totals),
      minTotalMs: Math.min(...totals),
      maxTotalMs: Math.max(...totals),
    },
    ...(load1 !== undefined ? { load1 } : {}),
  };
}

/** Max and mean absolute error (%) and the rows within 10 %, of some relative errors (%). */
export function errorSummary(errorsPct: number[]) {
  const errs = errorsPct.map(Math.abs);
  return {
    count: errs.length,
    maxAbsErrorPct: Math.max(...errs),
    meanAbsErrorPct: errs.reduce((a, b) => a + b, 0) / Math.max(1, errs.length),
    within10: errs.filter((e) => e <= 10).length,
  };
}

/** Max and mean absolute error (%) and the rows within 10 %, of one model over some rows. */
export function bbrKeptAliveSummary(rows: BbrKeptAliveRow[], which: "before" | "after" | "afterHalfHost") {
  return errorSummary(rows.map((r) => r[`${which}ErrorPct`]));
}

/** The evaluator's version as major.minor: the section's "after" columns are the model as wired now (2.9 and later). */
const NOW = MODEL_VERSION.split(".").slice(0, 2).join(".");
/** A report's response size, time and error (the side runs' sections share them). */
export const size = (bytes: number) => (bytes >= 1_000_000 ? `${bytes / 1_000_000} MB` : `${bytes / 1000} kB`);
export const ms = (x: number) => (x < 100 ? `${x.toFixed(1)} ms` : `${x.toFixed(0)} ms`);
export const pct = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(1)} %`;

/**
 * The report's section on BBR's kept-alive connections (docs/calibration.md), from the BBR kept-alive run: per
 * configuration the bridge's RTT as measured, the medians, and model 2.8 against model 2.9.
 */
export function bbrKeptAliveSection(results: LabResults): string {
  const rows = bbrKeptAliveRows(results);
  const line = (r: BbrKeptAliveRow) =>
    `| ${r.config.rttMs} ms (${r.baseRttMs.toFixed(1)}) | ${r.config.tls} | ${r.config.http === "2" ? "h2" : "1.1"} | ${r.config.connection === "new" ? "new" : "kept alive"} | ${r.config.rateMbps !== undefined ? `${r.config.rateMbps} Mbit/s` : "none"} | ${size(r.config.bytes)} | ${r.n} | ${ms(r.measured.ttfbMs)} | ${ms(r.after.ttfbMs)} | ${ms(r.measured.totalMs)} (${ms(r.measured.minTotalMs)}–${ms(r.measured.maxTotalMs)}) | ${ms(r.before.totalMs)} (${pct(r.beforeErrorPct)}) | ${ms(r.after.totalMs)} (${pct(r.afterErrorPct)}) | ${ms(r.afterHalfHost.totalMs)} (${pct(r.afterHalfHostErrorPct)}) |`;
  const unlimited = rows.filter((r) => r.config.rateMbps === undefined);
  const kept = rows.filter((r) => r.config.connection === "kept-alive");
  const say = (label: string, rs: BbrKeptAliveRow[]) => {
    const b = bbrKeptAliveSummary(rs, "before");
    const a = bbrKeptAliveSummary(rs, "after");
    const h = bbrKeptAliveSummary(rs, "afterHalfHost");
    const cell = (x: typeof a) =>
      `${x.maxAbsErrorPct.toFixed(1)} %, mean ${x.meanAbsErrorPct.toFixed(1)} %, ${x.within10} of ${x.count} within 10 %`;
    return `| ${label} | ${cell(b)} | ${cell(a)} | ${cell(h)} |`;
  };
  const load = rows.map((r) => r.load1 ?? 0);
  return `## BBR on kept-alive connections (model 2.9.0)

The published matrix measures BBR on new connections only. A separate run
(\`npm run calibrate -- --matrix bbr-kept-alive --out docs/calibration-bbr-kept-alive.json\`,
[results](calibration-bbr-kept-alive.json), ${results.repetitions} repetitions, 1-minute load ${results.machine.loadAverageStart[0]?.toFixed(0)} at the start and
${results.machine.loadAverageEnd[0]?.toFixed(0)} at the end, ${Math.min(...load).toFixed(0)}–${Math.max(...load).toFixed(0)} as the groups ended) sent two identical requests back to back on one connection, every
RTT and size of the published grid over TLS 1.3 and HTTP/2, HTTP/1.1 over TLS 1.2 at 40 and 200 ms, and, at 40 ms,
the bridge limited to ${rows.find((r) => r.config.rateMbps !== undefined)?.config.rateMbps ?? "–"} Mbit/s each way (bridge.c serialises each packet behind the ones queued before it),
kept alive and new. The RTT column gives the configured RTT and, in brackets, the median TCP handshake of the
connection's first request (repetitions more than 5 % off were redone). Times are ms from the measured request's
start, medians with the range; the model's TTFB is given the run's 16 KiB records on the kept-alive rows (on the new
ones it assumes first records that fit the first round: with them it is an expected value, checked against means in
"Time to first byte for large responses"); the models include the host floor, on the kept-alive rows as the larger of the
network's time after the first byte and the floor's (withPacedHost in
[bbr-kept-alive.ts](../scripts/calibrate/bbr-kept-alive.ts): BBR paces the whole response, and the hosts encrypt, copy
and decrypt while it does), on the new-connection rows as in the main table; the last column adds the floor to the
kept-alive rows as the main table does (half the floor's body on top), the method this section's figures would have
had otherwise:

| RTT (measured) | TLS | HTTP | Connection | Bottleneck | Response | n | TTFB measured | TTFB model ${NOW} | Last byte measured (range) | Model 2.8 (error) | Model ${NOW} (error) | Model ${NOW}, half the floor on top (error) |
| --- | --- | --- | --- | --- | --: | --: | --: | --: | --: | --: | --: | --: |
${rows.map(line).join("\n")}

| Rows | Model 2.8 | Model ${NOW} | Model ${NOW}, half the floor on top |
| --- | --- | --- | --- |
${say("Kept alive, no bottleneck", unlimited.filter((r) => r.config.connection === "kept-alive"))}
${say("Kept alive, every row", kept)}
${say("Every row", rows)}

A kept-alive BBR response of 30 kB–1 MB ends 0.66–0.69 RTT after the request's round at every RTT from 40 ms (0.69–0.72
at 10 ms, where the hosts' own ms weigh most), over HTTP/2 and HTTP/1.1 (its 100 kB rows: 0.79, −6 % for the rule,
not explained): not a round of CUBIC's window plus 0.4 RTT of pacing (model 2.8), but one response paced at BBR's
start-up gain over the bandwidth the previous response showed. Linux's BBR (tcp_bbr.c) is still in STARTUP after a
loss-free response on a path it has not filled, so it paces at bbr_high_gain = 2/ln 2 ≈ 2.89 times its bandwidth
estimate, the delivery rate of the previous response's last round trip, which carried half of it (sending doubles
each round): S segments at 2.89 × S / (2 RTT) take ln 2 ≈ 0.69 RTT whatever S and the RTT, and its window (grown by
every segment acknowledged) does not bind. The bandwidth filter counts rounds, not time, so an idle gap does not
reset it (the idle run: no change up to 3 s). Behind the bottleneck the kept-alive response is serialised at the
bottleneck rate (the evaluator's bandwidth rule, the larger of the paced time and bytes × 8 / rate). The new
connections behind it were the one place model 2.9's bandwidth rule was short (1 MB: −16.1 %): slow start first climbs to
the bottleneck's rate for a few rounds, then the rest is serialised, where 2.9 took the larger of the two; model 2.10
climbs (model.md section 26, "Responses behind a bottleneck" below), and counts the IP and TCP headers on the link. Over a kept-alive connection the first byte
of a 30 kB response is 0.31 RTT late and of a 100 kB one 0.09–0.11 RTT: with 16 KiB records the client reads nothing
until the first record's 12 segments have been paced out, in chunks of at least two segments (bbr_min_tso_segs), so
the chunk holding the 12th leaves 10/S of the pacing time in (model 2.9: 0.33 and 0.10 RTT). Behind the bottleneck the
first record also waits for its serialization (12 segments at 20 Mbit/s: 7 ms), which the model's first byte leaves
out.`;
}
