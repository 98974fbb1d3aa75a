"use client";

import { useId, useState } from "react";
import { DEFAULT_RACE, race, RESOURCES, type RaceOptions } from "@/lib/core/widgets/http-race";
import { RaceLegend, Waterfall } from "./w18-http-race-view";
import { Status } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select";
import { Controls, formatMs, RangeField, WidgetPanel } from "./ui";

export function HttpRace() {
  const id = useId();
  const [o, setO] = useState<RaceOptions>(DEFAULT_RACE);
  const runs = race(o);
  const scale = Math.max(...runs.map((r) => r.finishMs));
  const switchChoices = [0.5, 1.5, 2.5, 4].map((k) => Math.round(k * o.rttMs));
  return (
    <WidgetPanel label="HTTP/1.1 vs 2 vs 3 loading race">
      <Controls legend="Network conditions">
        <RangeField id={`${id}-rtt`} label="Round-trip time" value={o.rttMs} min={20} max={300} step={10} onChange={(v) => setO({ ...o, rttMs: v, switchAtMs: null })} display={formatMs(o.rttMs)} />
        <SelectField
          id={`${id}-loss`}
          label="Lose a packet of"
          value={o.lostResource === null ? "none" : String(o.lostResource)}
          options={[{ value: "none", label: "Nothing (no loss)" }, ...RESOURCES.map((r, i) => ({ value: String(i), label: r.name }))]}
          onChange={(v) => setO({ ...o, lostResource: v === "none" ? null : Number(v) })}
        />
        <SelectField
          id={`${id}-switch`}
          label="Switch networks (Wi-Fi to mobile) at"
          value={o.switchAtMs === null ? "none" : String(o.switchAtMs)}
          options={[{ value: "none", label: "Never" }, ...switchChoices.map((ms) => ({ value: String(ms), label: formatMs(ms) }))]}
          onChange={(v) => setO({ ...o, switchAtMs: v === "none" ? null : Number(v) })}
        />
      </Controls>
      <Status>{runs.map((r) => `HTTP/${r.version} done at ${formatMs(r.finishMs)}`).join("; ")}.</Status>
      {runs.map((r) => (
        <Waterfall key={r.version} run={r} scaleMs={scale} />
      ))}
      <RaceLegend />
    </WidgetPanel>
  );
}
