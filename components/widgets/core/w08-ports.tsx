"use client";

import { useState } from "react";
import { CLIENT_IP, LINUX_EPHEMERAL, RANGES, SERVER_IP, SERVICES, connectionLine, ephemeralPort, rangeOf } from "@/lib/core/widgets/ports/model";
import { Badge } from "@/components/ui/badge";
import { SelectField } from "@/components/ui/select";
import { Status } from "@/components/ui/alert";
import { Btn, Card, Check, NumberField, WidgetBox, cx } from "./ui";

export function PortExplorer() {
  const [serviceId, setServiceId] = useState("https");
  const [seed, setSeed] = useState(1);
  const [roll, setRoll] = useState(0);
  const [linux, setLinux] = useState(false);
  const service = SERVICES.find((s) => s.id === serviceId) ?? SERVICES[0]!;
  // Roll 0 shows the classic example port; each re-roll draws from the seed.
  const clientPort = roll === 0 && !linux ? 52_341 : ephemeralPort(seed, roll, linux);
  const serverRange = rangeOf(service.port);
  const rangeLabel = RANGES.find((r) => r.id === serverRange)?.label ?? "";

  return (
    <WidgetBox label="Port explorer">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField density="compact" label="Connection type" id="w8-service" value={serviceId} options={SERVICES.map((s) => ({ value: s.id, label: `${s.label} (${s.port})` }))} onChange={setServiceId} />
        <Btn variant="primary" onClick={() => setRoll((r) => r + 1)}>
          Re-roll client port
        </Btn>
        <NumberField label="Seed" id="w8-seed" value={seed} min={1} max={9999} onChange={(v) => { setSeed(v); setRoll(0); }} />
        <Check id="w8-linux" label="Use Linux's default range" checked={linux} onChange={setLinux} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Card title="Your device">
          <p className="font-mono">IP {CLIENT_IP}</p>
          <p className="font-mono" data-testid="w8-client-port">
            Port {clientPort}
          </p>
          <p className="text-xs">Ephemeral: picked at random for this connection. Protocol {service.protocol}.</p>
        </Card>
        <Card title="Remote server">
          <p className="font-mono">
            {SERVER_IP}:{service.port}
          </p>
          <p className="text-xs">
            {service.label} server: a fixed, known port. <Badge tone="info">{rangeLabel}</Badge>
          </p>
        </Card>
      </div>
      <p className="font-mono text-xs font-semibold sm:text-sm" data-testid="w8-connection">
        {connectionLine(clientPort, service)}
      </p>
      {service.note ? <p className="text-xs">{service.note}</p> : null}
      <ul className="grid gap-2 sm:grid-cols-3" aria-label="Port ranges">
        {RANGES.map((r) => (
          <li key={r.id} className={cx("rounded-md border p-2 text-xs", r.id === serverRange ? "border-brand-500 bg-brand-50 dark:bg-slate-800" : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950")}>
            <p className="font-semibold">
              {r.label}: {r.from}–{r.to}
              {r.id === serverRange ? " (server port here)" : ""}
            </p>
            <p>{r.what}</p>
          </li>
        ))}
      </ul>
      {linux ? (
        <p className="text-xs">
          Linux draws client ports from {LINUX_EPHEMERAL.from}–{LINUX_EPHEMERAL.to} by default (net.ipv4.ip_local_port_range), not the IANA range 49152–65535.
        </p>
      ) : null}
      <Status testId="w8-status">
        {service.label} uses port {service.port} ({rangeLabel.toLowerCase()} range). The client port {clientPort} is ephemeral. IP picks the machine, the port picks the application: together they are an endpoint.
      </Status>
    </WidgetBox>
  );
}
