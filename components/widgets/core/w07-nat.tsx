"use client";

import { useState } from "react";
import { DEVICE_IP, ISP_IP, PUBLIC_IP, ROUTER_LAN_IP, addForward, expire, idleConnection, inboundFromPhone, initialNat, receiveReply, sendOutbound, tick, type Hop, type NatState } from "@/lib/core/widgets/nat/model";
import { Table } from "@/components/ui/table";
import { SelectField, type SelectOption } from "@/components/ui/select";
import { Status } from "@/components/ui/alert";
import { Btn, Card, NumberField, WidgetBox, cx, WIDGET_TABLE } from "./ui";

const NODES: { id: Hop["at"]; label: string; addr: string }[] = [
  { id: "device", label: "Your device", addr: DEVICE_IP },
  { id: "router", label: "Router (NAT)", addr: `${ROUTER_LAN_IP} / ${PUBLIC_IP}` },
  { id: "isp", label: "ISP", addr: ISP_IP },
  { id: "internet", label: "Internet", addr: "198.51.100.20:443" },
];

const KEEP_ALIVES: readonly SelectOption<"off" | number>[] = [{ value: "off", label: "Off" }, ...[15, 45].map((s) => ({ value: s, label: `${s} s` }))];

export function NatSimulation() {
  const [timeout, setTimeoutS] = useState(30);
  const [keepAlive, setKeepAlive] = useState<number | null>(null);
  const [state, setState] = useState<NatState>(initialNat);
  const [hops, setHops] = useState<Hop[]>([]);
  const [hop, setHop] = useState(0);
  const [message, setMessage] = useState("Send a packet to watch the router rewrite its source address.");
  const [idle, setIdle] = useState<ReturnType<typeof idleConnection> | null>(null);
  const lastPort = state.table.at(-1)?.publicPort;
  const table = expire(state, timeout).table;

  const play = (h: Hop[], msg: string) => {
    setIdle(null);
    setHops(h);
    setHop(0);
    setMessage(`${msg} Hop 1 of ${h.length}: ${h[0]?.note ?? ""}`);
  };
  const nextHop = () => {
    const n = Math.min(hop + 1, hops.length - 1);
    setHop(n);
    setMessage(`Hop ${n + 1} of ${hops.length}: source ${hops[n]?.src}, destination ${hops[n]?.dst}. ${hops[n]?.note ?? ""}`);
  };
  const current = hops[hop];

  return (
    <WidgetBox label="NAT simulation">
      <ol aria-label="Path" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {NODES.map((n) => (
          <li key={n.id} aria-current={current?.at === n.id ? "step" : undefined} className={cx("rounded-md border p-2 text-xs", current?.at === n.id ? "border-amber-500 bg-amber-50 dark:bg-amber-900/40" : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950")}>
            <p className="font-semibold">{n.label}</p>
            <p className="font-mono break-all">{n.addr}</p>
          </li>
        ))}
      </ol>
      {current ? (
        <p className="font-mono text-xs" data-testid="w7-packet">
          Packet: src {current.src} → dst {current.dst}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Btn
          variant="primary"
          onClick={() => {
            const r = sendOutbound(state, timeout);
            setState(r.state);
            play(r.hops, "Outbound packet.");
          }}
        >
          Send packet out
        </Btn>
        <Btn
          disabled={lastPort === undefined}
          onClick={() => {
            const r = receiveReply(state, timeout, lastPort as number);
            setState(r.state);
            play(r.hops, r.delivered ? "Reply arriving." : "Reply arriving, but the mapping is gone.");
          }}
        >
          Receive reply
        </Btn>
        <Btn onClick={nextHop} disabled={hops.length === 0 || hop >= hops.length - 1}>
          Next hop
        </Btn>
        <Btn
          onClick={() => {
            const next = tick(state, 10);
            const left = expire(next, timeout).table.length;
            setState(next);
            setIdle(null);
            setMessage(`Waited 10 s (t = ${next.clock} s). ${left === 0 ? "No mappings left." : `${left} mapping${left > 1 ? "s" : ""} still alive.`}`);
          }}
        >
          Wait 10 s (t = {state.clock} s)
        </Btn>
      </div>
      <Card title="NAT translation table (port translation, PAT, is added detail)">
        {table.length === 0 ? (
          <p data-testid="w7-table">No mappings: nothing inside has talked out recently.</p>
        ) : (
          <div data-testid="w7-table">
            <Table {...WIDGET_TABLE}
              caption="Translation table"
              columns={["Private", "Public", "Remote", "Idle for"]}
              rows={table.map((m) => [`${m.privateIp}:${m.privatePort}`, `${m.publicIp}:${m.publicPort}`, m.remote, `${state.clock - m.lastSeen} s of ${timeout} s`])}
            />
          </div>
        )}
      </Card>
      <Card title="A phone on mobile data tries your dev server (localhost:3000)">
        <div className="flex flex-wrap gap-2">
          <Btn
            onClick={() => {
              const r = inboundFromPhone(state);
              play(r.hops, r.delivered ? "Inbound connection forwarded." : "Inbound connection refused.");
            }}
          >
            Try to connect from the phone
          </Btn>
          <Btn
            disabled={state.forwards.length > 0}
            onClick={() => {
              setState((s) => addForward(s));
              setIdle(null);
              setMessage("Added a port-forwarding rule: public port 3000 → 192.168.1.42:3000.");
            }}
          >
            Add port forwarding 3000
          </Btn>
        </div>
        <p className="mt-1 text-xs">localhost means “this machine”: it only works on your own computer.</p>
      </Card>
      <Card title="Idle connections and keep-alives">
        <div className="flex flex-wrap items-end gap-3">
          <NumberField label="NAT idle timeout (s)" id="w7-timeout" value={timeout} min={5} max={3600} onChange={(v) => { setTimeoutS(v); setIdle(null); }} />
          <SelectField density="compact" label="Keep-alive every" id="w7-keepalive" value={keepAlive ?? "off"} options={KEEP_ALIVES} onChange={(v) => { setKeepAlive(v === "off" ? null : v); setIdle(null); }} />
          <Btn onClick={() => setIdle(idleConnection({ idleTimeout: timeout, keepAlive, idleSeconds: 60 }))}>Leave it idle for 60 s</Btn>
        </div>
        {idle ? (
          <ul className="mt-2 font-mono text-xs" data-testid="w7-idle">
            {idle.events.map((e, i) => (
              <li key={i}>
                t={e.t} s: {e.what}
              </li>
            ))}
            <li className="font-semibold">{idle.survives ? "Connection survives." : "Connection dropped."}</li>
          </ul>
        ) : null}
        <p className="mt-1 text-xs">
          Home routers forget idle mappings after 30–300 s. The classic trap: a 30 s NAT timeout in front of a load balancer that keeps connections for 60 s; keep-alives every 15 s fix it. (AWS NAT gateways wait 350 s.)
        </p>
      </Card>
      <Status testId="w7-status">{idle ? (idle.survives ? `With keep-alives every ${keepAlive} s and a ${timeout} s timeout, the connection survives.` : `The mapping expired at ${idle.droppedAt} s: the connection dropped.`) : message}</Status>
    </WidgetBox>
  );
}
