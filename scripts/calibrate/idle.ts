import { MODEL_VERSION } from "../../lib/core/evaluator/index";
import { H2_LATE_FIRST_RECORD_SHARE } from "../../lib/core/evaluator/transfer-fit";
import { floorConfig } from "./configs";
import { median } from "./curl-output";
import { fittedTransferMs, textbookTransferMs, wiredPrediction } from "./predict";
import { buildRows, withHost } from "./report";
import type { LabResults } from "./results";
import { lateFirstByte } from "./ttfb";

// Kept-alive connections left idle between requests (npm run calibrate -- --matrix idle), measured against the
// evaluator: model 2.8.0 restarts slow start after a gap past the sender's retransmission timeout (transfer-fit.ts
// idleRestartWindow), model 2.7.0 kept the grown window whatever the gap. Pure functions of recorded results, so a
// unit test checks them on the committed run.

type Measurement = LabResults["measurements"][number];

/** nginx's default TLS record size, which the idle run used (no --ssl-buffer-size). */
const NGINX_RECORD_BYTES = 16_384;

export type IdleRow = {
  config: Measurement["config"];
  n: number;
  /** The client's real gaps (ms): median, lowest, highest. */
  gapMs: { median: number; min: number; max: number };
  /** The bridge's RTT as the prior transfer's TCP handshake measured it (ms, median), less the hosts' own connect time
   * (the floor's median; the paced client's is ~10 ms, curl's ~0.5 ms). */
  baseRttMs: number;
  /** Repetitions whose first byte came a round late (a first TLS record past the restarted window). */
  late: number;
  measured: { ttfbMs: number; totalMs: number };
  /** The evaluator with the run's host floor (withHost): model 2.7 ignores the gap; model 2.8 takes each repetition's
   * gap (the figure is the median over the repetitions). */
  before: { ttfbMs: number; totalMs: number };
  after: { ttfbMs: number; totalMs: number };
};

/** One repetition of an idle row against both models (ms from the measured request's start, host floor included). */
export type IdleRepetition = { config: Measurement["config"]; gapMs: number; measuredTotalMs: number; beforeMs: number; afterMs: number };

/** Every kept-alive configuration of an idle run (the back-to-back rows included, as the baseline), with its repetitions. */
function idleMeasurements(results: LabResults) {
  const rows = buildRows(results, textbookTransferMs, fittedTransferMs);
  return results.measurements.flatMap((m: Measurement, i) => {
    const c = m.config;
    const row = rows[i];
    if (c.connection !== "kept-alive" || c.idleMs === undefined || !row) return [];
    const host = (config: Measurement["config"], idleMs?: number) =>
      withHost(wiredPrediction(config, NGINX_RECORD_BYTES, idleMs), row.hostMs, row.hostTransferMs);
    // Model 2.7.0 ignored the gap: the same configuration without one.
    const before = host({ ...c, idleMs: undefined });
    const predicted = m.samples.map((s) => host(c, s.gapMs ?? 0));
    return [{ m, before, predicted }];
  });
}

/** Each repetition of an idle run against the models given its own gap. */
export function idleRepetitions(results: LabResults): IdleRepetition[] {
  return idleMeasurements(results).flatMap(({ m, before, predicted }) =>
    m.samples.map((s, k) => ({
      config: m.config,
      gapMs: s.gapMs ?? 0,
      measuredTotalMs: s.totalMs,
      beforeMs: before.totalMs,
      afterMs: (predicted[k] as (typeof predicted)[number]).totalMs,
    })),
  );
}

/**
 * A row compared repetition by repetition: the median of each repetition's error against the model given its own gap
 * (%), and how many repetitions are within 10 %, for the model now (`after`) and model 2.7 (`before`). Where the gaps
 * straddle a halving, the table's median of the predictions and median of the measurements can come from different
 * repetitions; this pairs them.
 */
export function idlePairedErrors(results: LabResults, id: string) {
  const reps = idleRepetitions(results).filter((x) => x.config.id === id);
  const errs = (pick: (x: IdleRepetition) => number) =>
    reps.map((x) => ((pick(x) - x.measuredTotalMs) / x.measuredTotalMs) * 100);
  const summary = (e: number[]) => ({ medianPct: median(e), within10: e.filter((x) => Math.abs(x) <= 10).length });
  return { n: reps.length, after: summary(errs((x) => x.afterMs)), before: summary(errs((x) => x.beforeMs)) };
}

/** The hosts' own connect time for a configuration (ms): its floor's median first handshake, as the lab's probe takes it. */
function hostConnectMs(results: LabResults, c: Measurement["config"]): number {
  const floor = results.floors.find((f) => f.config.id === floorConfig(c).id);
  return floor && floor.samples.length > 0 ? median(floor.samples.map((s) => s.priorConnectMs ?? s.connectMs)) : 0;
}

/** One row per kept-alive configuration of an idle run. */
export function idleRows(results: LabResults): IdleRow[] {
  return idleMeasurements(results).map(({ m, before, predicted }) => {
    const gaps = m.samples.map((s) => s.gapMs ?? 0);
    return {
      config: m.config,
      n: m.samples.length,
      gapMs: { median: median(gaps), min: Math.min(...gaps), max: Math.max(...gaps) },
      baseRttMs: median(m.samples.map((s) => s.priorConnectMs ?? 0)) - hostConnectMs(results, m.config),
      late: m.samples.filter((s) => lateFirstByte(m.config, s)).length,
      measured: { ttfbMs: median(m.samples.map((s) => s.ttfbMs)), totalMs: median(m.samples.map((s) => s.totalMs)) },
      before: { ttfbMs: before.ttfbMs, totalMs: before.totalMs },
      after: { ttfbMs: median(predicted.map((p) => p.ttfbMs)), totalMs: median(predicted.map((p) => p.totalMs)) },
    };
  });
}

/**
 * The report's section on idle kept-alive connections (docs/calibration.md), from the idle run: per configuration the
 * gaps the client really left, the bridge's RTT as measured, the late first bytes and the medians against both models.
 */
export function idleSection(results: LabResults, curlRate?: LabResults): string {
  const rows = idleRows(results);
  // The earlier run, whose client was curl --rate (gaps 287–593 ms for 400): its measured median beside the new one.
  const old = new Map((curlRate ? idleRows(curlRate) : []).map((r) => [r.config.id, r]));
  const oldCell = (r: IdleRow) => {
    const o = old.get(r.config.id);
    return o ? `${ms(o.measured.totalMs)} (${ms(o.gapMs.min)}–${ms(o.gapMs.max)})` : "–";
  };
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const err = (x: number, m: number) => `${x >= m ? "+" : "−"}${Math.abs(((x - m) / m) * 100).toFixed(1)} %`;
  const line = (r: IdleRow) =>
    `| ${r.config.cc.toUpperCase()} | ${r.config.rttMs} ms (${r.baseRttMs.toFixed(1)}) | ${r.config.bytes >= 1_000_000 ? "1 MB" : `${r.config.bytes / 1000} kB`} | ${ms(r.gapMs.median)} (${ms(r.gapMs.min)}–${ms(r.gapMs.max)}) | ${r.late} of ${r.n} | ${ms(r.measured.ttfbMs)} | ${ms(r.after.ttfbMs)} | ${ms(r.measured.totalMs)} | ${ms(r.before.totalMs)} (${err(r.before.totalMs, r.measured.totalMs)}) | ${ms(r.after.totalMs)} (${err(r.after.totalMs, r.measured.totalMs)}) | ${oldCell(r)} |`;
  const cubic = rows.filter((r) => r.config.cc === "cubic");
  const within = (pick: (r: IdleRow) => number) =>
    cubic.filter((r) => Math.abs(pick(r) - r.measured.totalMs) <= 0.1 * r.measured.totalMs).length;
  const straddleId = "cubic-rtt40-loss0-tls1.3-h2-ka-1MB-idle400";
  const straddle = idlePairedErrors(results, straddleId);
  const oldStraddle = curlRate ? idlePairedErrors(curlRate, straddleId) : undefined;
  const oldRow = old.get(straddleId);
  const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(1)} %`;
  return `## Kept-alive connections left idle (model 2.8.0)

Linux restarts slow start on a connection whose sender has sent nothing for longer than its retransmission timeout
(\`net.ipv4.tcp_slow_start_after_idle\` = 1, the default; RFC 5681 §4.1, RFC 2861): \`tcp_cwnd_restart\` halves the
window once per timeout elapsed past the first, down to the initial window. The timeout is SRTT + RTTVAR with RTTVAR
floored at 200 ms, and the server's idle time is the client's gap plus one RTT, so a client pausing past about 200 ms
restarts it. A separate run (\`npm run calibrate -- --matrix idle --out docs/calibration-idle.json\`,
[results](calibration-idle.json), ${results.repetitions} repetitions, 1-minute load ${results.machine.loadAverageStart[0]?.toFixed(0)} at the start and
${results.machine.loadAverageEnd[0]?.toFixed(0)} at the end) sent two identical requests on one connection (TLS 1.3, HTTP/2, nginx's
16 KiB records), the client waiting the gap between them. The client is
[paced-client.mjs](../scripts/calibrate/paced-client.mjs) (Node's HTTP/2 over TLS 1.3, curl's 32 MiB flow-control
windows): it starts the wait at the first response's last byte and sends the second request when the gap has passed (a
timer, then a spin for the last 1 % of the wait, at least 2 ms), and records the gap it really left; the client
namespace's receive buffer is raised as in the published run (the earlier method's run is kept in
[calibration-kernel-rmem/](calibration-kernel-rmem/calibration-idle.json)). An earlier run used curl's \`--rate\`, which
spaces transfer starts by a period fixed before the repetition, so its gap was that period less the first transfer's own
time: 287–593 ms for a 400 ms target, straddling the second halving at 40 ms, and a median over repetitions on both
sides of it mixed one- and two-round transfers (its figures are in the last column,
[its results](calibration-idle-curl-rate.json)). The host floor (the 0 ms rows) is measured with the same client. The RTT column
gives the configured RTT and, in brackets, the median TCP handshake of the connection's first request less the hosts' own
(the floor's), which probes the bridge (repetitions more than
5 % off were redone, as in the published run). Times are ms from the measured request's start; the models include the
host floor. The models are the current one (${MODEL_VERSION}): "back to back" ignores the gap, as model 2.7 timed every
kept-alive request (on the CUBIC rows model 2.7's figure), and "each gap" is the median over the repetitions of the
model given each one's gap (model 2.8's idle rule; on the BBR rows model 2.9's paced rule, next section):

| Congestion control | RTT (measured) | Response | Gap: median (range) | First byte late | TTFB measured | TTFB model | Last byte measured | Model, back to back (error) | Model, each gap (error) | Last byte, curl --rate run (its gaps) |
| --- | --- | --- | --: | --: | --: | --: | --: | --: | --: | --: |
${rows.map(line).join("\n")}

CUBIC: ${within((r) => r.after.totalMs)} of ${cubic.length} rows within 10 % with the idle rule, ${within((r) => r.before.totalMs)} of ${cubic.length} without
(model 2.7 timed every kept-alive request as back to back). The CUBIC 100 kB rows whose gap stays under the timeout sit
on the send buffer's knife edge (docs/model.md section 29: after a 100 kB response the buffer holds 66 of its segments,
the model's first round, or all of them): with this client the whole second response left in one round in every
repetition, where curl's took two rounds at 40 ms and more, so those rows are a round faster than the model. After 3 s the 1 MB response needs six rounds after its
first, as a new connection's slow start does (model 2.7: one), and the 100 kB one two. After 400 ms the sender has been idle for the gap
plus an RTT, past one RTO (SRTT + 200 ms) and short of two at both RTTs, so the window is halved once, not collapsed,
and a response that fits the halved window and its double takes the same rounds as back to back. Paired repetition by
repetition (each against the model given its own gap), the 1 MB row at 40 ms has a median error of ${signed(straddle.after.medianPct)} with ${straddle.after.within10} of ${straddle.n}
repetitions within 10 %${oldStraddle ? `. In the curl \`--rate\` run its gaps were ${oldRow ? `${ms(oldRow.gapMs.min)}–${ms(oldRow.gapMs.max)}` : "spread"}, straddling the second halving
(40 + 400 ms against 2 × (SRTT + 200 ms)): the repetitions past it were halved twice and took a round more, as the model given
their gap says, and the median of the measurements (${oldRow ? ms(oldRow.measured.totalMs) : "–"}) sat on that mode while the median of the gaps
predicted the other (${oldRow ? err(oldRow.after.totalMs, oldRow.measured.totalMs) : "–"}). Paired, that run's row was ${signed(oldStraddle.after.medianPct)} with ${oldStraddle.after.within10} of ${oldStraddle.n} within 10 %; the
three outside were slow ones (a first byte a round late; one and two rounds more than the gap says) on a machine at
load 13–25, where the held-gap run (load 1–5) had none` : ""}. A restarted window is the initial one again, so a 16 KiB first record is late as on a new
connection, and on a kept-alive connection nginx writes the HTTP/2 HEADERS frame into that record every time (late in
every 3 s repetition), so the model charges a whole round there rather than the new connection's ${H2_LATE_FIRST_RECORD_SHARE}.

BBR is exempt: a congestion control that sets its own window (\`cong_control\`) skips the check, and the lab's BBR rows
do not move with the gap. Their transfers end about 0.6–0.7 RTT after the first byte at every gap and both sizes,
where models 2.7 and 2.8 (a kept-alive round plus BBR's 0.4 RTT of paced start-up) said 1.4 RTT: 97–102 ms at 40 ms
and 241–246 ms at 100 ms (+43–50 %). Model 2.9 paces a kept-alive BBR response over ln 2 RTT (next section), the
figures the table shows for the BBR rows.`;
}
