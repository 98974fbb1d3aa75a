"use client";

import { useId, useState } from "react";
import { DEFAULT_NAGLE, DELAYED_ACK_CHOICES, nagleTimeline, type NagleOptions } from "@/lib/core/widgets/nagle";
import { NagleBar, TimelineList } from "./w17-nagle-view";
import { Status } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select";
import { Controls, formatMs, RangeField, ToggleField, WidgetPanel } from "./ui";
import { buttonClass } from "@/components/ui/button";

export function NagleTimelineWidget() {
  const id = useId();
  const [o, setO] = useState<NagleOptions>(DEFAULT_NAGLE);
  const [shown, setShown] = useState(1);
  const timeline = nagleTimeline(o);
  const worst = nagleTimeline({ ...o, noDelay: false });
  const total = timeline.events.length;
  const step = Math.min(shown, total);
  const current = timeline.events[step - 1];

  function change(next: NagleOptions) {
    setO(next);
    setShown(1);
  }

  return (
    <WidgetPanel label="Nagle and delayed-ACK timeline">
      <Controls legend="Socket settings">
        <ToggleField
          id={`${id}-nodelay`}
          label="TCP_NODELAY (turn Nagle off)"
          checked={o.noDelay}
          onChange={(v) => change({ ...o, noDelay: v })}
        />
        <SelectField
          id={`${id}-ack`}
          label="Receiver's delayed-ACK timer"
          value={String(o.delayedAckMs)}
          options={DELAYED_ACK_CHOICES.map((v) => ({ value: String(v), label: v === 40 ? "40 ms (typical Linux)" : "200 ms (common upper figure)" }))}
          onChange={(v) => change({ ...o, delayedAckMs: Number(v) })}
        />
        <RangeField id={`${id}-rtt`} label="Round-trip time" value={o.rttMs} min={2} max={100} step={2} onChange={(v) => change({ ...o, rttMs: v })} display={formatMs(o.rttMs)} />
      </Controls>
      <NagleBar timeline={timeline} scaleMs={worst.doneMs} />
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass("primary")} disabled={step >= total} onClick={() => setShown(step + 1)}>
          Next step
        </button>
        <button type="button" className={buttonClass("secondary")} disabled={step >= total} onClick={() => setShown(total)}>
          Show all steps
        </button>
        <button type="button" className={buttonClass("secondary")} disabled={step <= 1} onClick={() => setShown(1)}>
          Restart
        </button>
      </div>
      <Status>
        {current ? `Step ${step} of ${total}, at ${formatMs(current.atMs)}: ${current.text}.` : ""}
        {step >= total ? ` Reply back after ${formatMs(timeline.doneMs)}.` : ""}
      </Status>
      <TimelineList timeline={timeline} shown={step} />
    </WidgetPanel>
  );
}
