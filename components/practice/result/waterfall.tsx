import type { EvaluationResult } from "@/lib/core/evaluator";
import { formatMs, formatPercent, STEP_LABELS, type nodeNamer } from "@/lib/core/canvas/result-format";
import { requestPaths, waterfallNotes, waterfallRows, waterfallTicks, type RequestPath } from "@/lib/core/canvas/waterfall";

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

type Names = ReturnType<typeof nodeNamer>;

/**
 * One cold-request waterfall per request path (each client group's first request). The busiest path is open;
 * the others are folded so a design with many client groups stays readable. Every bar is also text: the
 * step, where it happens, when it starts and ends and how long it takes, in ms.
 */
export function Waterfall({
  latency,
  names,
  lossyEdgeIds = new Set<string>(),
}: {
  latency: EvaluationResult["latency"];
  names: Names;
  /** Edges of the design that lose packets: a path over one says its steps are averages. */
  lossyEdgeIds?: ReadonlySet<string>;
}) {
  const paths = requestPaths(latency);
  return (
    <section aria-labelledby="waterfall-heading" className="@container">
      <h3 id="waterfall-heading" className="font-semibold">
        {paths.length > 1 ? "Cold request waterfall, per request path" : "Cold request waterfall"}
      </h3>
      {paths.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">No request reaches a backend yet, so there is no waterfall to draw: connect a client to the system.</p>
      ) : (
        <div className="mt-1 space-y-2">
          {paths.map((path, i) =>
            i === 0 ? (
              <PathWaterfall key={path.clientId ?? "main"} path={path} names={names} lossyEdgeIds={lossyEdgeIds} testId="waterfall" single={paths.length === 1} />
            ) : (
              <details key={path.clientId ?? i} className="rounded-md border border-slate-200 p-2 dark:border-slate-800">
                <summary className="cursor-pointer text-sm font-medium">
                  {pathTitle(path, names)}: first byte after {formatMs(path.ttfbMs)}
                </summary>
                <PathWaterfall path={path} names={names} lossyEdgeIds={lossyEdgeIds} testId={`waterfall-${i}`} single={false} />
              </details>
            ),
          )}
        </div>
      )}
    </section>
  );
}

function pathTitle(path: RequestPath, names: Names): string {
  if (!path.clientId) return "From the main client";
  return `From ${names.node(path.clientId)} (${formatPercent(path.share, 1)} of traffic)`;
}

function PathWaterfall({
  path,
  names,
  lossyEdgeIds,
  testId,
  single,
}: {
  path: RequestPath;
  names: Names;
  lossyEdgeIds: ReadonlySet<string>;
  testId: string;
  single: boolean;
}) {
  const rows = waterfallRows(path.steps);
  const notes = waterfallNotes(path, lossyEdgeIds);
  const ticks = waterfallTicks(path.lastByteMs);
  const scale = ticks[ticks.length - 1] ?? 0;
  const pct = (ms: number) => (scale > 0 ? (ms / scale) * 100 : 0);
  return (
    <div>
      {!single || path.clientId ? <h4 className="mt-2 text-sm font-medium">{pathTitle(path, names)}</h4> : null}
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        First byte after <strong className="tabular-nums">{formatMs(path.ttfbMs)}</strong>, last byte after{" "}
        <strong className="tabular-nums">{formatMs(path.lastByteMs)}</strong>
        {notes.warm !== null ? <>; {notes.warm}</> : null}.
      </p>
      {notes.loss !== null ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{notes.loss}</p> : null}
      <ol className="mt-2 space-y-1 text-xs" data-testid={testId}>
        {rows.map(({ key, step, start }) => {
          const where = step.nodeId ? names.node(step.nodeId) : step.edgeId ? names.edge(step.edgeId) : "";
          const label = STEP_LABELS[step.step];
          return (
            <li key={key} className="grid grid-cols-[minmax(0,8rem)_1fr_3.5rem] items-center gap-2 @sm:grid-cols-[minmax(0,11rem)_1fr_4rem] @2xl:grid-cols-[minmax(0,20rem)_1fr_4.5rem]">
              {/* relative: the sr-only text below is absolutely placed; without a containing block here it escaped the
                  cell and widened the page (388 px at a 375 px window on the reference diff). The label wraps rather
                  than being cut off: on a phone "Request round trip …" did not say where. */}
              <span className="relative min-w-0 [overflow-wrap:anywhere]">
                {label}
                {where ? <span className="text-slate-600 dark:text-slate-400"> · {where}</span> : null}
                <span className="sr-only">
                  , from {formatMs(start)} to {formatMs(start + step.ms)}
                </span>
              </span>
              <span className="relative h-3 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                <span className={`absolute inset-y-0 rounded ${STEP_COLORS[step.step] ?? "bg-slate-500"}`} style={{ left: `${pct(start)}%`, width: `${Math.max(pct(step.ms), 0.5)}%` }} />
              </span>
              <span className="text-right tabular-nums">{formatMs(step.ms)}</span>
            </li>
          );
        })}
      </ol>
      {/* The time axis under the bars, in ms from the moment the request starts. */}
      <div className="mt-1 grid grid-cols-[minmax(0,8rem)_1fr_3.5rem] gap-2 text-[11px] text-slate-600 @sm:grid-cols-[minmax(0,11rem)_1fr_4rem] @2xl:grid-cols-[minmax(0,20rem)_1fr_4.5rem] dark:text-slate-400" aria-hidden="true">
        <span className="text-right">time since start</span>
        <span className="relative h-4 border-t border-slate-400 dark:border-slate-600">
          {ticks.map((t, i) => (
            <span
              key={t}
              // On a phone only the ends are labelled: the middle ticks would run into each other.
              className={`absolute top-0.5 whitespace-nowrap tabular-nums ${i === 0 || i === ticks.length - 1 ? "" : "hidden @sm:inline"}`}
              style={i === ticks.length - 1 ? { right: 0 } : { left: `${pct(t)}%`, transform: i === 0 ? undefined : "translateX(-50%)" }}
            >
              {formatMs(t)}
            </span>
          ))}
        </span>
        <span />
      </div>
    </div>
  );
}
