import { DEFAULT_RACE, race, type VersionRun } from "@/lib/core/widgets/http-race";
import { formatMs, StaticNote, WidgetPanel } from "./ui";

const VERSION_LABEL = { "1.1": "HTTP/1.1", "2": "HTTP/2", "3": "HTTP/3" } as const;

export function Waterfall({ run, scaleMs }: { run: VersionRun; scaleMs: number }) {
  const pct = (ms: number) => `${(ms / Math.max(1, scaleMs)) * 100}%`;
  return (
    <section className="space-y-1" aria-label={`${VERSION_LABEL[run.version]} waterfall`}>
      <h4 className="font-semibold">
        {VERSION_LABEL[run.version]}: done at <span className="font-mono">{formatMs(run.finishMs)}</span>
        <span className="font-normal text-slate-600 dark:text-slate-400">
          {" "}
          · {run.connections} connection{run.connections === 1 ? "" : "s"}, set-up {run.setupRtts} RTT ({formatMs(run.setupMs)}) each
        </span>
      </h4>
      <ul className="space-y-0.5">
        {run.streams.map((s) => (
          <li key={s.index} className="grid grid-cols-[5.5rem_1fr] items-center gap-2 text-xs">
            <span className="truncate font-mono">{s.name}</span>
            <span className="relative h-3 rounded bg-slate-200 dark:bg-slate-700">
              <span className="absolute inset-y-0 rounded bg-slate-400 dark:bg-slate-500" style={{ left: 0, width: pct(s.startMs) }} aria-hidden="true" />
              <span
                className={`absolute inset-y-0 rounded transition-all ${s.restarted ? "bg-violet-500" : "bg-brand-600"}`}
                style={{ left: pct(s.startMs), width: pct(s.endMs - s.startMs - s.stalledMs) }}
                aria-hidden="true"
              />
              {s.stalledMs > 0 ? (
                <span className="absolute inset-y-0 rounded bg-red-500" style={{ left: pct(s.endMs - s.stalledMs), width: pct(s.stalledMs) }} aria-hidden="true" />
              ) : null}
              <span className="sr-only">
                {s.name}: connection {s.connection}, sent at {formatMs(s.startMs)}, done at {formatMs(s.endMs)}
                {s.stalledMs > 0 ? `, stalled ${formatMs(s.stalledMs)} by the lost packet` : ""}
                {s.restarted ? ", resent on a new connection" : ""}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RaceLegend() {
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400">
      Grey: waiting for a connection or a free slot. Blue: request and transfer. Red: stalled by a lost packet. Purple: resent
      after a network switch.
    </p>
  );
}

export function HttpRaceStatic() {
  const runs = race(DEFAULT_RACE);
  const scale = Math.max(...runs.map((r) => r.finishMs));
  return (
    <WidgetPanel label="HTTP/1.1 vs 2 vs 3 loading race">
      {runs.map((r) => (
        <Waterfall key={r.version} run={r} scaleMs={scale} />
      ))}
      <RaceLegend />
      <StaticNote>Ten resources from one origin over a 100 ms RTT with no loss. The loss and network-switch controls appear once the page&apos;s scripts have loaded.</StaticNote>
    </WidgetPanel>
  );
}
