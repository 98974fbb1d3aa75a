"use client";

import { useEffect, useMemo, useState } from "react";
import type { LbAlgorithm } from "@/lib/core/evaluator/schema";
import { ACTIVE, ALGORITHMS, PASSIVE, defaultConfig, runLoadBalancer, type HealthMode, type LbConfig } from "@/lib/core/widgets/load-balancer/model";
import { Badge } from "@/components/ui/badge";
import { SelectField, type SelectOption } from "@/components/ui/select";
import { Status } from "@/components/ui/alert";
import { Btn, Card, Check, NumberField, WidgetBox } from "./ui";
import { useReducedMotion } from "./use-reduced-motion";

const CLIENTS = ["198.51.100.10", "198.51.100.11", "198.51.100.12", "198.51.100.13", "198.51.100.14", "198.51.100.15"];

const HEALTH: readonly SelectOption<HealthMode>[] = [
  { value: "none", label: "None" },
  { value: "passive", label: "Passive (max_fails=3 fail_timeout=30s)" },
  { value: "active", label: "Active (GET /health every 5 s)" },
];
const SPACINGS = [100, 500, 1000, 5000].map((ms) => ({ value: ms, label: `${ms / 1000} s` }));

export function LoadBalancerSimulator() {
  const [config, setConfig] = useState<LbConfig>(defaultConfig);
  const [shown, setShown] = useState(0);
  const [playing, setPlaying] = useState(false);
  const reduced = useReducedMotion();
  const run = useMemo(() => runLoadBalancer(config), [config]);
  const algo = ALGORITHMS.find((a) => a.id === config.algorithm)!;
  const total = run.log.length;

  const animating = playing && shown < total;
  useEffect(() => {
    if (!animating) return;
    const t = window.setTimeout(() => setShown((n) => n + 1), 300);
    return () => window.clearTimeout(t);
  }, [animating, shown]);

  const update = (patch: Partial<LbConfig>) => {
    setConfig((c) => ({ ...c, ...patch }));
    setShown(0);
    setPlaying(false);
  };
  const updateServer = (i: number, patch: Partial<LbConfig["servers"][number]>) => update({ servers: config.servers.map((s, k) => (k === i ? { ...s, ...patch } : s)) });
  const updateRequest = (i: number, patch: Partial<LbConfig["requests"][number]>) => update({ requests: config.requests.map((r, k) => (k === i ? { ...r, ...patch } : r)) });

  const play = () => {
    if (reduced) {
      setShown(total);
      return;
    }
    setShown(0);
    setPlaying(true);
  };

  const visible = run.log.slice(0, shown);
  const liveCounts = config.servers.map((s) => visible.filter((l) => l.server === s.name).length);
  const done = shown >= total;
  const status =
    shown === 0
      ? `${algo.label} selected. Press Play to send ${total} requests.`
      : done
        ? `All ${total} sent: ${config.servers.map((s, i) => `${s.name} ${liveCounts[i]}`).join(", ")}. Total ${liveCounts.reduce((a, b) => a + b, 0) + visible.filter((l) => l.server === null).length}.`
        : `Request ${shown} → ${visible.at(-1)?.server ?? "no server"} (${visible.at(-1)?.status}).`;

  return (
    <WidgetBox label="Load balancer simulator">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField<LbAlgorithm> density="compact" label="Algorithm" id="w9-algorithm" value={config.algorithm} options={ALGORITHMS.map((a) => ({ value: a.id, label: a.label }))} onChange={(algorithm) => update({ algorithm })} />
        <SelectField density="compact" label="Health checks" id="w9-health" value={config.health} options={HEALTH} onChange={(health) => update({ health })} />
        <SelectField density="compact" label="Requests arrive every" id="w9-spacing" value={config.spacingMs} options={SPACINGS} onChange={(spacingMs) => update({ spacingMs })} />
        <NumberField label="Seed" id="w9-seed" value={config.seed} min={1} max={9999} onChange={(v) => update({ seed: v })} />
        <Btn variant="primary" onClick={play}>
          Play
        </Btn>
        <Btn onClick={() => { setConfig(defaultConfig()); setShown(0); setPlaying(false); }}>Reset</Btn>
      </div>
      <p>{algo.description}</p>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4" aria-label="Servers">
        {config.servers.map((s, i) => {
          const r = run.servers[i]!;
          const down = done && r.markedDownAtMs !== null;
          return (
            <li key={s.name} className="space-y-1 rounded-md border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-950">
              <p className="flex items-center justify-between font-semibold">
                Server {s.name}
                <span className="font-mono text-lg" data-testid={`w9-count-${s.name}`} aria-label={`Server ${s.name} requests`}>
                  {liveCounts[i]}
                </span>
              </p>
              {down ? <Badge tone="danger">marked down at {(r.markedDownAtMs as number) / 1000} s{r.retryAtMs !== null ? `, retried at ${r.retryAtMs / 1000} s` : ""}</Badge> : null}
              {done && r.errors > 0 ? <p className="text-xs">{r.errors} answered 500</p> : null}
              <NumberField label="Weight" id={`w9-weight-${s.name}`} value={s.weight} min={0} max={10} onChange={(v) => updateServer(i, { weight: v })} />
              <Check id={`w9-slow-${s.name}`} label="Slow" checked={s.slow} onChange={(v) => updateServer(i, { slow: v })} />
              <Check id={`w9-fail-${s.name}`} label="Returns 500s" checked={s.failing} onChange={(v) => updateServer(i, { failing: v })} />
            </li>
          );
        })}
      </ul>
      <details>
        <summary className="cursor-pointer font-medium">Edit the 12 requests (client IP and duration)</summary>
        <ol className="mt-2 grid gap-2 sm:grid-cols-2">
          {config.requests.map((r, i) => (
            <li key={i} className="flex flex-wrap items-end gap-2">
              <span className="w-6 font-mono text-xs">#{i + 1}</span>
              <SelectField<string> density="compact" label={`Request ${i + 1} client IP`} id={`w9-ip-${i}`} value={r.clientIp} options={CLIENTS.map((c) => ({ value: c, label: c }))} onChange={(clientIp) => updateRequest(i, { clientIp })} />
              <NumberField label={`Request ${i + 1} duration (ms)`} id={`w9-dur-${i}`} value={r.durationMs} min={1} max={60000} onChange={(v) => updateRequest(i, { durationMs: v })} />
            </li>
          ))}
        </ol>
      </details>
      <Card title="Request log">
        {visible.length === 0 ? (
          <p>Press Play to send requests.</p>
        ) : (
          <ol className="space-y-0.5 font-mono text-xs" data-testid="w9-log">
            {visible.map((l) => (
              <li key={l.index}>
                #{l.index} t={l.atMs / 1000}s {l.clientIp} → {l.server ?? "none"} · {l.status} {l.note !== "OK" ? `· ${l.note}` : ""}
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Status testId="w9-status">{status}</Status>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Passive checks count real failures: {PASSIVE.maxFails} within {PASSIVE.failTimeoutMs / 1000} s mark a server down for {PASSIVE.failTimeoutMs / 1000} s. Active checks probe GET /health every {ACTIVE.intervalMs / 1000} s and
        remove a server on its first non-200 answer. Without checks, a failing server keeps its share, and under least connections it gets even more: fast 500s look like low load.
      </p>
    </WidgetBox>
  );
}
