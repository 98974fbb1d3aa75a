import { serializationMs, transferExtraRtts } from "../../lib/core/evaluator/transfer-fit";
import { comparedRow, errorSummary, ms, pct, perConfiguration, servedPrediction, size } from "./bbr-kept-alive";
import { wiredPrediction } from "./predict";
import type { LabResults } from "./results";

// Responses behind a bottleneck (npm run calibrate -- --matrix bottleneck), measured against the evaluator: model 2.10.0
// climbs the window to the bottleneck's bandwidth-delay product and sends the rest at its rate (transfer-fit.ts
// bottleneckTransferMs); model 2.9.0 took the larger of the rounds and bytes × 8 / rate. Pure functions of recorded
// results, so a unit test checks them on the committed run.

type Measurement = LabResults["measurements"][number];

/** A row: what it measured, model 2.9.0 (before: the larger of the rounds and the body's serialization) and the evaluator
 * as wired now (after), host floor included, and their errors on the last byte. */
export type BottleneckRow = ReturnType<typeof comparedRow>;

/** Model 2.9.0's transfer after the first byte (ms): the loss-free rounds, or the body's serialization if longer. */
function model29TransferMs(c: Measurement["config"]): number {
  const rounds = transferExtraRtts({
    responseBytes: c.bytes,
    connection: c.connection,
    congestionControl: c.cc,
    rttMs: c.rttMs,
  });
  return Math.max(rounds * c.rttMs, serializationMs(c.bytes, c.rateMbps));
}

/** One row per configuration of a bottleneck run. */
export function bottleneckRows(results: LabResults): BottleneckRow[] {
  return perConfiguration(results, (m, row) => {
    const c = m.config;
    const now = servedPrediction(c);
    // Only the transfer after the first byte changed (handshakes, request and first byte are as in 2.9.0). The last
    // byte does not wait for the first record: it follows the first byte of records that fit a round.
    const old = { ...now, totalMs: wiredPrediction(c).ttfbMs + model29TransferMs(c) };
    return comparedRow(m, row, old, now);
  });
}

/** Max and mean absolute error (%) and the rows within 10 %, of one model over some rows. */
export function bottleneckSummary(rows: BottleneckRow[], which: "before" | "after") {
  return errorSummary(rows.map((r) => r[`${which}ErrorPct`]));
}

/**
 * The report's section on responses behind a bottleneck (docs/calibration.md), from the bottleneck run: per
 * configuration the bridge's RTT as measured, the medians, and model 2.9 against model 2.10.
 */
export function bottleneckSection(results: LabResults): string {
  const rows = bottleneckRows(results);
  const line = (r: BottleneckRow) =>
    `| ${r.config.cc === "bbr" ? "BBR" : "CUBIC"} | ${r.config.connection === "new" ? "new" : "kept alive"} | ${r.config.rttMs} ms (${r.baseRttMs.toFixed(1)}) | ${r.config.rateMbps} Mbit/s | ${size(r.config.bytes)} | ${r.n} | ${ms(r.measured.totalMs)} (${ms(r.measured.minTotalMs)}–${ms(r.measured.maxTotalMs)}) | ${ms(r.before.totalMs)} (${pct(r.beforeErrorPct)}) | ${ms(r.after.totalMs)} (${pct(r.afterErrorPct)}) |`;
  const say = (label: string, rs: BottleneckRow[]) => {
    const cell = (x: ReturnType<typeof bottleneckSummary>) =>
      `${x.maxAbsErrorPct.toFixed(1)} %, mean ${x.meanAbsErrorPct.toFixed(1)} %, ${x.within10} of ${x.count} within 10 %`;
    return `| ${label} | ${cell(bottleneckSummary(rs, "before"))} | ${cell(bottleneckSummary(rs, "after"))} |`;
  };
  const load = rows.map((r) => r.load1 ?? 0);
  const kaMisses = rows.filter((r) => r.config.connection === "kept-alive" && Math.abs(r.afterErrorPct) > 10);
  const is = (cc: string, connection: string) => (r: BottleneckRow) =>
    r.config.cc === cc && r.config.connection === connection;
  return `## Responses behind a bottleneck (model 2.10.0)

A separate run (\`npm run calibrate -- --matrix bottleneck --out docs/calibration-bottleneck.json\`,
[results](calibration-bottleneck.json), ${results.repetitions} repetitions, 1-minute load ${results.machine.loadAverageStart[0]?.toFixed(0)} at the start and
${results.machine.loadAverageEnd[0]?.toFixed(0)} at the end, ${Math.min(...load).toFixed(0)}–${Math.max(...load).toFixed(0)} as the groups ended) limited the bridge to 10 and 50 Mbit/s each
way (and 20 Mbit/s at 40 ms; bridge.c serialises each IP packet at the rate behind the ones queued before it, in a FIFO
of 8,192 packets, so nothing overflowed), CUBIC and BBR, new connections and the second of two identical requests on a
kept-alive one, TLS 1.3 and HTTP/2, no loss, 100 kB–1 MB (3 MB behind 50 Mbit/s). The RTT column gives the configured RTT
and, in brackets, the median TCP handshake of the connection's first request (repetitions more than 5 % off were
redone). Times are ms from the measured request's start to its last byte, medians with the range; the models include
the host floor as the BBR kept-alive section does (new connections as in the main table, kept-alive ones as the larger
of the network's time after the first byte and the floor's: the link spreads the response). Model 2.9 takes the larger
of the loss-free rounds and the body's bytes × 8 / rate; model 2.10 climbs the window to the bottleneck's
bandwidth-delay product round by round and serialises the rest at the rate, IP and TCP headers included
(bottleneckTransferMs in [transfer-fit.ts](../lib/core/evaluator/transfer-fit.ts)):

| CC | Connection | RTT (measured) | Bottleneck | Response | n | Last byte measured (range) | Model 2.9 (error) | Model 2.10 (error) |
| --- | --- | --- | --- | --: | --: | --: | --: | --: |
${rows.map(line).join("\n")}

| Rows | Model 2.9 | Model 2.10 |
| --- | --- | --- |
${say("CUBIC, new", rows.filter(is("cubic", "new")))}
${say("BBR, new", rows.filter(is("bbr", "new")))}
${say("CUBIC, kept alive", rows.filter(is("cubic", "kept-alive")))}
${say("BBR, kept alive", rows.filter(is("bbr", "kept-alive")))}
${say("Every row", rows)}

A new connection behind the bottleneck spends its first rounds climbing: slow start (CUBIC) and STARTUP (BBR) double the
window each round, and while a window takes less time on the link than an RTT the link idles for the rest of the round;
from the first window at or above the bandwidth-delay product the link stays busy and the rest of the response follows at
the rate. Model 2.9 charged either the rounds or the serialization, never the climb and the rest: up to 20 % short (3 MB
at 40 ms behind 50 Mbit/s: 760 ms measured, 609 ms), and short on every row it missed. CUBIC and BBR measured alike on new
connections (within 3.3 % of each other but one row: 300 kB at 100 ms behind 50 Mbit/s, BBR 6.6 % slower, its 0.4 RTT
of paced start-up). A kept-alive connection starts with the window its previous response
grew, so the link is busy from its first round and the response takes its packets × 1,500 bytes × 8 / rate; CUBIC's
first kept-alive round after a 100 kB response is 66 segments, after which the rest waits an RTT (measured on the
unlimited path, docs/model.md section 29; 44 before model 2.13), and after 300 kB or more it carried about twice the previous response's largest round. ${
    kaMisses.length === 0
      ? "Every kept-alive row is within 10 %."
      : `${kaMisses.length === 1 ? "One kept-alive row misses" : `${kaMisses.length} kept-alive rows miss`}: ${kaMisses
          .map((r) => {
            const samples = results.measurements.find((m) => m.config.id === r.config.id)?.samples ?? [];
            const fast = samples.filter((x) => x.totalMs < r.after.totalMs - 0.1 * r.config.rttMs).length;
            return `${r.config.cc === "bbr" ? "BBR" : "CUBIC"} at ${r.config.rttMs} ms behind ${r.config.rateMbps} Mbit/s, ${size(r.config.bytes)} (${ms(r.measured.totalMs)} measured, ${ms(r.after.totalMs)} model; ${fast} of ${r.n} more than a tenth of an RTT faster than the model)`;
          })
          .join("; ")}. Their second response left in one round, the whole of it serialised at the bottleneck, where the
model has 66 segments then the rest an RTT later. Traced on the earlier method's run (model.md section 26): the server's
send buffer decides, which Linux's \`tcp_sndbuf_expand\` sizes to 2 × cwnd × 2,304 bytes at its last expansion during
the previous response, by the timing of acknowledgements; with nginx's send buffer fixed at 256 KiB, 11 of 11 took one
round. With the client's receive buffer raised the one-round outcome became the common one behind a bottleneck, while
on the unlimited path at 40 ms or more the two rounds stayed (docs/model.md section 28); the model has no rule for it.`
  } Model 2.9 counted the body's bytes only; with the IP and TCP headers the link carries 3.6 % more, which
the kept-alive rows that the link decides show (2.9: −2 to −4 %).`;
}
