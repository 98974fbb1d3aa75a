import type { EvaluationResult } from "@/lib/core/evaluator";
import { ninesOf } from "@/lib/core/util/nines";
import { formatMs, formatPercent, type ResultTargets } from "@/lib/core/canvas/result-format";

/**
 * Whether the figures were measured on a real request path: a client whose requests reach a backend. A design
 * with no path has no latency or availability to speak of, so no target may read "met".
 */
export function measuredOnRequestPath(result: EvaluationResult): boolean {
  return !result.findings.some((f) => f.id === "no-backend" || f.id === "no-client") && result.latency.breakdown.some((s) => s.step === "request");
}

export function LatencyTargets({ result, targets, names }: { result: EvaluationResult; targets: ResultTargets; names: { node: (id: string) => string } }) {
  const { p50Ms, p95Ms, p99Ms } = result.latency;
  const scale = Math.max(p99Ms, targets.p99Ms) * 1.1;
  const measured = measuredOnRequestPath(result);
  const verdict = (ok: boolean) =>
    !measured ? (
      <strong className="text-slate-700 dark:text-slate-300">not measured: no request reaches a backend</strong>
    ) : (
      <strong className={ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>{ok ? "met" : "missed"}</strong>
    );
  const p99Ok = p99Ms <= targets.p99Ms;
  const availOk = result.availability.estimate >= targets.availability;
  return (
    <section aria-labelledby="percentiles-heading">
      <h3 id="percentiles-heading" className="font-semibold">
        Latency and availability
      </h3>
      <ul className="mt-2 space-y-1 text-sm">
        {[
          ["p50", p50Ms],
          ["p95", p95Ms],
          ["p99", p99Ms],
        ].map(([label, ms]) => (
          <li key={label as string} className="grid grid-cols-[2.5rem_1fr_4.5rem] items-center gap-2">
            <span>{label}</span>
            <span className="relative h-2.5 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
              <span className="absolute inset-y-0 left-0 rounded bg-sky-500" style={{ width: `${((ms as number) / scale) * 100}%` }} />
              <span className="absolute inset-y-[-3px] w-0.5 bg-slate-900 dark:bg-slate-100" style={{ left: `${(targets.p99Ms / scale) * 100}%` }} />
            </span>
            <span className="text-right tabular-nums" data-testid={`result-${label as string}`}>
              {formatMs(ms as number)}
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        p99 target {formatMs(targets.p99Ms)}:{" "}
        <span data-testid="p99-verdict">{verdict(p99Ok)}</span>
        <span className="text-slate-500 dark:text-slate-400"> (the upright line on each bar)</span>
      </p>
      <p className="mt-1 text-sm">
        Availability <strong className="tabular-nums">{formatPercent(result.availability.estimate)}</strong> ({ninesOf(result.availability.estimate).toFixed(1)}{" "}
        nines) against {formatPercent(targets.availability)}:{" "}
        <span data-testid="availability-verdict">{verdict(availOk)}</span>
      </p>
      {result.availability.spofs.length ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Single points of failure: {result.availability.spofs.map((id) => names.node(id)).join(", ")}</p>
      ) : null}
    </section>
  );
}
