"use client";

import { useId, useState } from "react";
import { DEFAULT_LAB, newLabState, sendRequest, type CMode, type LabConfig, type LabState, type TimeoutMode } from "@/lib/core/widgets/resilience-lab";
import { Chain, ConfigFacts, LabTotals, TraceTable } from "./w25-resilience-lab-view";
import { Status } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select";
import { Controls, formatMs, RangeField, ToggleField, WidgetPanel } from "./ui";
import { buttonClass } from "@/components/ui/button";

export function ResilienceLab() {
  const id = useId();
  const [config, setConfig] = useState<LabConfig>(DEFAULT_LAB);
  const [state, setState] = useState<LabState>(newLabState);
  const [message, setMessage] = useState("C is healthy. Send a request to watch it travel A → B → C.");
  const set = <K extends keyof LabConfig>(k: K, v: LabConfig[K]) => setConfig((prev) => ({ ...prev, [k]: v }));

  function send(n: number) {
    let s = state;
    for (let i = 0; i < n; i++) s = sendRequest(s, config);
    setState(s);
    const t = s.traces.at(-1);
    if (!t) return;
    setMessage(
      `Request ${t.n}: ${t.userOutcome} after ${formatMs(t.userMs)}. C reached ${t.callsToC} time${t.callsToC === 1 ? "" : "s"}, ${t.charges} charge${t.charges === 1 ? "" : "s"}${
        t.duplicateCharges > 0 ? `, ${t.duplicateCharges} duplicate` : ""
      }.${config.breaker ? ` Breaker ${t.breakerAfter}.` : ""}`,
    );
  }

  return (
    <WidgetPanel label="Timeouts, retries and circuit breaker lab">
      <Chain config={config} state={state} />
      <Controls legend="Lab settings">
        <SelectField<CMode>
          id={`${id}-c`}
          label="Service C is"
          value={config.cMode}
          options={[
            { value: "healthy", label: "Healthy (200 ms)" },
            { value: "slow", label: "Slow (4 s, but it still charges)" },
            { value: "failing", label: "Failing (errors at once)" },
          ]}
          onChange={(v) => set("cMode", v)}
        />
        <RangeField id={`${id}-deadline`} label="Deadline for the whole request" value={config.deadlineMs} min={1_000} max={10_000} step={500} onChange={(v) => set("deadlineMs", v)} display={formatMs(config.deadlineMs)} />
        <RangeField id={`${id}-ab`} label="A → B timeout" value={config.abTimeoutMs} min={250} max={6_000} step={250} onChange={(v) => set("abTimeoutMs", v)} display={formatMs(config.abTimeoutMs)} />
        <RangeField id={`${id}-bc`} label="B → C timeout (static, and cap of adaptive)" value={config.bcTimeoutMs} min={250} max={6_000} step={250} onChange={(v) => set("bcTimeoutMs", v)} display={formatMs(config.bcTimeoutMs)} />
        <SelectField<TimeoutMode>
          id={`${id}-mode`}
          label="B → C timeout strategy"
          value={config.timeoutMode}
          options={[
            { value: "static", label: "Static: the fixed value" },
            { value: "adaptive", label: "Adaptive: recent p99 + 100 ms" },
          ]}
          onChange={(v) => set("timeoutMode", v)}
        />
        <SelectField
          id={`${id}-retries`}
          label="Retries at each layer"
          value={String(config.retries)}
          options={[
            { value: "0", label: "Off" },
            { value: "1", label: "1 retry" },
            { value: "2", label: "2 retries" },
            { value: "3", label: "3 retries" },
          ]}
          onChange={(v) => set("retries", Number(v))}
        />
        <ToggleField id={`${id}-prop`} label="Propagate the deadline" hint="Each call gets at most the budget that is left" checked={config.propagateDeadline} onChange={(v) => set("propagateDeadline", v)} />
        <ToggleField id={`${id}-key`} label="Idempotency keys" hint="C remembers the key and charges once" checked={config.idempotencyKeys} onChange={(v) => set("idempotencyKeys", v)} />
        <ToggleField id={`${id}-breaker`} label="Circuit breaker on B → C" hint="Opens after N failures, tries again after 5 s" checked={config.breaker} onChange={(v) => set("breaker", v)} />
        <SelectField
          id={`${id}-n`}
          label="Breaker opens after"
          value={String(config.breakerThreshold)}
          disabled={!config.breaker}
          options={["1", "2", "3", "5"].map((v) => ({ value: v, label: `${v} failure${v === "1" ? "" : "s"}` }))}
          onChange={(v) => set("breakerThreshold", Number(v))}
        />
      </Controls>
      <ConfigFacts config={config} />
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass("primary")} onClick={() => send(1)}>
          Send a request
        </button>
        <button type="button" className={buttonClass("secondary")} onClick={() => send(5)}>
          Send 5 requests
        </button>
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() => {
            setState(newLabState());
            setMessage("Lab reset: breaker closed, no requests yet.");
          }}
        >
          Reset
        </button>
      </div>
      <Status>{message}</Status>
      <TraceTable trace={state.traces.at(-1)} />
      <LabTotals state={state} />
    </WidgetPanel>
  );
}
