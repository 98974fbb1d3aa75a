"use client";

import { useId, useState } from "react";
import { formatPercent, MAX_CALLS, MIN_CALLS, PERCENTILES, tailOdds, type PercentileId } from "@/lib/core/widgets/tail-latency";
import { TailGrid, TailHints, TailSummary } from "./w21-tail-latency-view";
import { Status } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select";
import { Controls, RangeField, WidgetPanel } from "./ui";

export function TailLatency() {
  const id = useId();
  const [calls, setCalls] = useState(50);
  const [pct, setPct] = useState<PercentileId>("p99");
  const odds = tailOdds(calls, pct);
  return (
    <WidgetPanel label="Tail-latency calculator">
      <Controls legend="Fan-out settings">
        <RangeField
          id={`${id}-calls`}
          label="Calls per page"
          value={calls}
          min={MIN_CALLS}
          max={MAX_CALLS}
          step={1}
          onChange={setCalls}
          display={`${calls} call${calls === 1 ? "" : "s"}`}
        />
        <SelectField
          id={`${id}-pct`}
          label="Slow means slower than"
          value={pct}
          options={PERCENTILES.map((p) => ({ value: p.id, label: `${p.label} (${Math.round((1 - p.fastShare) * 1000) / 10} % of calls are slow)` }))}
          onChange={setPct}
        />
      </Controls>
      <Status>{`${calls} call${calls === 1 ? "" : "s"} at ${pct}: ${formatPercent(odds.slowPageProbability)} of page loads hit the tail, about ${odds.perTen} in 10.`}</Status>
      <TailSummary odds={odds} />
      <TailGrid odds={odds} />
      <TailHints />
    </WidgetPanel>
  );
}
