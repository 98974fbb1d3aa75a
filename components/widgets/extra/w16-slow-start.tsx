"use client";

import { useId, useState } from "react";
import { ALGORITHMS, DEFAULT_SLOW_START, describePoint, simulateCwnd, transferEstimate, withEvent, type Algorithm, type CwndEventKind, type SlowStartOptions } from "@/lib/core/widgets/slow-start";
import { CwndChart, CwndTable, TransferLine } from "./w16-slow-start-view";
import { Status } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select";
import { Controls, RangeField, ToggleField, WidgetPanel } from "./ui";
import { buttonClass } from "@/components/ui/button";

export function SlowStart() {
  const id = useId();
  const [o, setO] = useState<SlowStartOptions>(DEFAULT_SLOW_START);
  const [eventRound, setEventRound] = useState(5);
  const [kb, setKb] = useState(100);
  const [message, setMessage] = useState("");
  const points = simulateCwnd(o);
  const last = points.at(-1);
  const est = transferEstimate(kb * 1000, o.rttMs, last?.cwnd ?? o.ssthresh);
  const set = <K extends keyof SlowStartOptions>(k: K, v: SlowStartOptions[K]) => setO((prev) => ({ ...prev, [k]: v }));

  function inject(kind: CwndEventKind) {
    const next = { ...o, events: withEvent(o.events, eventRound, kind) };
    setO(next);
    const p = simulateCwnd(next)[eventRound];
    if (p) setMessage(describePoint(p, next.algorithm));
  }

  return (
    <WidgetPanel label="Slow start and the congestion window">
      <Controls legend="Connection settings">
        <RangeField id={`${id}-rtt`} label="Round-trip time" value={o.rttMs} min={10} max={300} step={10} onChange={(v) => set("rttMs", v)} display={`${o.rttMs} ms`} />
        <RangeField id={`${id}-ssthresh`} label="ssthresh" value={o.ssthresh} min={8} max={256} step={1} onChange={(v) => set("ssthresh", v)} display={`${o.ssthresh} segments`} />
        <SelectField
          id={`${id}-algo`}
          label="Congestion control"
          value={o.algorithm}
          options={ALGORITHMS.map((a) => ({ value: a, label: a === "CUBIC" ? "CUBIC (Linux default): cut to 0.7 on loss" : "Reno: halve on loss" }))}
          onChange={(v: Algorithm) => set("algorithm", v)}
        />
        <ToggleField
          id={`${id}-ka`}
          label="Reused connection (keep-alive)"
          hint="Starts at the window it already learned; Linux resets idle connections unless tcp_slow_start_after_idle is 0"
          checked={o.keepAlive}
          onChange={(v) => set("keepAlive", v)}
        />
      </Controls>
      <fieldset className="flex flex-wrap items-end gap-2">
        <legend className="mb-1 font-medium">Loss events</legend>
        <SelectField
          id={`${id}-round`}
          label="At round"
          value={String(eventRound)}
          options={Array.from({ length: o.rounds }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
          onChange={(v) => setEventRound(Number(v))}
        />
        <button type="button" className={buttonClass("secondary")} onClick={() => inject("dupacks")}>
          Inject 3 duplicate ACKs
        </button>
        <button type="button" className={buttonClass("secondary")} onClick={() => inject("timeout")}>
          Inject a timeout
        </button>
        <button
          type="button"
          className={buttonClass("secondary")}
          disabled={o.events.length === 0}
          onClick={() => {
            set("events", []);
            setMessage("Events cleared: no loss.");
          }}
        >
          Clear events
        </button>
      </fieldset>
      <Status>
        {message ? `${message} ` : ""}
        {`${o.algorithm}: after ${last?.round ?? 0} round trips (${(last?.timeMs ?? 0).toLocaleString("en-US")} ms) cwnd is ${last?.cwnd ?? 0} segments.`}
      </Status>
      <CwndChart points={points} />
      <RangeField id={`${id}-kb`} label="Response size" value={kb} min={1} max={2000} step={1} onChange={setKb} display={`${kb} KB`} />
      <TransferLine est={est} />
      <CwndTable points={points} />
    </WidgetPanel>
  );
}
