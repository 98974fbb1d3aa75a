import type { BreakdownStep, EvaluationResult } from "@/lib/core/evaluator";
import { formatMs } from "./result-format";

// The result's cold-request waterfalls, one per request path, as the result panel draws them.

export type RequestPath = {
  /** The client group the path starts from; null for a stored result older than per-group waterfalls. */
  clientId: string | null;
  /** Share of the scenario's traffic (0–1). */
  share: number;
  steps: BreakdownStep[];
  /** Time to first byte and to last byte of the cold request (ms): sums of the steps, transfer excluded for the first. */
  ttfbMs: number;
  lastByteMs: number;
  /** Known for the main client only (the evaluator reports it once), ms. */
  warmTtfbMs: number | null;
  /** A warm request's last byte (ms): main client only, and absent from results stored before model 2.5.0. */
  warmLastByteMs: number | null;
};

const sumTenths = (steps: readonly BreakdownStep[], keep: (s: BreakdownStep) => boolean) =>
  steps.reduce((t, s) => (keep(s) ? t + Math.round(s.ms * 10) : t), 0) / 10;

/**
 * Every client group whose requests go somewhere, largest share first. Results stored before the evaluator
 * reported per-group waterfalls (no `breakdown` on its clients) give the main client's waterfall alone.
 */
export function requestPaths(latency: EvaluationResult["latency"]): RequestPath[] {
  const main = JSON.stringify(latency.breakdown);
  const perGroup = latency.clients.filter((c) => Array.isArray(c.breakdown));
  if (perGroup.length === 0) {
    if (latency.breakdown.length === 0) return [];
    return [{ clientId: null, share: 1, steps: latency.breakdown, ttfbMs: latency.coldTtfbMs, lastByteMs: latency.coldLastByteMs, warmTtfbMs: latency.warmTtfbMs, warmLastByteMs: latency.warmLastByteMs ?? null }];
  }
  return perGroup
    .filter((c) => c.breakdown.length > 0)
    .map((c) => ({
      clientId: c.clientId,
      share: c.share,
      steps: c.breakdown,
      ttfbMs: sumTenths(c.breakdown, (s) => s.step !== "transfer"),
      lastByteMs: sumTenths(c.breakdown, () => true),
      warmTtfbMs: JSON.stringify(c.breakdown) === main ? latency.warmTtfbMs : null,
      warmLastByteMs: JSON.stringify(c.breakdown) === main ? (latency.warmLastByteMs ?? null) : null,
    }));
}

/**
 * What the panel says under a waterfall besides its steps. `warm`: the warm request's first byte and, when later,
 * its last (the percentiles are last-byte times, so a warm TTFB below the p50 is no contradiction; issue #12 item 11).
 * `loss`: on a path over an edge that loses packets, that each step is an average — a few transfers wait for
 * retransmissions, so the average is longer than the typical request, which the p50 shows.
 */
export function waterfallNotes(path: RequestPath, lossyEdgeIds: ReadonlySet<string>): { warm: string | null; loss: string | null } {
  let warm: string | null = null;
  if (path.warmTtfbMs !== null) {
    const lastByte = path.warmLastByteMs;
    warm =
      lastByte !== null && lastByte > path.warmTtfbMs
        ? `a warm request (name cached, connection reused) gets its first byte after ${formatMs(path.warmTtfbMs)} and its last after ${formatMs(lastByte)}`
        : `a warm request (name cached, connection reused) takes ${formatMs(path.warmTtfbMs)}`;
  }
  const lossy = path.steps.some((s) => s.edgeId !== undefined && lossyEdgeIds.has(s.edgeId));
  const loss = lossy
    ? "This path crosses a link that loses packets, so each step is an average: a few requests wait for lost packets to be sent again, which makes the average longer than a typical request. The p50 above is the typical request; p95 and p99 show the long waits."
    : null;
  return { warm, loss };
}

/** Each visible step with the time it starts (ms after the request starts); steps under 0.05 ms are left out. */
export function waterfallRows(steps: readonly BreakdownStep[]): { key: number; step: BreakdownStep; start: number }[] {
  const rows: { key: number; step: BreakdownStep; start: number }[] = [];
  let tenths = 0;
  for (const [i, step] of steps.entries()) {
    if (step.ms >= 0.05) rows.push({ key: i, step, start: tenths / 10 });
    tenths += Math.round(step.ms * 10);
  }
  return rows;
}

/** Round tick marks for a time axis from 0 to at least `totalMs` (ms): 1, 2 or 5 × a power of ten apart, at most 5 ticks. */
export function waterfallTicks(totalMs: number): number[] {
  if (!(totalMs > 0)) return [0];
  const raw = totalMs / 3;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const ticks: number[] = [];
  for (let t = 0; t < totalMs + step - 1e-9; t += step) ticks.push(Number(t.toFixed(6)));
  return ticks;
}
