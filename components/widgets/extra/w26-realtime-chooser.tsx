"use client";

import { useId, useState } from "react";
import { choose, DEFAULT_ANSWERS, TECHNIQUES, type Answers, type Direction, type Frequency } from "@/lib/core/widgets/realtime-chooser";
import { Recommendation, TrafficComparison } from "./w26-realtime-chooser-view";
import { Status } from "@/components/ui/alert";
import { ToggleField, WidgetPanel } from "./ui";

function RadioGroup<T extends string>(props: { name: string; legend: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <fieldset className="space-y-1">
      <legend className="font-medium">{props.legend}</legend>
      {props.options.map((o) => (
        <div key={o.value} className="flex items-center gap-2">
          <input
            id={`${props.name}-${o.value}`}
            type="radio"
            name={props.name}
            className="size-4 accent-brand-600"
            checked={props.value === o.value}
            onChange={() => props.onChange(o.value)}
          />
          <label htmlFor={`${props.name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function RealtimeChooser() {
  const id = useId();
  const [a, setA] = useState<Answers>(DEFAULT_ANSWERS);
  const best = TECHNIQUES.find((t) => t.id === choose(a).technique)?.label;
  return (
    <WidgetPanel label="Real-time technique chooser">
      <div className="grid gap-3 sm:grid-cols-3">
        <RadioGroup<Direction>
          name={`${id}-dir`}
          legend="Which way does data flow?"
          value={a.direction}
          options={[
            { value: "server-to-client", label: "Server to client only" },
            { value: "both", label: "Both ways" },
          ]}
          onChange={(v) => setA({ ...a, direction: v })}
        />
        <RadioGroup<Frequency>
          name={`${id}-freq`}
          legend="How often?"
          value={a.frequency}
          options={[
            { value: "rare", label: "Rarely (every few minutes)" },
            { value: "regular", label: "About once a minute" },
            { value: "constant", label: "Constantly (every second)" },
          ]}
          onChange={(v) => setA({ ...a, frequency: v })}
        />
        <ToggleField
          id={`${id}-blocked`}
          label="A proxy on the path blocks WebSockets"
          hint="Some corporate proxies break the upgrade"
          checked={a.websocketsBlocked}
          onChange={(v) => setA({ ...a, websocketsBlocked: v })}
        />
      </div>
      <Status>{`Recommended: ${best}.`}</Status>
      <Recommendation answers={a} />
      <TrafficComparison answers={a} />
    </WidgetPanel>
  );
}
