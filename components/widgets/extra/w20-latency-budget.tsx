"use client";

import { useId, useState } from "react";
import { computeJourney, DEFAULT_JOURNEY, type JourneyOptions } from "@/lib/core/widgets/latency-budget";
import { JourneyBreakdown } from "./w20-latency-budget-view";
import { Status } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select";
import { Controls, formatMs, RangeField, ToggleField, WidgetPanel } from "./ui";

export function LatencyBudget() {
  const id = useId();
  const [o, setO] = useState<JourneyOptions>(DEFAULT_JOURNEY);
  const journey = computeJourney(o);
  const set = <K extends keyof JourneyOptions>(k: K, v: JourneyOptions[K]) => setO((prev) => ({ ...prev, [k]: v }));
  return (
    <WidgetPanel label="Request journey and latency budget">
      <Controls legend="Journey settings">
        <RangeField
          id={`${id}-origin`}
          label="Distance to the servers"
          value={o.originDistanceKm}
          min={100}
          max={20_000}
          step={100}
          onChange={(v) => set("originDistanceKm", v)}
          display={`${o.originDistanceKm.toLocaleString("en-US")} km · RTT ${formatMs(journey.originRttMs)}`}
        />
        <RangeField
          id={`${id}-edge`}
          label="Distance to the nearest edge"
          value={o.edgeDistanceKm}
          min={100}
          max={5_000}
          step={100}
          onChange={(v) => set("edgeDistanceKm", v)}
          display={`${o.edgeDistanceKm.toLocaleString("en-US")} km${o.edgeTermination ? ` · RTT ${formatMs(journey.clientRttMs)}` : " (unused)"}`}
        />
        <SelectField
          id={`${id}-tls`}
          label="TLS version"
          value={journey.options.tls}
          disabled={o.http3}
          options={[
            { value: "1.3", label: "TLS 1.3 (1 round trip)" },
            { value: "1.2", label: "TLS 1.2 (2 round trips)" },
          ]}
          onChange={(v) => set("tls", v)}
        />
        <RangeField
          id={`${id}-server`}
          label="Your code's time"
          value={o.serverMs}
          min={0}
          max={300}
          step={5}
          onChange={(v) => set("serverMs", v)}
          display={formatMs(o.serverMs)}
        />
        <ToggleField id={`${id}-ka`} label="Reuse an open connection (keep-alive)" checked={o.keepAlive} onChange={(v) => set("keepAlive", v)} />
        <ToggleField id={`${id}-dns`} label="DNS answer already cached" checked={o.dnsCached} disabled={o.keepAlive} onChange={(v) => set("dnsCached", v)} />
        <ToggleField id={`${id}-h3`} label="HTTP/3 (QUIC)" hint="Transport and TLS 1.3 in one round trip" checked={o.http3} onChange={(v) => set("http3", v)} />
        <ToggleField
          id={`${id}-edge-tls`}
          label="Terminate TLS at a nearby edge"
          hint="The edge reuses a warm connection to the origin"
          checked={o.edgeTermination}
          onChange={(v) => set("edgeTermination", v)}
        />
      </Controls>
      <Status>
        {`First byte after ${formatMs(journey.totalMs)}; ${formatMs(journey.preApplicationMs)} of it is networking before your code runs.`}
        {journey.notes.length > 0 ? ` ${journey.notes.join(" ")}` : ""}
      </Status>
      <JourneyBreakdown journey={journey} />
    </WidgetPanel>
  );
}
