import type { EvaluationResult } from "@/lib/core/evaluator";
import { formatNumber } from "@/lib/core/util/format";
import type { nodeNamer } from "@/lib/core/canvas/result-format";

export function CapacityBars({ capacity, names }: { capacity: EvaluationResult["capacity"]; names: ReturnType<typeof nodeNamer> }) {
  const nodes = [...capacity.nodes].sort((a, b) => b.utilization - a.utilization);
  if (nodes.length === 0) {
    return (
      <section aria-labelledby="capacity-heading">
        <h3 id="capacity-heading" className="font-semibold">
          Capacity
        </h3>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">No node with a capacity limit carries traffic yet.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="capacity-heading" className="@container">
      <h3 id="capacity-heading" className="font-semibold">
        Capacity
      </h3>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">How busy each node is at the scenario&apos;s load: its arrivals as a share of what it can serve.</p>
      <ul className="mt-2 space-y-1 text-xs" data-testid="capacity">
        {nodes.map((n) => {
          const bottleneck = n.nodeId === capacity.bottleneckNodeId;
          const pct = Math.round(n.utilization * 100);
          const tone = n.utilization >= 1 ? "bg-red-500" : n.utilization >= 0.7 ? "bg-amber-500" : "bg-emerald-500";
          return (
            <li key={n.nodeId} className="grid grid-cols-[minmax(0,9rem)_1fr_3rem] items-center gap-2 @xl:grid-cols-[minmax(0,16rem)_1fr_12rem]">
              <span className="truncate" title={names.node(n.nodeId)}>
                {names.node(n.nodeId)}
                {/* The busiest node is only called a bottleneck once it is near its limit (70 %). */}
                {bottleneck && n.utilization >= 0.7 ? <strong className="ml-1 text-red-700 dark:text-red-400">bottleneck</strong> : null}
                {bottleneck && n.utilization < 0.7 ? <span className="ml-1 text-slate-600 dark:text-slate-400">busiest</span> : null}
              </span>
              <span className="h-2.5 overflow-hidden rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                <span className={`block h-full ${tone}`} style={{ width: `${Math.min(pct, 100)}%` }} />
              </span>
              <span className="text-right tabular-nums">
                {pct} %
                <span className="sr-only @xl:not-sr-only @xl:text-slate-600 @xl:dark:text-slate-400">
                  {" "}
                  ({formatNumber(n.arrivalRps)} of {formatNumber(n.capacityRps)} req/s)
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
