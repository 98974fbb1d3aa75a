"use client";

import { useId, useState } from "react";
import type { DesignFlowEdge, DesignFlowNode } from "@/lib/core/canvas/convert";
import { describeFieldValue, edgeFields, nodeFields, type FieldSpec } from "@/lib/core/canvas/fields";
import { componentNames, effectiveZone, KIND_CATALOGUE, KINDS } from "@/lib/core/canvas/kinds";
import { optionLabel, regionLabel } from "@/lib/core/canvas/labels";
import type { NodeKind } from "@/lib/schemas/design";
import { denseInputClass } from "@/components/ui/field";
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

/** The settings a node or connection sets, as the properties panel words them ("Replicas: 3", "Algorithm: Round robin"). */
function summary(fields: FieldSpec[], props: unknown, names: ReadonlyMap<string, string>): string {
  if (!props || typeof props !== "object") return "Defaults";
  const set = props as Record<string, unknown>;
  const shown = fields.filter((f) => set[f.key] !== undefined).map((f) => `${f.label}: ${describeFieldValue(f, set[f.key], names)}`);
  return shown.length > 0 ? shown.join(", ") : "Defaults";
}

const th = "px-2 py-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const td = "px-2 py-1 align-top";
const rowClass = (selected: boolean | undefined) =>
  `border-b border-slate-100 dark:border-slate-800 ${selected ? "bg-brand-50 dark:bg-slate-800" : ""}`;

function Head({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr className="border-b border-slate-200 dark:border-slate-700">
        {columns.map((c) => (
          <th key={c} scope="col" className={th}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Edit and (unless read-only) Remove for one row; `what` names the row for screen readers ("Orders API"). */
function RowActions({ what, readOnly, onEdit, onRemove }: { what: string; readOnly: boolean; onEdit: () => void; onRemove: () => void }) {
  return (
    <td className={`${td} whitespace-nowrap`}>
      <button type="button" className={buttonClass("secondary", "xs")} onClick={onEdit} aria-label={`Edit ${what}`}>
        Edit
      </button>{" "}
      {!readOnly && (
        <button type="button" className={buttonClass("secondary", "xs")} onClick={onRemove} aria-label={`Remove ${what}`}>
          Remove
        </button>
      )}
    </td>
  );
}

function ShowMore({ hidden, what, onMore }: { hidden: number; what: string; onMore: () => void }) {
  if (hidden <= 0) return null;
  return (
    <button type="button" className={`${buttonClass("secondary", "xs")} mt-2`} onClick={onMore}>
      Show more {what} ({hidden} hidden)
    </button>
  );
}

function NodeSelect({ id, label, nodes, names, value, onChange }: { id: string; label: string; nodes: DesignFlowNode[]; names: Map<string, string>; value: string; onChange: (id: string) => void }) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium">
        {label}
      </label>
      <select id={id} className={denseInputClass} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {nodes.map((n) => (
          <option key={n.id} value={n.id}>
            {names.get(n.id)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextView({ nodes, edges, readOnly, onAddNode, onRemove, onConnect, onSelect }: Props) {
  const [nodeLimit, setNodeLimit] = useState(PAGE);
  const [edgeLimit, setEdgeLimit] = useState(PAGE);
  const [kind, setKind] = useState<NodeKind>("service");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const ids = { kind: useId(), from: useId(), to: useId() };
  const names = componentNames(nodes.map((n) => n.data.node));
  const name = (id: string) => names.get(id) ?? "a component";

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
              <select id={ids.kind} className={denseInputClass} value={kind} onChange={(e) => setKind(e.target.value as NodeKind)}>
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
          <Head columns={["Name", "Kind", "Zone", "Region", "Settings", "Actions"]} />
          <tbody>
            {nodes.slice(0, nodeLimit).map((n) => {
              const rec = n.data.node;
              return (
                <tr key={n.id} className={rowClass(n.selected)}>
                  <th scope="row" className={`${td} text-left font-medium`}>{name(n.id)}</th>
                  <td className={td}>{KIND_CATALOGUE[rec.kind].title}</td>
                  <td className={td}>{optionLabel("zone", effectiveZone(rec))}</td>
                  <td className={td}>{rec.region ? regionLabel(rec.region) : "Not set"}</td>
                  <td className={`${td} max-w-[18rem] break-words text-xs text-slate-600 dark:text-slate-400`}>{summary(nodeFields(rec.kind), rec.props, names)}</td>
                  <RowActions what={name(n.id)} readOnly={readOnly} onEdit={() => onSelect("node", n.id)} onRemove={() => onRemove([n.id], [])} />
                </tr>
              );
            })}
          </tbody>
        </table>
        <ShowMore hidden={nodes.length - nodeLimit} what="nodes" onMore={() => setNodeLimit((l) => l + PAGE * 5)} />
      </section>

      <section aria-labelledby={`${ids.from}-h`}>
        <h2 id={`${ids.from}-h`} className="mb-2 text-base font-semibold">
          Connections ({edges.length})
        </h2>
        {!readOnly && (
          <div className="mb-2 flex flex-wrap items-end gap-2">
            <NodeSelect id={ids.from} label="From (caller)" nodes={nodes} names={names} value={from} onChange={setFrom} />
            <NodeSelect id={ids.to} label="To (callee)" nodes={nodes} names={names} value={to} onChange={setTo} />
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
          <Head columns={["From", "To", "Settings", "Actions"]} />
          <tbody>
            {edges.slice(0, edgeLimit).map((e) => (
              <tr key={e.id} className={rowClass(e.selected)}>
                <th scope="row" className={`${td} text-left font-medium`}>{name(e.source)}</th>
                <td className={td}>{name(e.target)}</td>
                <td className={`${td} max-w-[18rem] break-words text-xs text-slate-600 dark:text-slate-400`}>{summary(edgeFields(), e.data?.edge.props, names)}</td>
                <RowActions what={`the connection from ${name(e.source)} to ${name(e.target)}`} readOnly={readOnly} onEdit={() => onSelect("edge", e.id)} onRemove={() => onRemove([], [e.id])} />
              </tr>
            ))}
          </tbody>
        </table>
        <ShowMore hidden={edges.length - edgeLimit} what="connections" onMore={() => setEdgeLimit((l) => l + PAGE * 5)} />
      </section>
    </div>
  );
}
