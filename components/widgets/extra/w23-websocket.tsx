"use client";

import { useId, useState } from "react";
import { acceptFor, idle, keyFromSeed, newSession, RFC_EXAMPLE_KEY, sendFrame, type Direction, type FrameKind, type Session } from "@/lib/core/widgets/websocket";
import { FrameTable, Handshake } from "./w23-websocket-view";
import { inputClass } from "@/components/ui/field";
import { Status } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select";
import { Controls, WidgetPanel } from "./ui";
import { buttonClass } from "@/components/ui/button";

const TIMEOUTS = [
  { value: "30", label: "30 s (a strict NAT, hypothetical)" },
  { value: "60", label: "60 s (load balancer default)" },
  { value: "350", label: "350 s (AWS NAT gateway)" },
];
const HEARTBEATS = [
  { value: "off", label: "Off" },
  { value: "15", label: "Ping every 15 s" },
  { value: "25", label: "Ping every 25 s" },
  { value: "45", label: "Ping every 45 s" },
];

export function WebSocketInspector() {
  const id = useId();
  const [wsKey, setWsKey] = useState(RFC_EXAMPLE_KEY);
  const [seed, setSeed] = useState(1);
  const [session, setSession] = useState<Session>(() => newSession(1));
  const [from, setFrom] = useState<Direction>("client");
  const [text, setText] = useState("hello");
  const [timeout, setTimeoutS] = useState("30");
  const [heartbeat, setHeartbeat] = useState("off");
  const [message, setMessage] = useState(`Key ${RFC_EXAMPLE_KEY} gives Accept ${acceptFor(RFC_EXAMPLE_KEY)}.`);

  function send(kind: FrameKind) {
    if (session.state !== "open") {
      setMessage(`The connection is ${session.state}; reconnect first.`);
      return;
    }
    const next = sendFrame(session, from, kind, text);
    const added = next.frames.slice(session.frames.length);
    setSession(next);
    setMessage(
      added
        .map((f) => `${f.from} sent ${f.kind}: ${f.header.length}-byte header, ${f.payloadBytes}-byte payload${f.masked ? ", masked" : ""}.`)
        .join(" ") + (next.state === "closed" ? " Connection closed." : ""),
    );
  }

  function wait(seconds: number) {
    const next = idle(session, seconds, Number(timeout), heartbeat === "off" ? null : Number(heartbeat));
    const pings = next.frames.length - session.frames.length;
    setSession(next);
    setMessage(
      next.state === "dropped"
        ? `Dropped silently at ${next.droppedAtS} s: the middlebox saw no traffic for ${timeout} s. Neither side has noticed yet.`
        : `Still open at ${next.nowS} s${pings > 0 ? ` after ${pings / 2} ping and pong pair${pings === 2 ? "" : "s"}` : ""}.`,
    );
  }

  return (
    <WidgetPanel label="WebSocket upgrade inspector">
      <section className="space-y-2" aria-labelledby={`${id}-hs`}>
        <h4 id={`${id}-hs`} className="font-semibold">Opening handshake</h4>
        <div>
          <label htmlFor={`${id}-key`} className="font-medium">Sec-WebSocket-Key</label>
          <input
            id={`${id}-key`}
            className={`${inputClass} font-mono`}
            value={wsKey}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => {
              setWsKey(e.target.value);
              setMessage(`Accept is now ${acceptFor(e.target.value)}.`);
            }}
          />
        </div>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => {
              const k = keyFromSeed(seed);
              setWsKey(k);
              setSeed(seed + 1);
              setMessage(`New key from seed ${seed}: Accept is ${acceptFor(k)}.`);
            }}
          >
            New key (seed {seed})
          </button>
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => {
              setWsKey(RFC_EXAMPLE_KEY);
              setMessage(`Back to the RFC example: Accept is ${acceptFor(RFC_EXAMPLE_KEY)}.`);
            }}
          >
            Use the RFC example key
          </button>
        </div>
        <Handshake wsKey={wsKey} />
      </section>
      <section className="space-y-2" aria-labelledby={`${id}-frames`}>
        <h4 id={`${id}-frames`} className="font-semibold">
          Frames <span className="font-normal text-slate-600 dark:text-slate-400">(connection {session.state})</span>
        </h4>
        <Controls legend="Frame to send">
          <SelectField<Direction>
            id={`${id}-from`}
            label="Sender"
            value={from}
            options={[
              { value: "client", label: "Browser (masked)" },
              { value: "server", label: "Server (unmasked)" },
            ]}
            onChange={setFrom}
          />
          <div>
            <label htmlFor={`${id}-text`} className="font-medium">Text message</label>
            <input id={`${id}-text`} className={inputClass} value={text} maxLength={70_000} onChange={(e) => setText(e.target.value)} />
          </div>
        </Controls>
        <div className="flex flex-wrap gap-2" role="group" aria-label="Send a frame">
          {(["text", "binary", "ping", "pong", "close"] as const).map((k) => (
            <button key={k} type="button" className={k === "text" ? buttonClass("primary") : buttonClass("secondary")} disabled={session.state !== "open"} onClick={() => send(k)}>
              Send {k}
            </button>
          ))}
        </div>
        <FrameTable session={session} />
      </section>
      <section className="space-y-2" aria-labelledby={`${id}-idle`}>
        <h4 id={`${id}-idle`} className="font-semibold">Idle connection</h4>
        <Controls legend="Idle settings">
          <SelectField id={`${id}-timeout`} label="Idle timeout on the path" value={timeout} options={TIMEOUTS} onChange={setTimeoutS} />
          <SelectField id={`${id}-hb`} label="Heartbeat" value={heartbeat} options={HEARTBEATS} onChange={setHeartbeat} />
        </Controls>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass("secondary")} disabled={session.state !== "open"} onClick={() => wait(30)}>
            Stay idle 30 s
          </button>
          <button type="button" className={buttonClass("secondary")} disabled={session.state !== "open"} onClick={() => wait(120)}>
            Stay idle 2 min
          </button>
          <button
            type="button"
            className={buttonClass("secondary")}
            disabled={session.state === "open"}
            onClick={() => {
              setSession(newSession(seed));
              setMessage("Reconnected: a new upgrade, a new connection, no frames yet.");
            }}
          >
            Reconnect
          </button>
        </div>
      </section>
      <Status>{message}</Status>
    </WidgetPanel>
  );
}
