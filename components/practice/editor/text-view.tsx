"use client";

import { useId, useState } from "react";
import type { DesignFlowEdge, DesignFlowNode } from "@/lib/core/canvas/convert";
import { effectiveZone, KIND_CATALOGUE, KINDS } from "@/lib/core/canvas/kinds";
import type { NodeKind } from "@/lib/schemas/design";
import { inputClass } from "./field-control";
import { buttonClass } from "@/components/ui/button";

// The diagram as tables: every node and connection with its settings, and the controls to add, remove and
// edit them — the way to build a design without dragging anything.

const PAGE = 100;

type Props = {
  nodes: DesignFlowNode[];
  edges: DesignFlowEdge[];
  readOnly: boolean;
  onAddNode: (kind: NodeKind) => void;
  onRemove: (nodeIds: string[], edgeIds: string[]) => void;
  onConnect: (from: string, to: string) => string | null;
  onSelect: (kind: "node" | "edge", id: string) => void;
};

function summary(props: unknown): string {
  if (!props || typeof props !== "object") return "defaults";
  const entries = Object.entries(props as Record<string, unknown>);
  if (entries.length === 0) return "defaults";
  return entries.map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`).join(", ");
}

const th = "px-2 py-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const td = "px-2 py-1 align-top";

export function TextView({ nodes, edges, readOnly, onAddNode, onRemove, onConnect, onSelect }: Props) {
  const [nodeLimit, setNodeLimit] = useState(PAGE);
  const [edgeLimit, setEdgeLimit] = useState(PAGE);
  const [kind, setKind] = useState<NodeKind>("service");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const ids = { kind: useId(), from: useId(), to: useId() };

  return (
    <div className="space-y-6 overflow-x-auto p-3 text-sm" aria-label="Text view of the design">
      <section aria-labelledby={`${ids.kind}-h`}>
        <h2 id={`${ids.kind}-h`} className="mb-2 text-base font-semibold">
          Nodes ({nodes.length})
        </h2>
        {!readOnly && (
          <div className="mb-2 flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={ids.kind} className="block text-xs font-medium">
                Kind
              </label>
              <select id={ids.kind} className={inputClass} value={kind} onChange={(e) => setKind(e.target.value as NodeKind)}>
                {KINDS.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {k.title}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" className={buttonClass("secondary", "xs")} onClick={() => onAddNode(kind)}>
              Add node
            </button>
          </div>
        )}
        <table className="w-full min-w-[40rem] border-collapse">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className={th}>Id</th>
              <th scope="col" className={th}>Kind</th>
              <th scope="col" className={th}>Label</th>
              <th scope="col" className={th}>Zone</th>
              <th scope="col" className={th}>Region</th>
              <th scope="col" className={th}>Settings</th>
              <th scope="col" className={th}>Actions</th>
            </tr>
          </thead>
          <tbody>
            {nodes.slice(0, nodeLimit).map((n) => {
              const rec = n.data.node;
              return (
                <tr key={n.id} className={`border-b border-slate-100 dark:border-slate-800 ${n.selected ? "bg-brand-50 dark:bg-slate-800" : ""}`}>
                  <th scope="row" className={`${td} font-mono text-xs font-normal`}>{n.id}</th>
                  <td className={td}>{KIND_CATALOGUE[rec.kind].title}</td>
                  <td className={td}>{rec.label ?? ""}</td>
                  <td className={td}>{effectiveZone(rec)}</td>
                  <td className={td}>{rec.region ?? "—"}</td>
                  <td className={`${td} max-w-[18rem] break-words text-xs text-slate-600 dark:text-slate-400`}>{summary(rec.props)}</td>
                  <td className={`${td} whitespace-nowrap`}>
                    <button type="button" className={buttonClass("secondary", "xs")} onClick={() => onSelect("node", n.id)} aria-label={`Edit node ${n.id}`}>
                      Edit
                    </button>{" "}
                    {!readOnly && (
                      <button type="button" className={buttonClass("secondary", "xs")} onClick={() => onRemove([n.id], [])} aria-label={`Remove node ${n.id}`}>
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {nodes.length > nodeLimit ? (
          <button type="button" className={`${buttonClass("secondary", "xs")} mt-2`} onClick={() => setNodeLimit((l) => l + PAGE * 5)}>
            Show more nodes ({nodes.length - nodeLimit} hidden)
          </button>
        ) : null}
      </section>

      <section aria-labelledby={`${ids.from}-h`}>
        <h2 id={`${ids.from}-h`} className="mb-2 text-base font-semibold">
          Connections ({edges.length})
        </h2>
        {!readOnly && (
          <div className="mb-2 flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={ids.from} className="block text-xs font-medium">
                From (caller)
              </label>
              <select id={ids.from} className={inputClass} value={from} onChange={(e) => setFrom(e.target.value)}>
                <option value="">Choose…</option>
                {nodes.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.id}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={ids.to} className="block text-xs font-medium">
                To (callee)
              </label>
              <select id={ids.to} className={inputClass} value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">Choose…</option>
                {nodes.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.id}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className={buttonClass("secondary", "xs")}
              disabled={!from || !to}
              onClick={() => {
                const err = onConnect(from, to);
                setMessage(err);
                if (!err) setTo("");
              }}
            >
              Add connection
            </button>
          </div>
        )}
        {message ? (
          <p role="alert" className="mb-2 text-xs text-red-700 dark:text-red-400">
            {message}
          </p>
        ) : null}
        <table className="w-full min-w-[40rem] border-collapse">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className={th}>Id</th>
              <th scope="col" className={th}>From</th>
              <th scope="col" className={th}>To</th>
              <th scope="col" className={th}>Settings</th>
              <th scope="col" className={th}>Actions</th>
            </tr>
          </thead>
          <tbody>
            {edges.slice(0, edgeLimit).map((e) => (
              <tr key={e.id} className={`border-b border-slate-100 dark:border-slate-800 ${e.selected ? "bg-brand-50 dark:bg-slate-800" : ""}`}>
                <th scope="row" className={`${td} font-mono text-xs font-normal`}>{e.id}</th>
                <td className={td}>{e.source}</td>
                <td className={td}>{e.target}</td>
                <td className={`${td} max-w-[18rem] break-words text-xs text-slate-600 dark:text-slate-400`}>{summary(e.data?.edge.props)}</td>
                <td className={`${td} whitespace-nowrap`}>
                  <button type="button" className={buttonClass("secondary", "xs")} onClick={() => onSelect("edge", e.id)} aria-label={`Edit connection ${e.id}`}>
                    Edit
                  </button>{" "}
                  {!readOnly && (
                    <button type="button" className={buttonClass("secondary", "xs")} onClick={() => onRemove([], [e.id])} aria-label={`Remove connection ${e.id}`}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {edges.length > edgeLimit ? (
          <button type="button" className={`${buttonClass("secondary", "xs")} mt-2`} onClick={() => setEdgeLimit((l) => l + PAGE * 5)}>
            Show more connections ({edges.length - edgeLimit} hidden)
          </button>
        ) : null}
      </section>
    </div>
  );
}
