import { computeJourney, DEFAULT_JOURNEY, JOURNEY_STEPS, type Journey, type PhaseId } from "@/lib/core/widgets/latency-budget";
import { Table, Td, Th, type Column } from "@/components/ui/table";
import { formatMs, StaticNote, WidgetPanel } from "./ui";

const PHASE_COLOURS: Record<PhaseId, string> = {
  dns: "bg-sky-500",
  tcp: "bg-amber-500",
  tls: "bg-violet-500",
  quic: "bg-violet-500",
  request: "bg-emerald-600",
  forward: "bg-teal-500",
  app: "bg-slate-500 dark:bg-slate-400",
};

const PHASE_COLUMNS: Column[] = [{ label: "Phase" }, { label: "Steps" }, { label: "Time", numeric: true }];

export function JourneyBreakdown({ journey, showSummary = false }: { journey: Journey; showSummary?: boolean }) {
  const total = Math.max(journey.totalMs, 1);
  const http3 = journey.options.http3;
  return (
    <div className="space-y-3">
      {showSummary ? (
      <p className="text-base">
        First byte after <strong className="font-mono">{formatMs(journey.totalMs)}</strong>, of which{" "}
        <strong className="font-mono">{formatMs(journey.preApplicationMs)}</strong> is networking before your code runs.
      </p>
      ) : null}
      <div className="flex h-5 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-700" aria-hidden="true">
        {journey.phases
          .filter((p) => p.ms > 0)
          .map((p) => (
            <div key={p.id} className={`${PHASE_COLOURS[p.id]} h-full transition-all`} style={{ width: `${(p.ms / total) * 100}%` }} />
          ))}
      </div>
      <Table caption="Time spent in each phase of the request" captionHidden columns={PHASE_COLUMNS} wrapperClassName="">
        {journey.phases.map((p) => (
          <tr key={p.id}>
            <Th scope="row" className="font-normal">
              <span className="flex items-center gap-2">
                <span className={`inline-block size-3 shrink-0 rounded-sm ${PHASE_COLOURS[p.id]}`} aria-hidden="true" />
                <span>
                  {p.label}
                  {p.rtts !== undefined && p.ms > 0 ? (
                    <span className="text-slate-600 dark:text-slate-400">
                      {" "}
                      ({p.rtts} RTT{p.rtts === 1 ? "" : "s"})
                    </span>
                  ) : null}
                </span>
              </span>
            </Th>
            <Td className="font-mono text-xs">{p.steps}</Td>
            <Td numeric className="font-mono">{formatMs(p.ms)}</Td>
          </tr>
        ))}
      </Table>
      <details className="rounded-md border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-800">
        <summary className="cursor-pointer font-medium">The 13 steps of posting a message</summary>
        <ol className="mt-2 space-y-1">
          {JOURNEY_STEPS.map((s) => {
            const phase = http3 && (s.phase === "tcp" || s.phase === "tls") ? "quic" : s.phase;
            const ms = phase === "async" ? undefined : journey.phases.find((p) => p.id === phase);
            return (
              <li key={s.n} className="flex gap-2">
                <span className="w-6 shrink-0 text-right font-mono text-xs leading-5">{s.n}.</span>
                <span className="flex-1">
                  {s.text} <span className="text-xs text-slate-600 dark:text-slate-400">({s.category})</span>
                  {phase === "async" ? <span className="text-xs text-slate-600 dark:text-slate-400"> — the user does not wait for this</span> : null}
                  {ms && ms.ms === 0 && phase !== "request" ? <span className="text-xs text-slate-600 dark:text-slate-400"> — 0 ms with these settings</span> : null}
                </span>
              </li>
            );
          })}
        </ol>
      </details>
    </div>
  );
}

export function LatencyBudgetStatic() {
  return (
    <WidgetPanel label="Request journey and latency budget">
      <JourneyBreakdown journey={computeJourney(DEFAULT_JOURNEY)} showSummary />
      <StaticNote>
        Shown for a first visit to a server 10,000 km away (100 ms round trip) over TCP and TLS 1.3 with nothing cached. The
        controls for distance, keep-alive, TLS version, HTTP/3, edge termination and DNS caching appear once the page&apos;s
        scripts have loaded.
      </StaticNote>
    </WidgetPanel>
  );
}
