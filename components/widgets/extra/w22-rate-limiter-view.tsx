import { entriesInWindow, fire, newLab, summarise, type LimiterLab, type Shot } from "@/lib/core/widgets/rate-limiter";
import { StaticNote, WidgetPanel } from "./ui";

const W = 340;
const H = 90;

export function WindowTimeline({ lab }: { lab: LimiterLab }) {
  const entries = entriesInWindow(lab.window, lab.config, lab.now);
  const from = lab.now - lab.config.windowMs;
  const x = (t: number) => 8 + ((t - from) / lab.config.windowMs) * (W - 16);
  const stack = new Map<number, number>();
  const seconds = lab.config.windowMs / 1000;
  return (
    <figure className="space-y-1">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-xl text-slate-700 dark:text-slate-300" role="img" aria-label={`Sliding window of ${seconds} s holding ${entries.length} entries`}>
        <rect x="8" y="8" width={W - 16} height={H - 34} rx="4" className="fill-white stroke-slate-300 dark:fill-slate-800 dark:stroke-slate-600" />
        {entries.map((e) => {
          const k = stack.get(e.t) ?? 0;
          stack.set(e.t, k + 1);
          return <circle key={e.id} cx={x(e.t)} cy={H - 32 - (k % 8) * 6} r="2.6" className={e.allowed ? "fill-emerald-600" : "fill-red-600"} />;
        })}
        <text x="8" y={H - 12} fontSize="9" fill="currentColor">
          now − {seconds} s
        </text>
        <text x={W - 8} y={H - 12} fontSize="9" textAnchor="end" fill="currentColor">
          now ({(lab.now / 1000).toLocaleString("en-US")} s)
        </text>
      </svg>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        Entries in the sorted set: green were allowed, red were refused{lab.config.countRejected ? " but still stored" : ""}.
      </figcaption>
    </figure>
  );
}

export function LastResponse({ shot }: { shot: Shot | undefined }) {
  if (!shot) return <p className="text-slate-600 dark:text-slate-400">No request sent yet.</p>;
  const w = shot.window;
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <div className="rounded-md border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-800">
        <p className="font-semibold">Sliding window (app)</p>
        <pre className="mt-1 overflow-x-auto font-mono text-xs whitespace-pre-wrap">
          {[`HTTP/1.1 ${w.status} ${w.status === 200 ? "OK" : "Too Many Requests"}`, ...w.headers.map(([k, v]) => `${k}: ${v}`), w.body ? `\n${w.body}` : ""].join("\n")}
        </pre>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          count {w.count} when it arrived; window resets at {(w.resetAt / 1000).toLocaleString("en-US")} s
        </p>
      </div>
      <div className="rounded-md border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-800">
        <p className="font-semibold">nginx rate=100r/m burst=20 nodelay</p>
        <p className="mt-1 font-mono text-xs">
          HTTP/1.1 {shot.nginx.status} {shot.nginx.allowed ? "OK" : "Too Many Requests"}
        </p>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          excess over the 600 ms pace: {shot.nginx.excess.toFixed(2)} of 20 burst slots
        </p>
      </div>
    </div>
  );
}

export function Tally({ lab }: { lab: LimiterLab }) {
  const s = summarise(lab.shots);
  return (
    <p>
      So far: sliding window allowed <strong>{s.windowAllowed}</strong>, refused <strong>{s.windowRejected}</strong>; nginx allowed{" "}
      <strong>{s.nginxAllowed}</strong>, refused <strong>{s.nginxRejected}</strong>.
    </p>
  );
}

export function RateLimiterStatic() {
  const lab = fire(newLab(), 30);
  return (
    <WidgetPanel label="Sliding-window rate limiter">
      <p>A client fires 30 requests in the same instant against a limit of 100 per 60 s.</p>
      <WindowTimeline lab={lab} />
      <Tally lab={lab} />
      <LastResponse shot={lab.shots.at(-1)} />
      <StaticNote>The buttons to send requests, send bursts and move the clock appear once the page&apos;s scripts have loaded.</StaticNote>
    </WidgetPanel>
  );
}
