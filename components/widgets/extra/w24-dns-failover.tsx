"use client";

import { useId, useState } from "react";
import { formatDuration, shareOnOldIp, simulateFailover, TTL_CHOICES } from "@/lib/core/widgets/dns-failover";
import { DEFAULT_FAILOVER, FailoverChart, FailoverFacts, ResolverGrid } from "./w24-dns-failover-view";
import { inputClass } from "@/components/ui/field";
import { Status } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select";
import { Controls, RangeField, ToggleField, WidgetPanel } from "./ui";
import { buttonClass } from "@/components/ui/button";

const TTL_LABEL: Record<number, string> = { 60: "60 s (live failover)", 300: "300 s (most services)", 3_600: "3,600 s (stable)", 86_400: "86,400 s (a day)" };

export function DnsFailover() {
  const id = useId();
  const [o, setO] = useState(DEFAULT_FAILOVER);
  const [seedText, setSeedText] = useState(String(DEFAULT_FAILOVER.seed));
  const [t, setT] = useState(0);
  const run = simulateFailover(o);
  const maxT = Math.ceil(run.worstS);
  const step = Math.max(1, Math.round(maxT / 20));
  const share = shareOnOldIp(run, t);
  const seedValid = /^\d{1,9}$/.test(seedText);

  function change(next: typeof o) {
    setO(next);
    setT(0);
  }

  return (
    <WidgetPanel label="DNS TTL failover simulator">
      <Controls legend="Record and resolvers">
        <SelectField
          id={`${id}-ttl`}
          label="TTL of the record"
          value={String(o.ttl)}
          options={TTL_CHOICES.map((v) => ({ value: String(v), label: TTL_LABEL[v] ?? `${v} s` }))}
          onChange={(v) => change({ ...o, ttl: Number(v) })}
        />
        <ToggleField
          id={`${id}-bad`}
          label="Some ISP caches ignore short TTLs"
          hint="About 1 in 10 resolvers keep answers for at least an hour"
          checked={o.misbehaving}
          onChange={(v) => change({ ...o, misbehaving: v })}
        />
        <div>
          <label htmlFor={`${id}-seed`} className="font-medium">Seed</label>
          <input
            id={`${id}-seed`}
            className={`${inputClass} font-mono`}
            inputMode="numeric"
            value={seedText}
            aria-invalid={!seedValid}
            aria-describedby={`${id}-seed-hint`}
            onChange={(e) => {
              setSeedText(e.target.value);
              if (/^\d{1,9}$/.test(e.target.value)) change({ ...o, seed: Number(e.target.value) });
            }}
          />
          <p id={`${id}-seed-hint`} className={`text-xs ${seedValid ? "text-slate-600 dark:text-slate-400" : "text-red-700 dark:text-red-400"}`}>
            {seedValid ? "Same seed, same resolvers: the run is reproducible." : "The seed is a whole number of up to 9 digits."}
          </p>
        </div>
        <RangeField
          id={`${id}-t`}
          label="Time since the failure"
          value={Math.min(t, maxT)}
          min={0}
          max={maxT}
          step={step}
          onChange={setT}
          display={formatDuration(t)}
        />
      </Controls>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass("primary")} disabled={t >= maxT} onClick={() => setT(Math.min(maxT, t + step))}>
          Advance {formatDuration(step)}
        </button>
        <button type="button" className={buttonClass("secondary")} disabled={t >= maxT} onClick={() => setT(maxT)}>
          Jump to the last resolver
        </button>
        <button type="button" className={buttonClass("secondary")} disabled={t === 0} onClick={() => setT(0)}>
          Back to the failure
        </button>
      </div>
      <Status>{`${formatDuration(t)} after the failure: ${Math.round(share * 100)} % still on the old address. Everyone has moved by ${formatDuration(run.worstS)}.`}</Status>
      <FailoverFacts run={run} t={t} />
      <ResolverGrid run={run} t={t} />
      <FailoverChart run={run} t={t} />
    </WidgetPanel>
  );
}
