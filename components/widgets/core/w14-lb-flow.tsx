"use client";

import { useEffect, useState } from "react";
import { addServer, initialFlowServers, killOrRevive, routeRequest, type FlowServer } from "@/lib/core/widgets/load-balancer/flow";
import { Badge } from "@/components/ui/badge";
import { Status } from "@/components/ui/alert";
import { Btn, WidgetBox, cx } from "./ui";
import { useReducedMotion } from "./use-reduced-motion";

type Sent = { n: number; to: number | null };

export function LoadBalancerFlow() {
  const [servers, setServers] = useState<FlowServer[]>(initialFlowServers);
  const [sent, setSent] = useState<Sent[]>([]);
  const [playing, setPlaying] = useState(false);
  const reduced = useReducedMotion();
  const last = sent.at(-1);

  const sendOne = () =>
    setSent((list) => {
      const n = list.length;
      return [...list, { n, to: routeRequest(servers, n) }].slice(-60);
    });

  useEffect(() => {
    if (!playing) return;
    const t = window.setInterval(sendOne, reduced ? 1500 : 700);
    return () => window.clearInterval(t);
  });

  const counts = servers.map((_, i) => sent.filter((s) => s.to === i).length);
  const status = last
    ? last.to === null
      ? `Request ${last.n + 1}: every backend is down, so the balancer can only answer with an error.`
      : `Request ${last.n + 1} → ${servers[last.to]?.name}.`
    : "Press Send one request or Play. Kill a backend to see traffic move to the others.";

  return (
    <WidgetBox label="Load-balancer flow">
      <div className="flex flex-wrap gap-2">
        <Btn variant="primary" onClick={() => setPlaying((p) => !p)} pressed={playing}>
          {playing ? "Pause" : "Play"}
        </Btn>
        <Btn onClick={sendOne}>Send one request</Btn>
        <Btn onClick={() => setServers((s) => addServer(s))} disabled={servers.length >= 6}>
          Add a backend (scale out)
        </Btn>
      </div>
      <div className="grid grid-cols-[auto_1fr] items-center gap-3">
        <div className="rounded-md border border-slate-200 bg-white p-2 text-center text-xs dark:border-slate-700 dark:bg-slate-950">
          <p className="font-semibold">Clients</p>
          <p aria-hidden="true">→</p>
          <p className="font-semibold">Balancer</p>
          <p className="text-slate-600 dark:text-slate-400">one entry point</p>
        </div>
        <ul className="grid gap-2 sm:grid-cols-3" aria-label="Backends">
          {servers.map((s, i) => (
            <li key={s.name} className={cx("rounded-md border p-2", last?.to === i ? "border-green-600" : "border-slate-200 dark:border-slate-700", s.healthy ? "bg-white dark:bg-slate-950" : "bg-red-50 dark:bg-red-900/30")}>
              <p className="flex items-center justify-between font-semibold">
                {s.name}
                <span data-testid={`w14-count-${i}`} aria-label={`${s.name} requests`}>
                  {counts[i]}
                </span>
              </p>
              <Badge tone={s.healthy ? "success" : "danger"}>{s.healthy ? "healthy" : "down"}</Badge>
              <Btn className="mt-1 w-full" onClick={() => setServers((list) => killOrRevive(list, i))}>
                {s.healthy ? `Kill ${s.name}` : `Revive ${s.name}`}
              </Btn>
            </li>
          ))}
        </ul>
      </div>
      <Status testId="w14-status">{status}</Status>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        The balancer spreads load (round robin here; least connections and latency-based are common too), stops sending to a dead backend, and lets you scale out by adding machines.
      </p>
    </WidgetBox>
  );
}
