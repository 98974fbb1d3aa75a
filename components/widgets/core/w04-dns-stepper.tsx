"use client";

import { useState } from "react";
import {
  NODES,
  RECORD_TYPES,
  TTL_CHOICES,
  advanceClock,
  clearLevel,
  initialDnsState,
  lookup,
  remainingTtl,
  type DnsState,
  type LookupResult,
  type RecordType,
} from "@/lib/core/widgets/dns/model";
import { SelectField } from "@/components/ui/select";
import { Status } from "@/components/ui/alert";
import { Btn, Card, Check, WidgetBox, cx } from "./ui";

type Mode = "first" | "repeat";

function warmState(type: RecordType, ttl: number): DnsState {
  return ttl > 0 ? lookup(initialDnsState(), { type, ttl }).state : initialDnsState();
}

export function DnsStepper({ initialMode = "first" }: { initialMode?: Mode }) {
  const [type, setType] = useState<RecordType>("A");
  const [ttl, setTtl] = useState(300);
  const [hosts, setHosts] = useState(false);
  const [mode, setMode] = useState<Mode>(initialMode);
  const [state, setState] = useState<DnsState>(() => (initialMode === "repeat" ? warmState("A", 300) : initialDnsState()));
  const [result, setResult] = useState<LookupResult | null>(null);
  const [shown, setShown] = useState(0);
  const [log, setLog] = useState<string[]>([]);

  const stepping = result !== null && shown < result.steps.length;
  const visited = new Set(result?.steps.slice(0, shown).map((s) => s.node));
  const current = result && shown > 0 ? result.steps[shown - 1] : null;

  const resolve = () => {
    if (stepping && result) {
      setShown((n) => n + 1);
      return;
    }
    const r = lookup(state, { type, ttl, hostsOverride: hosts });
    setResult(r);
    setShown(1);
    setState(r.state);
    setLog((l) => [`#${r.state.lookups} at t=${state.clock} s: ${r.answeredBy}, ${r.elapsedMs} ms`, ...l].slice(0, 8));
  };
  const finishNow = () => result && setShown(result.steps.length);
  const switchMode = (m: Mode) => {
    setMode(m);
    setResult(null);
    setShown(0);
    setState(m === "repeat" ? warmState(type, ttl) : initialDnsState());
  };

  let status = mode === "repeat" ? "Repeat visit: the caches already hold the answer from the first visit. Press Resolve." : "First visit: every cache is empty. Press Resolve.";
  if (current && result) {
    status = `Step ${shown} of ${result.steps.length}: ${current.detail}.`;
    if (!stepping) {
      status = `Answered by the ${result.answeredBy} in ${result.elapsedMs} ms: ${result.answer}. ${
        result.walked ? "Root, TLD and authoritative were all asked." : "Root, TLD and authoritative were not contacted."
      }${result.answeredBy === "browser cache" || result.answeredBy === "OS cache" ? " Cached answers come back in under 1 ms; a cold walk takes 20–120 ms (200 ms or more at worst)." : ""}`;
    }
  }

  return (
    <WidgetBox label="DNS resolution stepper">
      <div role="group" aria-label="Visit" className="flex flex-wrap gap-2">
        <Btn pressed={mode === "first"} onClick={() => switchMode("first")}>
          First visit
        </Btn>
        <Btn pressed={mode === "repeat"} onClick={() => switchMode("repeat")}>
          Repeat visit
        </Btn>
      </div>
      <ol aria-label="Resolution chain" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {NODES.map((n, i) => {
          const active = current?.node === n.id;
          const done = visited.has(n.id);
          return (
            <li
              key={n.id}
              aria-current={active ? "step" : undefined}
              className={cx(
                "rounded-md border p-2 text-xs",
                active ? "border-amber-500 bg-amber-50 dark:bg-amber-900/40" : done ? "border-brand-500 bg-brand-50 dark:bg-slate-800" : "border-slate-200 bg-white opacity-80 dark:border-slate-700 dark:bg-slate-950",
              )}
            >
              <p className="font-semibold">
                {i + 1}. {n.label}
                {result && !stepping && !done && (n.id === "root" || n.id === "tld" || n.id === "auth") ? " (skipped)" : ""}
              </p>
              <p>{n.caption}</p>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-end gap-3">
        <Btn variant="primary" onClick={resolve}>
          {stepping ? "Next step" : "Resolve"}
        </Btn>
        <Btn onClick={finishNow} disabled={!stepping}>
          Show the whole walk
        </Btn>
        <SelectField density="compact" label="Record type" id="w4-type" value={type} options={RECORD_TYPES.map((t) => ({ value: t, label: t }))} onChange={setType} />
        <SelectField density="compact" label="TTL (seconds)" id="w4-ttl" value={ttl} options={TTL_CHOICES.map((t) => ({ value: t, label: t.toLocaleString("en") }))} onChange={setTtl} />
        <Check id="w4-hosts" label="/etc/hosts override" checked={hosts} onChange={setHosts} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Btn onClick={() => setState((s) => advanceClock(s, 60))}>Time passes: +60 s</Btn>
        <Btn onClick={() => setState((s) => advanceClock(s, 3600))}>+1 hour</Btn>
        <Btn onClick={() => setState((s) => clearLevel(s, "browser"))}>Clear browser cache</Btn>
      </div>
      <Card title={`Caches at t = ${state.clock.toLocaleString("en")} s`}>
        <ul className="grid gap-1 sm:grid-cols-3" data-testid="w4-caches">
          {(["browser", "os", "resolver"] as const).map((level) => {
            const left = remainingTtl(state, level, type);
            return (
              <li key={level}>
                <span className="font-medium">{level === "os" ? "OS" : level[0]!.toUpperCase() + level.slice(1)}:</span>{" "}
                {left === null ? "empty" : `${type} cached, ${left.toLocaleString("en")} s left`}
              </li>
            );
          })}
        </ul>
      </Card>
      <Status testId="w4-status">{status}</Status>
      {log.length > 0 ? (
        <details>
          <summary className="cursor-pointer font-medium">Query log</summary>
          <ul className="mt-1 font-mono text-xs">
            {log.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <p className="text-xs text-slate-600 dark:text-slate-400">TTL 0 means nobody may cache the answer, so every lookup reaches the authoritative server (one team measured 180 ms per lookup in production against 5 ms with caching in staging).</p>
    </WidgetBox>
  );
}
