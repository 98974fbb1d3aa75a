"use client";

import { useMemo, useState } from "react";
import { CLIENT_ADDR, SERVER_ADDR, handshakeSteps, initialSequenceNumbers, type HandshakeStep, type Side } from "@/lib/core/widgets/tcp-handshake/model";
import { Badge } from "@/components/ui/badge";
import { SelectField, type SelectOption } from "@/components/ui/select";
import { Status } from "@/components/ui/alert";
import { Btn, NumberField, WidgetBox, cx } from "./ui";

const CLOSERS: readonly SelectOption<Side>[] = [{ value: "client", label: "Client" }, { value: "server", label: "Server" }];

export function SegmentArrow({ step }: { step: HandshakeStep }) {
  const seg = step.segment;
  if (!seg) return <p className="py-2 text-center text-xs text-slate-600 dark:text-slate-400">No segment on the wire at this step.</p>;
  const rightward = seg.from === "client";
  const label = `${seg.flags}${seg.seq !== undefined ? ` seq=${seg.seq}` : ""}${seg.ack !== undefined ? ` ack=${seg.ack}` : ""}`;
  return (
    <div className="py-1" title={seg.note}>
      <p className="text-center font-mono text-xs font-semibold">{label}</p>
      <div aria-hidden="true" className={cx("flex items-center", rightward ? "flex-row" : "flex-row-reverse")}>
        <div className="h-0.5 flex-1 bg-brand-500" />
        <div className={cx("size-0 border-y-[6px] border-y-transparent", rightward ? "border-l-[10px] border-l-brand-500" : "border-r-[10px] border-r-brand-500")} />
      </div>
      <p className="text-center text-xs text-slate-600 dark:text-slate-400">
        {rightward ? "client → server" : "server → client"}: {seg.note}
      </p>
    </div>
  );
}

export function TcpHandshake() {
  const [seed, setSeed] = useState(0);
  const [closer, setCloser] = useState<Side>("client");
  const [index, setIndex] = useState(0);
  // Seed 0 shows the textbook numbers; any other seed draws random ones, as a real stack would.
  const isn = seed === 0 ? { client: 1000, server: 5000 } : initialSequenceNumbers(seed);
  const steps = useMemo(() => handshakeSteps({ clientIsn: isn.client, serverIsn: isn.server, closer }), [isn.client, isn.server, closer]);
  const step = steps[index] ?? steps[0]!;

  return (
    <WidgetBox label="TCP handshake and teardown stepper">
      <div className="flex flex-wrap items-end gap-3">
        <Btn onClick={() => setIndex((i) => Math.max(0, i - 1))} disabled={index === 0}>
          Back
        </Btn>
        <Btn variant="primary" onClick={() => setIndex((i) => Math.min(steps.length - 1, i + 1))} disabled={index === steps.length - 1}>
          Next
        </Btn>
        <Btn onClick={() => setIndex(0)}>Reset</Btn>
        <SelectField density="compact" label="Who closes first" id="w3-closer" value={closer} options={CLOSERS} onChange={(v) => { setCloser(v); setIndex(0); }} />
        <NumberField label="Sequence seed (0 = 1000/5000)" id="w3-seed" value={seed} min={0} max={9999} onChange={(v) => { setSeed(v); setIndex(0); }} />
      </div>
      <p className="text-xs font-medium" data-testid="w3-counter">
        Step {index + 1}/{steps.length}: {step.title} · setup cost so far {step.setupRtts} RTT
      </p>
      <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)_minmax(0,1fr)] items-center gap-2">
        <div className="rounded-md border border-slate-200 bg-white p-2 text-center dark:border-slate-700 dark:bg-slate-950">
          <p className="font-semibold">Client</p>
          <p className="font-mono text-xs break-all">{CLIENT_ADDR}</p>
          <Badge tone={step.client === "ESTABLISHED" ? "success" : step.client === "TIME_WAIT" ? "warning" : "neutral"}>{step.client}</Badge>
        </div>
        <SegmentArrow step={step} />
        <div className="rounded-md border border-slate-200 bg-white p-2 text-center dark:border-slate-700 dark:bg-slate-950">
          <p className="font-semibold">Server</p>
          <p className="font-mono text-xs break-all">{SERVER_ADDR}</p>
          <Badge tone={step.server === "ESTABLISHED" ? "success" : step.server === "TIME_WAIT" ? "warning" : "neutral"}>{step.server}</Badge>
        </div>
      </div>
      <Status testId="w3-status">
        Step {index + 1}: {step.caption}
      </Status>
      <p className="text-xs text-slate-600 dark:text-slate-400">State names such as SYN_SENT and TIME_WAIT are the standard TCP ones (RFC 9293), added for reference.</p>
    </WidgetBox>
  );
}
