import { formatPercent, TAIL_CAUSES, tailOdds, type TailOdds } from "@/lib/core/widgets/tail-latency";
import { StaticNote, WidgetPanel } from "./ui";

/** One square per page load out of 100: filled when the load hits the tail (expected count, rounded). */
export function TailGrid({ odds }: { odds: TailOdds }) {
  const slow = Math.round(odds.slowPageProbability * 100);
  return (
    <figure className="space-y-1">
    <div className="grid w-full max-w-xs grid-cols-10 gap-1" aria-hidden="true">
      {Array.from({ length: 100 }, (_, i) => (
        <span
          key={i}
          className={`aspect-square rounded-sm ${i < slow ? "bg-red-500 dark:bg-red-400" : "bg-emerald-200 dark:bg-emerald-900"}`}
        />
      ))}
    </div>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        100 page loads: {slow} red ones wait on a slow call, {100 - slow} green ones do not.
      </figcaption>
    </figure>
  );
}

export function TailSummary({ odds }: { odds: TailOdds }) {
  return (
    <div className="space-y-2">
      <p className="text-base">
        With <strong>{odds.calls}</strong> call{odds.calls === 1 ? "" : "s"} per page, each fast {(odds.fastShare * 100).toLocaleString("en-US")} % of
        the time, <strong className="font-mono">{formatPercent(odds.slowPageProbability)}</strong> of page loads wait on at least one
        call slower than {odds.percentile} (about {odds.perTen} in 10).
      </p>
      <p className="font-mono text-xs text-slate-700 dark:text-slate-300">
        1 − {odds.fastShare}^{odds.calls} = {odds.slowPageProbability.toFixed(4)}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        From {odds.callsForCoinFlip} calls on, a slow page is more likely than not at this percentile.
      </p>
    </div>
  );
}

export function TailHints() {
  return (
    <details className="rounded-md border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-800">
      <summary className="cursor-pointer font-medium">Where tails come from, and the usual fix</summary>
      <ul className="mt-2 space-y-1">
        {TAIL_CAUSES.map((c) => (
          <li key={c.cause}>
            <strong>{c.cause}</strong>: {c.looksLike}. Fix: {c.fix}.
          </li>
        ))}
      </ul>
    </details>
  );
}

export function TailLatencyStatic() {
  const odds = tailOdds(50, "p99");
  return (
    <WidgetPanel label="Tail-latency calculator">
      <TailSummary odds={odds} />
      <TailGrid odds={odds} />
      <TailHints />
      <StaticNote>Shown for 50 calls at p99. The calls slider and the percentile picker appear once the page&apos;s scripts have loaded.</StaticNote>
    </WidgetPanel>
  );
}
