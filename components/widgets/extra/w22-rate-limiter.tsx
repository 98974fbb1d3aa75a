"use client";

import { useId, useState } from "react";
import { advance, APP_DEFAULT, fire, newLab, SMALL_TRACE, type LimiterLab, type WindowConfig } from "@/lib/core/widgets/rate-limiter";
import { LastResponse, Tally, WindowTimeline } from "./w22-rate-limiter-view";
import { Status } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select";
import { Controls, ToggleField, WidgetPanel } from "./ui";
import { buttonClass } from "@/components/ui/button";

type Preset = "app" | "trace";
const PRESETS: Record<Preset, WindowConfig> = { app: APP_DEFAULT, trace: SMALL_TRACE };

export function RateLimiter() {
  const id = useId();
  const [preset, setPreset] = useState<Preset>("app");
  const [countRejected, setCountRejected] = useState(true);
  const [burst, setBurst] = useState("30");
  const [lab, setLab] = useState<LimiterLab>(() => newLab(APP_DEFAULT));
  const [message, setMessage] = useState("Limit 100 per 60 s. Nothing sent yet.");

  function reset(p: Preset, rejected: boolean, note: string) {
    setLab(newLab({ ...PRESETS[p], countRejected: rejected }));
    setMessage(note);
  }

  function send(n: number) {
    const next = fire(lab, n);
    const shots = next.shots.slice(lab.shots.length);
    const ok = shots.filter((s) => s.window.allowed).length;
    const ng = shots.filter((s) => s.nginx.allowed).length;
    const last = shots.at(-1);
    setLab(next);
    setMessage(
      n === 1 && last
        ? `At ${next.now / 1000} s: sliding window ${last.window.status}, ${last.window.remaining} remaining; nginx ${last.nginx.status}.`
        : `Burst of ${n} at ${next.now / 1000} s: sliding window allowed ${ok} and refused ${n - ok}; nginx allowed ${ng} and refused ${n - ng}.`,
    );
  }

  function wait(ms: number) {
    const next = advance(lab, ms);
    setLab(next);
    setMessage(`Clock moved to ${next.now / 1000} s.`);
  }

  return (
    <WidgetPanel label="Sliding-window rate limiter">
      <Controls legend="Limiter settings">
        <SelectField
          id={`${id}-preset`}
          label="Limit"
          value={preset}
          options={[
            { value: "app", label: "100 per 60 s (the chapter's default)" },
            { value: "trace", label: "3 per 10 s (the small trace)" },
          ]}
          onChange={(p) => {
            setPreset(p);
            reset(p, countRejected, `Limit ${PRESETS[p].limit} per ${PRESETS[p].windowMs / 1000} s. Window emptied, clock at 0.`);
          }}
        />
        <ToggleField
          id={`${id}-rej`}
          label="Store refused requests too"
          hint="The chapter's code adds every request to the set, so refused calls keep counting"
          checked={countRejected}
          onChange={(v) => {
            setCountRejected(v);
            reset(preset, v, v ? "Refused requests are stored and count against the caller. Window emptied." : "Only allowed requests are stored. Window emptied.");
          }}
        />
      </Controls>
      <div className="flex flex-wrap items-end gap-2">
        <button type="button" className={buttonClass("primary")} onClick={() => send(1)}>
          Send 1 request
        </button>
        <SelectField
          id={`${id}-burst`}
          label="Burst size"
          value={burst}
          options={["5", "10", "30", "120"].map((v) => ({ value: v, label: v }))}
          onChange={setBurst}
        />
        <button type="button" className={buttonClass("secondary")} onClick={() => send(Number(burst))}>
          Send a burst
        </button>
      </div>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Move the clock">
        {[1_000, 10_000, 60_000].map((ms) => (
          <button key={ms} type="button" className={buttonClass("secondary")} onClick={() => wait(ms)}>
            Wait {ms / 1000} s
          </button>
        ))}
        <button type="button" className={buttonClass("secondary")} onClick={() => reset(preset, countRejected, "Window emptied, clock at 0.")}>
          Reset
        </button>
      </div>
      <Status>{message}</Status>
      <WindowTimeline lab={lab} />
      <Tally lab={lab} />
      <LastResponse shot={lab.shots.at(-1)} />
    </WidgetPanel>
  );
}
