import type { EvaluationResult } from "@/lib/core/evaluator";
import { formatMs, STEP_LABELS, type nodeNamer } from "@/lib/core/canvas/result-format";

const STEP_COLORS: Record<string, string> = {
  dns: "bg-violet-500",
  tcp: "bg-sky-500",
  tls: "bg-indigo-500",
  quic: "bg-indigo-400",
  request: "bg-teal-500",
  processing: "bg-amber-500",
  queueing: "bg-red-500",
  tail: "bg-orange-500",
  transfer: "bg-slate-500",
};

// The cold request as a waterfall: each step starts where the previous one ended, so the bars show both
// how long a step takes and when it happens. Steps under 0.05 ms are left out (they would be invisible).
export function Waterfall({ latency, names }: { latency: EvaluationResult["latency"]; names: ReturnType<typeof nodeNamer> }) {
  const total = latency.coldLastByteMs;
  const rows: { key: number; step: (typeof latency.breakdown)[number]; start: number }[] = [];
  let start = 0;
  for (const [i, step] of latency.breakdown.entries()) {
    if (step.ms >= 0.05) rows.push({ key: i, step, start });
    start += step.ms;
  }
  return (
    <section aria-labelledby="waterfall-heading">
      <h3 id="waterfall-heading" className="font-semibold">
        Cold request waterfall
      </h3>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        First byte after <strong className="tabular-nums">{formatMs(latency.coldTtfbMs)}</strong>, last byte after{" "}
        <strong className="tabular-nums">{formatMs(total)}</strong>; a warm request takes {formatMs(latency.warmTtfbMs)}.
      </p>
      <ol className="mt-3 space-y-1 text-xs" data-testid="waterfall">
        {rows.map(({ key, step, start: offset }) => {
          const where = step.nodeId ? names.node(step.nodeId) : step.edgeId ? names.edge(step.edgeId) : "";
          const left = total > 0 ? (offset / total) * 100 : 0;
          const width = total > 0 ? Math.max((step.ms / total) * 100, 0.5) : 0;
          return (
            <li key={key} className="grid grid-cols-[minmax(0,9rem)_1fr_3.5rem] items-center gap-2">
              <span className="truncate" title={where ? `${STEP_LABELS[step.step]} · ${where}` : STEP_LABELS[step.step]}>
                {STEP_LABELS[step.step]}
                {where ? <span className="text-slate-500 dark:text-slate-400"> · {where}</span> : null}
              </span>
              <span className="relative h-3 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                <span className={`absolute inset-y-0 rounded ${STEP_COLORS[step.step] ?? "bg-slate-500"}`} style={{ left: `${left}%`, width: `${width}%` }} />
              </span>
              <span className="text-right tabular-nums">{formatMs(step.ms)}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
