import {
  choose,
  DEFAULT_ANSWERS,
  serverRequestsPerSecond,
  TECHNIQUES,
  trafficPerClient,
  UPDATES_PER_MINUTE,
  wireEvents,
  type Answers,
  type Technique,
} from "@/lib/core/widgets/realtime-chooser";
import { StaticNote, WidgetPanel } from "./ui";

const CLIENTS = 10_000;

export function Recommendation({ answers }: { answers: Answers }) {
  const c = choose(answers);
  const t = TECHNIQUES.find((x) => x.id === c.technique);
  return (
    <div className="rounded-md border border-emerald-300 bg-emerald-50 p-3 dark:border-emerald-700 dark:bg-emerald-950/40">
      <p className="text-base">
        Recommended: <strong>{t?.label}</strong>
      </p>
      <ul className="mt-1 list-disc pl-5">
        {c.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  );
}

function Strip({ technique, updatesPerMinute }: { technique: Technique; updatesPerMinute: number }) {
  const events = wireEvents(technique, updatesPerMinute);
  return (
    <svg viewBox="0 0 300 20" className="h-5 w-full" aria-hidden="true">
      <line x1="0" y1="10" x2="300" y2="10" className="stroke-slate-300 dark:stroke-slate-600" />
      {events.map((e, i) => (
        <rect
          key={i}
          x={(e.atS / 60) * 296}
          y={e.kind === "empty" ? 5 : 2}
          width="4"
          height={e.kind === "empty" ? 10 : 16}
          className={e.kind === "empty" ? "fill-slate-400" : "fill-brand-600 dark:fill-brand-100"}
        />
      ))}
    </svg>
  );
}

export function TrafficComparison({ answers }: { answers: Answers }) {
  const upm = UPDATES_PER_MINUTE[answers.frequency];
  const best = choose(answers).technique;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        One minute of traffic per client at about {upm < 1 ? "one update every 5 minutes" : upm === 1 ? "one update a minute" : `${upm} updates a minute`}. Tall bars
        carry news; short grey bars are polls that came back empty. Server load is for {CLIENTS.toLocaleString("en-US")} clients.
      </p>
      <ul className="space-y-2">
        {TECHNIQUES.map((t) => {
          const tr = trafficPerClient(t.id, upm);
          const rps = serverRequestsPerSecond(t.id, upm, CLIENTS);
          return (
            <li key={t.id} className={`rounded-md p-2 ${t.id === best ? "bg-emerald-50 ring-2 ring-emerald-500 dark:bg-emerald-950/40" : "bg-white dark:bg-slate-800"}`}>
              <p className="flex flex-wrap justify-between gap-x-2">
                <span className="font-semibold">
                  {t.label}
                  {t.id === best ? <span className="font-normal"> (recommended)</span> : null}
                </span>
                <span className="font-mono text-xs">
                  {rps >= 10 ? Math.round(rps).toLocaleString("en-US") : rps.toFixed(1)} req/s · {Math.round(tr.overheadBytesPerMinute).toLocaleString("en-US")} B/min overhead per client
                </span>
              </p>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                {t.direction}. {t.overhead}. Good for: {t.fit}.
              </p>
              <Strip technique={t.id} updatesPerMinute={upm} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function RealtimeChooserStatic() {
  return (
    <WidgetPanel label="Real-time technique chooser">
      <p>For a one-way stream from the server with about one update a minute, where WebSockets are not blocked:</p>
      <Recommendation answers={DEFAULT_ANSWERS} />
      <TrafficComparison answers={DEFAULT_ANSWERS} />
      <StaticNote>The three questions appear once the page&apos;s scripts have loaded.</StaticNote>
    </WidgetPanel>
  );
}
