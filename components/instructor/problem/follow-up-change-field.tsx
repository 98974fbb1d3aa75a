"use client";

import type { FollowUpChange } from "@/lib/schemas/interview";
import { FRAME, FRAME_LEGEND, type FieldOverride } from "@/components/instructor/schema-form";
import { buttonClass } from "@/components/ui/button";
import { selectClass } from "@/components/ui/select";
import { inputClass } from "@/components/ui/field";

type Op = FollowUpChange["op"];
type NumberSpec = { key: string; label: string };

/** Each kind of scenario change a follow-up can apply, in words, with the figures it needs. */
const OPS: Record<Op, { label: string; numbers: NumberSpec[]; fresh: () => Partial<FollowUpChange> }> = {
  "scale-load": { label: "Multiply the load", numbers: [{ key: "factor", label: "By (×, more than 1)" }], fresh: () => ({ op: "scale-load" }) },
  "read-ratio": { label: "Change the share of reads", numbers: [{ key: "readRatio", label: "New share of reads (0–1)" }], fresh: () => ({ op: "read-ratio" }) },
  "cold-connections": {
    label: "Change the share of requests on new connections",
    numbers: [{ key: "coldRatio", label: "New share on new connections (0–1)" }],
    fresh: () => ({ op: "cold-connections" }),
  },
  "region-down": { label: "Take a region down", numbers: [], fresh: () => ({ op: "region-down", region: "" }) },
  "slow-dependency": {
    label: "Slow down a dependency",
    numbers: [
      { key: "medianMs", label: "Its median latency (ms)" },
      { key: "p99Ms", label: "Its p99 latency (ms)" },
    ],
    fresh: () => ({ op: "slow-dependency", kind: "external_api" }),
  },
  "cache-flush": { label: "Flush the cache", numbers: [{ key: "hitRatio", label: "Hit ratio while it refills (0–1)" }], fresh: () => ({ op: "cache-flush" }) },
};

const DEPENDENCIES: { value: Extract<FollowUpChange, { op: "slow-dependency" }>["kind"]; label: string }[] = [
  { value: "external_api", label: "External API" },
  { value: "database", label: "Database" },
  { value: "cache", label: "Cache" },
  { value: "object_storage", label: "Object storage" },
];

/** A follow-up's list of scenario changes: a union the generated form cannot draw, so it gets its own fields. */
export const followUpChangeField: FieldOverride = ({ id, label, value, onChange, error, describedBy }) => {
  // A freshly added follow-up holds one empty slot (the generated form cannot fill a union): treat it as blank.
  const list = (Array.isArray(value) ? value : []).map((c) => (c && typeof c === "object" ? (c as Record<string, unknown>) : {}));
  const set = (i: number, next: Record<string, unknown>) => onChange(list.map((c, j) => (j === i ? next : c)));
  return (
    <fieldset className={FRAME} aria-describedby={describedBy}>
      <legend className={FRAME_LEGEND}>
        {label} <span className="font-normal text-slate-600 dark:text-slate-400">(1–5)</span>
      </legend>
      {error ? (
        <p id={describedBy} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <ol className="space-y-3">
        {list.map((change, i) => {
          const op = typeof change.op === "string" && change.op in OPS ? (change.op as Op) : null;
          const spec = op ? OPS[op] : null;
          return (
            <li key={i} className="grid gap-2 rounded-md bg-slate-50 p-3 sm:grid-cols-2 dark:bg-slate-900/60">
              <div className="sm:col-span-2">
                <label htmlFor={`${id}-${i}-op`} className="block text-sm font-medium">
                  Change {i + 1}
                </label>
                <select id={`${id}-${i}-op`} value={op ?? ""} onChange={(e) => (e.target.value ? set(i, OPS[e.target.value as Op].fresh()) : set(i, {}))} className={selectClass}>
                  {op ? null : <option value="">Choose what changes…</option>}
                  {(Object.keys(OPS) as Op[]).map((o) => (
                    <option key={o} value={o}>
                      {OPS[o].label}
                    </option>
                  ))}
                </select>
              </div>
              {op === "region-down" ? (
                <div>
                  <label htmlFor={`${id}-${i}-region`} className="block text-sm font-medium">
                    Region that goes down (one of the user groups’ regions)
                  </label>
                  <input id={`${id}-${i}-region`} type="text" value={String(change.region ?? "")} onChange={(e) => set(i, { ...change, region: e.target.value })} className={inputClass} />
                </div>
              ) : null}
              {op === "slow-dependency" ? (
                <div>
                  <label htmlFor={`${id}-${i}-kind`} className="block text-sm font-medium">
                    Which dependency
                  </label>
                  <select id={`${id}-${i}-kind`} value={String(change.kind ?? "external_api")} onChange={(e) => set(i, { ...change, kind: e.target.value })} className={selectClass}>
                    {DEPENDENCIES.map((d) => (
                      <option key={d.value} value={d.value}>
                        {d.label}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              {(spec?.numbers ?? []).map((n) => (
                <div key={n.key}>
                  <label htmlFor={`${id}-${i}-${n.key}`} className="block text-sm font-medium">
                    {n.label}
                  </label>
                  <input
                    id={`${id}-${i}-${n.key}`}
                    type="number"
                    step="any"
                    inputMode="decimal"
                    value={typeof change[n.key] === "number" && Number.isFinite(change[n.key]) ? String(change[n.key]) : ""}
                    onChange={(e) => {
                      const next = { ...change };
                      if (e.target.value === "") delete next[n.key];
                      else next[n.key] = e.target.valueAsNumber;
                      set(i, next);
                    }}
                    className={inputClass}
                  />
                </div>
              ))}
              <div className="sm:col-span-2">
                <button type="button" className={buttonClass("secondary", "xs")} disabled={list.length <= 1} onClick={() => onChange(list.filter((_, j) => j !== i))} aria-label={`Remove change ${i + 1}`}>
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className={`${buttonClass("secondary", "xs")} mt-3`} disabled={list.length >= 5} onClick={() => onChange([...list, {}])}>
        Add a change
      </button>
    </fieldset>
  );
};
