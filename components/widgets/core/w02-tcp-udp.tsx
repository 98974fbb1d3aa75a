"use client";

import { useState } from "react";
import { COMPARISON, DEFAULT_SCENARIO, SCENARIOS, scenario, simulateSend, unavailableNote, usefulAfterLoss, type Protocol, type ScenarioId, type SendResult } from "@/lib/core/widgets/transport/model";
import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { SelectField } from "@/components/ui/select";
import { Status } from "@/components/ui/alert";
import { Btn, Card, Check, NumberField, WidgetBox, WIDGET_TABLE } from "./ui";

const STATUS_TONE = { delivered: "success", retransmitted: "warning", lost: "danger" } as const;

function Lane({ protocol, result, unavailable }: { protocol: Protocol; result: SendResult | null; unavailable: string | null }) {
  const name = protocol.toUpperCase();
  return (
    <Card title={name} className="min-w-0">
      {unavailable ? (
        <p data-testid={`w2-${protocol}-recv`}>{unavailable}</p>
      ) : !result ? (
        <p data-testid={`w2-${protocol}-recv`}>RECV: Waiting…</p>
      ) : (
        <div className="space-y-2">
          <p className="text-xs">{protocol === "tcp" ? `Handshake first: ${result.handshakeMs} ms before any data.` : "No handshake: the first packet leaves at once."}</p>
          <div>
            <p className="text-xs font-medium">SEND</p>
            <ul className="flex flex-wrap gap-1" aria-label={`${name} packets sent`}>
              {result.packets.map((p) => (
                <li key={p.seq}>
                  <Badge tone={STATUS_TONE[p.status]}>
                    #{p.seq} {p.status}
                  </Badge>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <p className="text-xs font-medium">RECV (what the application reads, in order)</p>
            <ol data-testid={`w2-${protocol}-recv`} className="space-y-0.5 font-mono text-xs">
              {result.received.map((r) => {
                const held = result.packets.find((p) => p.seq === r.seq)?.heldMs ?? 0;
                return (
                  <li key={r.seq}>
                    {r.atMs} ms: #{r.seq} {r.payload}
                    {held > 0 ? ` (held ${held} ms behind a missing packet)` : ""}
                  </li>
                );
              })}
            </ol>
          </div>
          <p className="text-xs font-medium">
            {result.completeAndInOrder
              ? `Complete and in order after ${result.finishedMs} ms.`
              : `${result.gaps.length ? `Gaps: ${result.gaps.map((g) => `#${g}`).join(", ")} never arrive. ` : ""}${result.reordered ? "Arrived out of order. " : ""}Last packet at ${result.finishedMs} ms.`}
          </p>
        </div>
      )}
    </Card>
  );
}

export function TcpUdpSender() {
  const [scenarioId, setScenarioId] = useState<ScenarioId>(DEFAULT_SCENARIO);
  const [lossPct, setLossPct] = useState(20);
  const [reorder, setReorder] = useState(false);
  const [seed, setSeed] = useState(1);
  const [sent, setSent] = useState<{ tcp: SendResult; udp: SendResult } | null>(null);
  const sc = scenario(scenarioId);

  const send = () => {
    const common = { scenario: scenarioId, lossRate: lossPct / 100, reorder, seed };
    setSent({ tcp: simulateSend({ ...common, protocol: "tcp" }), udp: simulateSend({ ...common, protocol: "udp" }) });
  };
  const reset = () => setSent(null);
  const useful = sent ? usefulAfterLoss(sent.udp) : [];

  let status = `Scenario: ${sc.label}. Press Send to transmit ${6} packets over both protocols.`;
  if (sent) {
    status = `Sent. TCP: ${sent.tcp.completeAndInOrder ? `complete and in order at ${sent.tcp.finishedMs} ms` : "incomplete"}. UDP: ${
      sc.fits.udp ? (sent.udp.completeAndInOrder ? `complete at ${sent.udp.finishedMs} ms` : `${sent.udp.gaps.length} lost${sent.udp.reordered ? ", out of order" : ""}`) : "not an option here"
    }. Best fit: ${sc.best.toUpperCase()}.`;
  }

  return (
    <WidgetBox label="TCP versus UDP sender">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          density="compact"
          label="Scenario"
          id="w2-scenario"
          value={scenarioId}
          options={SCENARIOS.map((s) => ({ value: s.id, label: s.label }))}
          onChange={(v) => {
            setScenarioId(v);
            reset();
          }}
        />
        <label htmlFor="w2-loss" className="flex flex-col gap-1 text-xs font-medium">
          Packet loss: {lossPct}%
          <input id="w2-loss" type="range" min={0} max={50} step={5} value={lossPct} onChange={(e) => { setLossPct(Number(e.target.value)); reset(); }} className="accent-brand-600" />
        </label>
        <Check id="w2-reorder" label="Reorder packets" checked={reorder} onChange={(v) => { setReorder(v); reset(); }} />
        <NumberField id="w2-seed" label="Seed" value={seed} min={1} max={9999} onChange={(v) => { setSeed(v); reset(); }} />
        <Btn variant="primary" onClick={send}>
          Send
        </Btn>
      </div>
      <p>
        <span className="font-semibold">Use {sc.best.toUpperCase()}:</span> {sc.why}
      </p>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 md:grid-cols-2">
        <Lane protocol="tcp" result={sent?.tcp ?? null} unavailable={unavailableNote("tcp", sc)} />
        <Lane protocol="udp" result={sent?.udp ?? null} unavailable={unavailableNote("udp", sc)} />
      </div>
      {sent && sc.id === "game" && useful.length > 0 ? (
        <p>
          Under UDP, #{useful[0]!.next} arrived after #{useful[0]!.lost} was lost and was used at once: it carries the newest position, so nobody needs the old one. TCP made it wait.
        </p>
      ) : null}
      <Status testId="w2-status">{status}</Status>
      <Table {...WIDGET_TABLE} caption="TCP and UDP compared" columns={["", "TCP", "UDP"]} rows={COMPARISON.map((c) => [c.feature, c.tcp, c.udp])} />
    </WidgetBox>
  );
}
