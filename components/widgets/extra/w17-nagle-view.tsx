import { DEFAULT_NAGLE, nagleTimeline, type Lane, type NagleTimeline } from "@/lib/core/widgets/nagle";
import { formatMs, StaticNote, WidgetPanel } from "./ui";

const LANE_NAME: Record<Lane, string> = { app: "Client app", sender: "Client TCP", receiver: "Server TCP" };

export function TimelineList({ timeline, shown }: { timeline: NagleTimeline; shown?: number }) {
  const count = shown ?? timeline.events.length;
  return (
    <ol className="space-y-1">
      {timeline.events.slice(0, count).map((e, i) => (
        <li
          key={i}
          className={`grid grid-cols-[4.5rem_6rem_1fr] gap-2 rounded px-2 py-1 ${e.stall ? "bg-amber-100 dark:bg-amber-900/40" : "bg-white dark:bg-slate-800"}`}
        >
          <span className="font-mono text-xs leading-5">{formatMs(e.atMs)}</span>
          <span className="text-xs leading-5 font-semibold">{LANE_NAME[e.lane]}</span>
          <span>{e.text}</span>
        </li>
      ))}
    </ol>
  );
}

export function NagleBar({ timeline, scaleMs }: { timeline: NagleTimeline; scaleMs: number }) {
  const pct = (ms: number) => `${Math.min(100, (ms / Math.max(1, scaleMs)) * 100)}%`;
  return (
    <div className="space-y-1">
      <div className="relative h-4 w-full rounded bg-slate-200 dark:bg-slate-700" aria-hidden="true">
        <div className="absolute inset-y-0 left-0 rounded bg-brand-600 transition-all" style={{ width: pct(timeline.doneMs) }} />
        {timeline.heldMs > 0 ? (
          <div
            className="absolute inset-y-0 rounded bg-amber-500 transition-all"
            style={{ left: pct(timeline.options.writeGapMs), width: pct(timeline.heldMs) }}
          />
        ) : null}
      </div>
      <p>
        {timeline.options.noDelay ? "TCP_NODELAY on" : "Nagle on"}: the reply is back after <strong className="font-mono">{formatMs(timeline.doneMs)}</strong>
        {timeline.heldMs > 0 ? (
          <>
            ; the body sat in the send buffer for <strong className="font-mono">{formatMs(timeline.heldMs)}</strong> (amber).
          </>
        ) : (
          "; nothing waited."
        )}
      </p>
    </div>
  );
}

export function NagleStatic() {
  const on = nagleTimeline(DEFAULT_NAGLE);
  const off = nagleTimeline({ ...DEFAULT_NAGLE, noDelay: true });
  return (
    <WidgetPanel label="Nagle and delayed-ACK timeline">
      <NagleBar timeline={on} scaleMs={on.doneMs} />
      <NagleBar timeline={off} scaleMs={on.doneMs} />
      <TimelineList timeline={on} />
      <StaticNote>
        Two small writes with a 20 ms RTT and a 200 ms delayed-ACK timer. The TCP_NODELAY switch, the timer and the step-by-step
        replay appear once the page&apos;s scripts have loaded.
      </StaticNote>
    </WidgetPanel>
  );
}
