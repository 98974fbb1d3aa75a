import { median } from "./curl-output";
import { buildRows, withHost } from "./report";
import { fittedTransferMs, textbookTransferMs, wiredHop, wiredPrediction } from "./predict";
import type { LabResults } from "./results";

// Time to first byte of new connections, measured against the evaluator (model 2.7.0): the cold TTFB waits for a
// first TLS record past the initial window when the server's records are that large (transfer-fit.ts
// firstRecordExtraRtts). Pure functions of recorded results, so a unit test checks them on the committed runs.

type Measurement = LabResults["measurements"][number];

/** A first byte a round late: more than 1.5 RTT from the TLS handshake's end (one RTT is the request's own). */
export function lateFirstByte(c: Measurement["config"], s: Measurement["samples"][number]): boolean {
  return s.ttfbMs - s.appconnectMs - c.serviceMs > 1.5 * c.rttMs;
}

export type TtfbRow = {
  config: Measurement["config"];
  /** The nginx ssl_buffer_size the run used (bytes). */
  recordBytes: number;
  n: number;
  /** Repetitions whose first byte came a round late. */
  late: number;
  /** Over the repetitions (ms). The model's TTFB is an expected value, so its figure to compare is the mean. */
  measuredMeanMs: number;
  measuredMedianMs: number;
  /** The evaluator's TTFB with the run's host floor (withHost): as model 2.6 (every first record fits the first
   * round) and as model 2.7 with the node's `tlsRecordBytes` set to the run's record size. */
  beforeMs: number;
  afterMs: number;
};

/**
 * One row per new connection without loss in a run whose nginx wrote `recordBytes`-byte TLS records (16,384 is
 * nginx's default, so the published run; docs/calibration-first-record-4k.json used 4,096). Lossy rows are left out:
 * their lost requests add waits of their own (docs/calibration.md, "Random loss").
 */
export function ttfbRows(results: LabResults, recordBytes: number): TtfbRow[] {
  const rows = buildRows(results, textbookTransferMs, fittedTransferMs);
  const out: TtfbRow[] = [];
  results.measurements.forEach((m, i) => {
    const c = m.config;
    if (c.connection !== "new" || c.lossRate > 0 || c.rttMs === 0) return;
    const row = rows[i];
    if (!row) return;
    const ttfb = m.samples.map((s) => s.ttfbMs);
    const host = (recordSize?: number) => withHost(wiredPrediction(c, recordSize), row.hostMs, row.hostTransferMs).ttfbMs;
    out.push({
      config: c,
      recordBytes,
      n: m.samples.length,
      late: m.samples.filter((s) => lateFirstByte(c, s)).length,
      measuredMeanMs: ttfb.reduce((a, b) => a + b, 0) / ttfb.length,
      measuredMedianMs: median(ttfb),
      beforeMs: host(),
      afterMs: host(recordBytes),
    });
  });
  return out;
}

export type LossyTtfbRow = {
  config: Measurement["config"];
  n: number;
  measuredMeanMs: number;
  /** Standard error of the measured mean (ms): a lost SYN waits a whole second, so the mean is a lottery too. */
  standardErrorMs: number;
  /** The evaluator's cold TTFB (an expected value) with the run's host floor: the loss-free steps of ttfbRows, with
   * nginx's 16 KiB records, plus the expected waits for lost handshake packets and a lost request
   * (HopModel.lossMean). `lossFreeMs` leaves the waits out, as the loss-free comparison would. */
  modelMs: number;
  lossFreeMs: number;
};

/**
 * New connections over a path with random loss (the only loss a design's edge states): the measured mean TTFB against
 * the evaluator's expected cold TTFB. Periodic-loss rows are left out: the bridge drops every 100th packet counted from
 * the SYN, so no SYN is ever lost, a process the model's random-loss waits do not describe.
 */
export function lossyTtfbRows(results: LabResults): LossyTtfbRow[] {
  const rows = buildRows(results, textbookTransferMs, fittedTransferMs);
  const out: LossyTtfbRow[] = [];
  results.measurements.forEach((m, i) => {
    const c = m.config;
    const row = rows[i];
    if (c.connection !== "new" || !(c.lossRate > 0) || c.lossPattern !== "random" || !row) return;
    const ttfb = m.samples.map((s) => s.ttfbMs);
    const mean = ttfb.reduce((a, b) => a + b, 0) / ttfb.length;
    const sd = Math.sqrt(ttfb.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, ttfb.length - 1));
    const lossFreeMs = withHost(wiredPrediction(c, 16_384), row.hostMs, row.hostTransferMs).ttfbMs;
    const { handshakeWaitMs, requestWaitMs } = wiredHop(c, 16_384).lossMean;
    out.push({
      config: c,
      n: ttfb.length,
      measuredMeanMs: mean,
      standardErrorMs: sd / Math.sqrt(ttfb.length),
      modelMs: lossFreeMs + handshakeWaitMs.tcp + handshakeWaitMs.tls + requestWaitMs.new,
      lossFreeMs,
    });
  });
  return out;
}
