"use client";

import { useMemo, useState, type ReactNode } from "react";
import { ATTACKS, FORGED_CERT, certificateVerdict, GENUINE_CERT, REQUEST, SERVER_NAME, flipByte, open, seal, tlsFlow, verifyCertificate, type AttackId, type TlsVersion } from "@/lib/core/widgets/tls/model";
import { Badge } from "@/components/ui/badge";
import { SelectField } from "@/components/ui/select";
import { Status } from "@/components/ui/alert";
import { Btn, Card, Check, WidgetBox } from "./ui";

const VERSIONS = (["1.3", "1.2", "1.1", "1.0"] as const satisfies readonly TlsVersion[]).map((v) => ({ value: v, label: `TLS ${v}` }));
const KEY_LABEL = { none: "No keys yet", exchanging: "Key shares exchanged in the open (safe: Diffie–Hellman)", derived: "Shared secret derived on both sides; never sent" } as const;

function AttackDetail({ id }: { id: AttackId }) {
  const attack = ATTACKS.find((a) => a.id === id)!;
  let demo: ReactNode = null;
  if (id === "mitm") {
    const forged = verifyCertificate(FORGED_CERT);
    demo = (
      <ul className="mt-1 space-y-0.5 text-xs" aria-label="Certificate checks on the forged certificate">
        {forged.checks.map((c) => (
          <li key={c.name}>
            <Badge tone={c.ok ? "success" : "danger"}>{c.ok ? "pass" : "FAIL"}</Badge> {c.name}: {c.why}
          </li>
        ))}
        <li className="font-semibold">Handshake aborted at “{forged.failedAt}”. {certificateVerdict("genuine certificate", verifyCertificate(GENUINE_CERT))}</li>
      </ul>
    );
  } else if (id === "eavesdrop") {
    const rec = seal(REQUEST);
    demo = (
      <p className="mt-1 font-mono text-xs break-all">
        On the wire: {rec.ciphertext.map((b) => b.toString(16).padStart(2, "0")).join("")}
      </p>
    );
  } else {
    const result = open(flipByte(seal(REQUEST), 4));
    demo = <p className="mt-1 text-xs font-semibold">One bit flipped in byte 5 → {result.ok ? "accepted" : `rejected. ${result.reason}`}</p>;
  }
  return (
    <Card title={attack.name}>
      <p>
        <span className="font-medium">The attempt: </span>
        {attack.attempt}
      </p>
      <p className="mt-1">
        <span className="font-medium">What stops it: </span>
        {attack.stoppedBy}
      </p>
      {demo}
    </Card>
  );
}

export function TlsHandshake() {
  const [version, setVersion] = useState<TlsVersion>("1.3");
  const [returning, setReturning] = useState(false);
  const [index, setIndex] = useState(0);
  const [attack, setAttack] = useState<AttackId | null>(null);
  const flow = useMemo(() => tlsFlow(version, returning), [version, returning]);
  const step = flow.steps[Math.min(index, flow.steps.length - 1)]!;
  const last = index >= flow.steps.length - 1;

  return (
    <WidgetBox label="TLS handshake stepper">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField density="compact" label="TLS version" id="w6-version" value={version} options={VERSIONS} onChange={(v) => { setVersion(v); setIndex(0); }} />
        <Check id="w6-returning" label="Returning visitor (resumption)" checked={returning} onChange={(v) => { setReturning(v); setIndex(0); }} />
        <Btn onClick={() => setIndex((i) => Math.max(0, i - 1))} disabled={index === 0}>
          Back
        </Btn>
        <Btn variant="primary" onClick={() => setIndex((i) => Math.min(flow.steps.length - 1, i + 1))} disabled={last}>
          Next message
        </Btn>
        <Btn onClick={() => setIndex(0)}>Reset</Btn>
      </div>
      <p className="text-xs font-medium">{flow.note}</p>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 md:grid-cols-2">
        <Card title={`Step ${index + 1}/${flow.steps.length}: ${step.title}`}>
          <p className="text-xs">
            {step.from === "client" ? `Browser → ${SERVER_NAME}` : step.from === "server" ? `${SERVER_NAME} → Browser` : `Browser ↔ ${SERVER_NAME}`} · {step.rtts} RTT so far
          </p>
          <ul className="mt-1 list-disc pl-5">
            {step.carries.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <p className="mt-1 text-xs">
            <span className="font-medium">Keys: </span>
            {KEY_LABEL[step.keys]}
          </p>
        </Card>
        <Card title="What an attacker on the wire sees">
          <p data-testid="w6-attacker">{step.attackerSees}</p>
        </Card>
      </div>
      <ol aria-label="All messages" className="flex flex-wrap gap-1 text-xs">
        {flow.steps.map((s, i) => (
          <li key={s.title}>
            <Badge tone={i === index ? "info" : i < index ? "success" : "neutral"}>
              {i + 1}. {s.title}
            </Badge>
          </li>
        ))}
      </ol>
      <Status testId="w6-status">
        Step {index + 1}: {step.title}. {step.rtts} RTT so far{last && !flow.refused ? `; the request left after ${flow.totalRtts} RTT in total (TCP ${flow.totalRtts - flow.tlsRtts} + TLS ${flow.tlsRtts})` : ""}.
      </Status>
      <div>
        <p className="font-medium">Attacks prevented</p>
        <div role="group" aria-label="Attacks" className="mt-1 flex flex-wrap gap-2">
          {ATTACKS.map((a) => (
            <Btn key={a.id} pressed={attack === a.id} onClick={() => setAttack(a.id)}>
              {a.name}
            </Btn>
          ))}
        </div>
        {attack ? <div className="mt-2">{<AttackDetail id={attack} />}</div> : null}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">The server name (SNI) stays visible to the network unless Encrypted Client Hello (ECH) is used; TLS 1.3 does encrypt the certificate.</p>
    </WidgetBox>
  );
}
