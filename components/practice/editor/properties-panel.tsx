"use client";

import { useId, useState, type ReactNode } from "react";
import type { DesignFlowEdge, DesignFlowNode, DesignMeta } from "@/lib/core/canvas/convert";
import { edgeFields, nodeFields, nodeLabelCheck, scenarioFields, type FieldSpec } from "@/lib/core/canvas/fields";
import { componentNames, effectiveZone, KIND_CATALOGUE, type ZoneName } from "@/lib/core/canvas/kinds";
import type { NodePatch } from "@/lib/core/canvas/ops";
import { optionLabel, regionLabel } from "@/lib/core/canvas/labels";
import { KNOWN_REGIONS } from "@/lib/core/evaluator/node-kinds";
import { FieldControl, InlineError, SubFields } from "./field-control";
import { denseInputClass } from "@/components/ui/field";
import { FieldList } from "./field-list";
import { CacheForControl } from "./cache-for-control";
import { KindIcon } from "./kind-icon";
import { buttonClass } from "@/components/ui/button";
import { linkClass } from "@/components/ui/link";

// The panel beside the canvas: the selected node's or edge's settings, or the design's own (name and
// scenario) when nothing is selected. Every settings field is generated from the design schema.

type Props = {
  nodes: DesignFlowNode[];
  edges: DesignFlowEdge[];
  meta: DesignMeta;
  readOnly: boolean;
  onNodePatch: (id: string, patch: NodePatch) => void;
  onEdgeProps: (id: string, props: Record<string, unknown> | undefined) => void;
  onMeta: (meta: DesignMeta) => void;
  onConnect: (from: string, to: string) => string | null;
  onDelete: (nodeIds: string[], edgeIds: string[]) => void;
  onSelect: (kind: "node" | "edge", id: string) => void;
  /** Why the scenario cannot be edited (a problem fixes it), or undefined when it can. */
  scenarioLockedReason?: string | undefined;
};

const heading = "text-sm font-semibold text-slate-900 dark:text-slate-100";

export function PropertiesPanel(props: Props) {
  const selNodes = props.nodes.filter((n) => n.selected);
  const selEdges = props.edges.filter((e) => e.selected);
  const total = selNodes.length + selEdges.length;
  let body;
  if (total === 1 && selNodes[0]) body = <NodePanel {...props} node={selNodes[0]} />;
  else if (total === 1 && selEdges[0]) body = <EdgePanel {...props} edge={selEdges[0]} />;
  else if (total > 1) {
    body = (
      <div className="space-y-2">
        <h3 className={heading}>{total} items selected</h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {selNodes.length} nodes and {selEdges.length} connections. Copy them with Ctrl+C, or delete them.
        </p>
        {!props.readOnly && (
          <button
            type="button"
            className={buttonClass("secondary", "xs")}
            onClick={() => props.onDelete(selNodes.map((n) => n.id), selEdges.map((e) => e.id))}
          >
            Delete selection
          </button>
        )}
      </div>
    );
  } else body = <DesignPanel {...props} />;
  return (
    <section aria-label="Properties" className="space-y-3 text-sm">
      {body}
    </section>
  );
}

/** A component as the canvas names it (componentNames): ids are the file format's, not the reader's. */
function nameOf(nodes: DesignFlowNode[], id: string): string {
  return componentNames(nodes.map((n) => n.data.node)).get(id) ?? "a component";
}

/** Every component with its kind and the canvas's name for it, named once for the whole design. */
function cacheForChoices(nodes: DesignFlowNode[]) {
  const names = componentNames(nodes.map((n) => n.data.node));
  return nodes.map((n) => ({ id: n.id, kind: n.data.node.kind, name: names.get(n.id) ?? "a component" }));
}

function fieldKey(owner: string, f: FieldSpec, value: unknown) {
  return `${owner}:${f.key}:${JSON.stringify(value ?? null)}`;
}

function NodePanel({ node, nodes, edges, readOnly, onNodePatch, onConnect, onDelete, onSelect }: Props & { node: DesignFlowNode }) {
  const rec = node.data.node;
  const info = KIND_CATALOGUE[rec.kind];
  const propsObj = (rec.props ?? {}) as Record<string, unknown>;
  const fields = nodeFields(rec.kind);
  const outgoing = edges.filter((e) => e.source === node.id);
  const incoming = edges.filter((e) => e.target === node.id);
  const zoneId = useId();
  const regionId = useId();
  const regions = rec.region && !(KNOWN_REGIONS as readonly string[]).includes(rec.region) ? [...KNOWN_REGIONS, rec.region] : KNOWN_REGIONS;
  const defaultZone = effectiveZone({ kind: rec.kind, zone: undefined });

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <KindIcon kind={rec.kind} className="h-6 w-6 text-brand-600 dark:text-brand-500" />
        <div>
          <h3 className={heading}>{nameOf(nodes, node.id)}</h3>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {info.title}
          </p>
        </div>
      </div>
      {readOnly ? (
        <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">Zone</dt>
          <dd className="text-right font-medium">{optionLabel("zone", rec.zone ?? defaultZone)}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Region</dt>
          <dd className="text-right font-medium">{rec.region ? regionLabel(rec.region) : "not set"}</dd>
        </dl>
      ) : (
        <>
      <FieldControl
        key={`${node.id}:label:${rec.label ?? ""}`}
        field={{
          key: "label",
          label: "Label",
          type: "text",
          optional: true,
          check: nodeLabelCheck(),
          maxLength: 200,
          // Without a label the canvas shows the kind.
          defaultValue: info.title,
        }}
        value={rec.label}
        disabled={readOnly}
        onCommit={(v) => onNodePatch(node.id, { label: v as string | undefined })}
      />
      <div className="grid grid-cols-2 gap-2">
        <LabelledSelect
          id={zoneId}
          label="Zone"
          value={rec.zone ?? ""}
          disabled={readOnly}
          onChange={(v) => onNodePatch(node.id, { zone: (v || undefined) as ZoneName | undefined })}
        >
          <option value="">Default ({optionLabel("zone", defaultZone)})</option>
          {(["public", "private", "data"] as const).map((z) => (
            <option key={z} value={z}>
              {optionLabel("zone", z)}
            </option>
          ))}
        </LabelledSelect>
        <LabelledSelect
          id={regionId}
          label="Region"
          value={rec.region ?? ""}
          disabled={readOnly}
          onChange={(v) => onNodePatch(node.id, { region: v || undefined })}
        >
          <option value="">Not set</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {regionLabel(r)}
            </option>
          ))}
        </LabelledSelect>
      </div>
        </>
      )}

      {!readOnly && <ConnectTo node={node} nodes={nodes} onConnect={onConnect} />}

      <Connections title="Calls" list={outgoing.map((e) => ({ edge: e, other: nameOf(nodes, e.target) }))} onSelect={onSelect} />
      <Connections title="Called by" list={incoming.map((e) => ({ edge: e, other: nameOf(nodes, e.source) }))} onSelect={onSelect} />

      <div className="space-y-2">
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Settings</h4>
        {readOnly ? (
          <FieldList fields={fields} value={propsObj} names={componentNames(nodes.map((n) => n.data.node))} />
        ) : (
          <>
            <SubFields
              fields={fields.filter((f) => f.key !== "cacheFor")}
              value={propsObj}
              disabled={false}
              keyOf={(f) => fieldKey(node.id, f, propsObj[f.key])}
              onCommit={(next) => onNodePatch(node.id, { props: Object.keys(next).length ? next : undefined })}
            />
            {fields.some((f) => f.key === "cacheFor") && (
              <CacheForControl
                cacheId={node.id}
                components={cacheForChoices(nodes)}
                value={propsObj.cacheFor}
                onCommit={(cacheFor) => {
                  const next = { ...propsObj, cacheFor };
                  if (cacheFor === undefined) delete next.cacheFor;
                  onNodePatch(node.id, { props: Object.keys(next).length ? next : undefined });
                }}
              />
            )}
          </>
        )}
      </div>
      {!readOnly && (
        <button type="button" className={buttonClass("secondary", "xs")} onClick={() => onDelete([node.id], [])}>
          Delete node
        </button>
      )}
    </div>
  );
}

function Connections({
  title,
  list,
  onSelect,
}: {
  title: string;
  list: { edge: DesignFlowEdge; other: string }[];
  onSelect: Props["onSelect"];
}) {
  if (list.length === 0) return null;
  return (
    <div>
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h4>
      <ul className="mt-1 flex flex-wrap gap-1">
        {list.slice(0, 50).map(({ edge, other }) => (
          <li key={edge.id}>
            <button type="button" className={buttonClass("secondary", "xs")} onClick={() => onSelect("edge", edge.id)} aria-label={`Edit the connection ${title === "Calls" ? "to" : "from"} ${other}`}>
              {other}
            </button>
          </li>
        ))}
        {list.length > 50 ? <li className="text-xs text-slate-600 dark:text-slate-400">and {list.length - 50} more</li> : null}
      </ul>
    </div>
  );
}

function ConnectTo({ node, nodes, onConnect }: { node: DesignFlowNode; nodes: DesignFlowNode[]; onConnect: Props["onConnect"] }) {
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const selectId = useId();
  if (!open) {
    return (
      <button type="button" className={buttonClass("secondary", "xs")} aria-expanded={false} onClick={() => setOpen(true)}>
        Connect to…
      </button>
    );
  }
  const others = nodes.filter((n) => n.id !== node.id);
  const names = componentNames(nodes.map((n) => n.data.node));
  return (
    <div className="space-y-1 rounded-md border border-slate-200 p-2 dark:border-slate-700">
      <label htmlFor={selectId} className="block text-xs font-medium text-slate-600 dark:text-slate-300">
        Connect {names.get(node.id)} to
      </label>
      <select
        id={selectId}
        className={denseInputClass}
        value={target}
        autoFocus
        onChange={(e) => setTarget(e.target.value)}
      >
        <option value="">Choose a node…</option>
        {others.map((n) => (
          <option key={n.id} value={n.id}>
            {names.get(n.id)}
          </option>
        ))}
      </select>
      <div className="flex gap-1">
        <button
          type="button"
          className={buttonClass("secondary", "xs")}
          disabled={!target}
          onClick={() => {
            const err = onConnect(node.id, target);
            if (err) setMessage(err);
            else {
              setMessage(null);
              setTarget("");
              setOpen(false);
            }
          }}
        >
          Connect
        </button>
        <button type="button" className={buttonClass("secondary", "xs")} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {message ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {message}
        </p>
      ) : null}
    </div>
  );
}

function EdgePanel({ edge, nodes, readOnly, onEdgeProps, onDelete, onSelect }: Props & { edge: DesignFlowEdge }) {
  const propsObj = (edge.data?.edge.props ?? {}) as Record<string, unknown>;
  return (
    <div className="space-y-3">
      <div>
        <h3 className={heading}>Connection</h3>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          <button type="button" className={linkClass("inherit")} onClick={() => onSelect("node", edge.source)}>
            {nameOf(nodes, edge.source)}
          </button>{" "}
          calls{" "}
          <button type="button" className={linkClass("inherit")} onClick={() => onSelect("node", edge.target)}>
            {nameOf(nodes, edge.target)}
          </button>
        </p>
      </div>
      {readOnly ? (
        <FieldList fields={edgeFields()} value={propsObj} />
      ) : (
        <SubFields
          fields={edgeFields()}
          value={propsObj}
          disabled={false}
          keyOf={(f) => fieldKey(edge.id, f, propsObj[f.key])}
          onCommit={(next) => onEdgeProps(edge.id, Object.keys(next).length ? next : undefined)}
        />
      )}
      {!readOnly && (
        <button type="button" className={buttonClass("secondary", "xs")} onClick={() => onDelete([], [edge.id])}>
          Delete connection
        </button>
      )}
    </div>
  );
}

function DesignPanel({ meta, readOnly, onMeta, nodes, edges, scenarioLockedReason }: Props) {
  const scenario = (meta.scenario ?? {}) as Record<string, unknown>;
  return (
    <div className="space-y-3">
      <div>
        <h3 className={heading}>Design</h3>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {nodes.length} nodes, {edges.length} connections. Select a node or connection to edit it.
        </p>
      </div>
      {readOnly ? (
        <p>
          <span className="text-slate-600 dark:text-slate-400">Design name: </span>
          <span className="font-medium">{meta.name || "untitled"}</span>
        </p>
      ) : (
        <NameField value={meta.name} disabled={false} onCommit={(name) => onMeta({ ...meta, name })} fieldLabel="Design name" />
      )}
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Scenario</h4>
      {scenarioLockedReason ? (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="scenario-locked">
          {scenarioLockedReason}
        </p>
      ) : null}
      {readOnly || scenarioLockedReason !== undefined ? (
        <FieldList fields={scenarioFields()} value={scenario} testId="scenario-facts" />
      ) : (
        scenarioFields().map((f) => (
        <FieldControl
          key={fieldKey("scenario", f, scenario[f.key])}
          field={f}
          value={scenario[f.key]}
          disabled={readOnly || scenarioLockedReason !== undefined}
          onCommit={(v) => {
            const next = { ...scenario };
            if (v === undefined) delete next[f.key];
            else next[f.key] = v;
            const rest = { ...meta };
            delete rest.scenario;
            onMeta(Object.keys(next).length ? ({ ...rest, scenario: next } as DesignMeta) : (rest as DesignMeta));
          }}
        />
      ))
      )}
    </div>
  );
}

function NameField({
  value,
  disabled,
  onCommit,
  fieldLabel,
}: {
  value: string;
  disabled: boolean;
  onCommit: (v: string) => void;
  fieldLabel: string;
}) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const check = (v: string) => (v.length > 200 ? "The name can be at most 200 characters" : null);
  const apply = () => {
    const err = check(draft);
    setError(err);
    if (!err && draft !== value) onCommit(draft);
  };
  return (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-slate-600 dark:text-slate-300">
        {fieldLabel}
      </label>
      <input
        id={id}
        className={denseInputClass}
        value={draft}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(check(e.target.value));
        }}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply();
          }
        }}
      />
      <InlineError message={error} />
    </div>
  );
}

function LabelledSelect(props: {
  id: string;
  label: string;
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={props.id} className="mb-0.5 block text-xs font-medium text-slate-600 dark:text-slate-300">
        {props.label}
      </label>
      <select id={props.id} className={denseInputClass} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value)}>
        {props.children}
      </select>
    </div>
  );
}
