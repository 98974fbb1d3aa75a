"use client";

import { useState } from "react";
import { EXAMPLES, INVALIDATIONS, LAYERS, SCENARIOS, advance, clearLayer, initialCache, request, scenarioOf, updateData, urlKey, type CacheState, type Invalidation, type RequestResult } from "@/lib/core/widgets/caching/model";
import { SelectField } from "@/components/ui/select";
import { Status } from "@/components/ui/alert";
import { Btn, Card, WidgetBox, cx } from "./ui";

export function CachingLayers() {
  const [state, setState] = useState<CacheState>(() => initialCache("users"));
  const [last, setLast] = useState<RequestResult | null>(null);
  const [how, setHow] = useState<Invalidation>("delete-key");
  const [message, setMessage] = useState("Send a request to see which layer answers it.");
  const sc = scenarioOf(state.scenario);

  const send = () => {
    const r = request(state);
    setState(r.state);
    setLast(r);
    const layer = LAYERS.find((l) => l.id === r.servedBy)!;
    setMessage(`Answered by ${layer.label} (data version ${r.version}${r.stale ? `, STALE: the database has version ${state.dataVersion}` : ", fresh"}). About ${r.latencyMs} ms for the user.`);
  };
  const act = (next: CacheState, text: string) => {
    setState(next);
    setLast(null);
    setMessage(text);
  };

  return (
    <WidgetBox label="Caching layers simulator">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          density="compact"
          label="Scenario"
          id="w10-scenario"
          value={state.scenario}
          options={SCENARIOS.map((s) => ({ value: s.id, label: s.label }))}
          onChange={(v) => act(initialCache(v), `Switched to “${scenarioOf(v).label}”; all caches empty.`)}
        />
        <Btn variant="primary" onClick={send}>
          Send request
        </Btn>
        <Btn onClick={() => act(advance(state, sc.ttl), `Clock moved ${sc.ttl} s forward: every copy stored before now has expired.`)}>Advance clock past TTL (+{sc.ttl} s)</Btn>
        <Btn onClick={() => act(advance(state, 10), "Clock moved 10 s forward.")}>+10 s</Btn>
      </div>
      <Card>
        <p>
          <span className="font-semibold">{sc.label}.</span> {sc.description}
        </p>
        <p className="font-mono text-xs break-words">
          GET {urlKey(state)} · Cache-Control: {sc.cacheControl} · Redis key {sc.key} · TTL {sc.ttl} s · clock t = {state.clock} s · database version {state.dataVersion}
        </p>
      </Card>
      <ol aria-label="Cache layers in lookup order" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {LAYERS.map((l) => {
          const step = last?.path.find((p) => p.layer === l.id);
          const entry = l.id === "db" ? null : state.layers[l.id].find((e) => e.expiresAt > state.clock);
          const skipped = l.id === "cdn" && sc.private;
          return (
            <li key={l.id} className={cx("rounded-md border p-2 text-xs", last?.servedBy === l.id ? "border-green-600 bg-green-50 dark:bg-green-900/40" : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950")}>
              <p className="flex justify-between font-semibold">
                {l.label}
                <span data-testid={`w10-hits-${l.id}`} aria-label={`${l.label} hits`}>
                  {state.hits[l.id]}
                </span>
              </p>
              <p>
                {l.latency} ({l.vantage})
              </p>
              <p className="mt-1">
                {skipped ? "Never stores private data." : l.id === "db" ? `Version ${state.dataVersion}` : entry ? `v${entry.version}, ${entry.expiresAt - state.clock} s left` : "empty"}
              </p>
              {step ? <p className="mt-1 italic">{step.note}</p> : null}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-end gap-2">
        <Btn onClick={() => act(clearLayer(state, "browser"), "New device: the browser cache is empty.")}>New device</Btn>
        <Btn onClick={() => act(clearLayer(state, "cdn"), "CDN purged.")}>Purge CDN</Btn>
        <Btn onClick={() => act(clearLayer(state, "redis"), "Redis flushed.")}>Flush Redis</Btn>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <SelectField density="compact" label="Invalidation after an update" id="w10-invalidation" value={how} options={INVALIDATIONS.map((i) => ({ value: i.id, label: i.label }))} onChange={setHow} />
        <Btn onClick={() => act(updateData(state, how), `Data updated to version ${state.dataVersion + 1}. ${INVALIDATIONS.find((i) => i.id === how)!.effect}`)}>Update the data</Btn>
      </div>
      <Status testId="w10-status">{message}</Status>
      <details>
        <summary className="cursor-pointer font-medium">Where each cache lives, and real numbers</summary>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {LAYERS.map((l) => (
            <li key={l.id}>
              <span className="font-medium">{l.label}:</span> {l.lives}
            </li>
          ))}
          {EXAMPLES.map((e) => (
            <li key={e}>{e}</li>
          ))}
          <li>The latencies are not measured from one place: Redis is under 1 ms from the app server, while the CDN figure is from the user, which is why a “lower” layer can look faster.</li>
        </ul>
      </details>
    </WidgetBox>
  );
}
