"use client";

import { useState } from "react";
import { DEBUG_HINTS, OSI_LAYERS, TCPIP_LAYERS, encapsulationFrames, osiLayerFor, tcpIpLayerFor, type Model } from "@/lib/core/widgets/osi/model";
import { Badge } from "@/components/ui/badge";
import { Status } from "@/components/ui/alert";
import { Btn, Card, WidgetBox, cx } from "./ui";

const FRAMES = encapsulationFrames();

export function OsiExplorer() {
  const [model, setModel] = useState<Model>("osi");
  // The selection is always kept as an OSI number, so switching models never loses it.
  const [selected, setSelected] = useState(7);
  const [frame, setFrame] = useState<number | null>(null);
  const osi = OSI_LAYERS.find((l) => l.number === selected) ?? OSI_LAYERS[0]!;
  const tcpip = tcpIpLayerFor(selected);
  const current = frame === null ? null : FRAMES[frame];

  const status =
    current?.caption ??
    (model === "osi" ? `Selected L${osi.number} ${osi.name}. In TCP/IP this is the ${tcpip.name} layer.` : `Selected ${tcpip.name} (OSI ${tcpip.osi.join(", ")}).`);

  return (
    <WidgetBox label="OSI and TCP/IP layer explorer">
      <div role="group" aria-label="Model" className="flex flex-wrap gap-2">
        <Btn pressed={model === "osi"} onClick={() => setModel("osi")}>
          OSI (7 layers)
        </Btn>
        <Btn pressed={model === "tcpip"} onClick={() => setModel("tcpip")}>
          TCP/IP (4 layers)
        </Btn>
      </div>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 md:grid-cols-2">
        <ol aria-label={model === "osi" ? "OSI layers, top to bottom" : "TCP/IP layers, top to bottom"} className="space-y-1">
          {model === "osi"
            ? OSI_LAYERS.map((l) => {
                const acting = current?.layer === l.number;
                return (
                  <li key={l.number}>
                    <button
                      type="button"
                      aria-pressed={selected === l.number}
                      onClick={() => setSelected(l.number)}
                      className={cx(
                        "flex w-full flex-wrap items-baseline gap-x-2 rounded-md border px-2 py-1.5 text-left",
                        selected === l.number ? "border-brand-500 bg-brand-50 dark:bg-slate-700" : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950",
                        acting && "ring-2 ring-amber-400",
                      )}
                    >
                      <span className="font-mono text-xs">L{l.number}</span>
                      <span className="font-semibold">{l.name}</span>
                      <span className="text-xs text-slate-600 dark:text-slate-300">{l.protocols.join(", ")}</span>
                    </button>
                  </li>
                );
              })
            : TCPIP_LAYERS.map((l) => (
                <li key={l.id}>
                  <button
                    type="button"
                    aria-pressed={tcpip.id === l.id}
                    onClick={() => setSelected(osiLayerFor(l.id))}
                    className={cx(
                      "flex w-full flex-wrap items-baseline gap-x-2 rounded-md border px-2 py-1.5 text-left",
                      tcpip.id === l.id ? "border-brand-500 bg-brand-50 dark:bg-slate-700" : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950",
                      current && l.osi.includes(current.layer) && "ring-2 ring-amber-400",
                    )}
                    style={{ minHeight: `${l.osi.length * 2.1}rem` }}
                  >
                    <span className="font-semibold">{l.name}</span>
                    <span className="font-mono text-xs">OSI {l.osi.join("/")}</span>
                    <span className="text-xs text-slate-600 dark:text-slate-300">{l.protocols.join(", ")}</span>
                  </button>
                </li>
              ))}
        </ol>
        <Card title={model === "osi" ? `L${osi.number} ${osi.name}` : `${tcpip.name} (OSI ${tcpip.osi.join(", ")})`}>
          <p>{model === "osi" ? osi.detail : tcpip.detail}</p>
          {model === "osi" ? (
            <p className="mt-2">
              <span className="font-medium">On the way down it adds: </span>
              {osi.adds}
            </p>
          ) : null}
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
            Daily backend work lives at L4 (ports, TCP/UDP) and L7 (HTTP, DNS); L1 and L2 are rarely touched.
          </p>
        </Card>
      </div>

      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">Encapsulation:</span>
          <Btn onClick={() => setFrame(0)} variant="primary">
            Send a request
          </Btn>
          <Btn onClick={() => setFrame((f) => (f === null ? 0 : Math.max(0, f - 1)))} disabled={frame === null || frame === 0}>
            Back
          </Btn>
          <Btn onClick={() => setFrame((f) => (f === null ? 0 : Math.min(FRAMES.length - 1, f + 1)))} disabled={frame === FRAMES.length - 1}>
            Next layer
          </Btn>
          {frame !== null ? <span className="text-xs">Step {frame + 1} of {FRAMES.length}</span> : null}
        </div>
        {current ? (
          <div aria-label="The packet at this step" className="flex flex-wrap items-center gap-1 font-mono text-xs">
            {current.wrappers.map((w) => (
              <Badge key={w} tone="info">
                {w}
              </Badge>
            ))}
            <Badge tone="success">{"{ JSON payload }"}</Badge>
            {current.wrappers.includes("Ethernet frame") ? <Badge tone="info">Ethernet trailer</Badge> : null}
          </div>
        ) : null}
      </div>

      <Status testId="w1-status">{status}</Status>

      <details>
        <summary className="cursor-pointer font-medium">Which layer is broken? Symptoms and layers</summary>
        <ul className="mt-2 space-y-1">
          {DEBUG_HINTS.map((h) => (
            <li key={h.symptom}>
              <span className="font-mono">{h.symptom}</span> → L{h.osi}: {h.why}
            </li>
          ))}
        </ul>
      </details>
    </WidgetBox>
  );
}
