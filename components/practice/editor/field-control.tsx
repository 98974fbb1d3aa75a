"use client";

import { useId, useState, type ReactNode } from "react";
import { optionLabel } from "@/lib/core/canvas/labels";
import { fieldError, parseInput, type FieldSpec } from "@/lib/core/canvas/fields";
import { buttonClass } from "@/components/ui/button";
import { denseInputClass } from "@/components/ui/field";

// One generated form control per schema field. Text-like inputs validate while typing and apply on Enter or
// when focus leaves; an invalid value shows the schema's message and is never applied.

type Props = {
  field: FieldSpec;
  value: unknown;
  onCommit: (value: unknown) => void;
  disabled?: boolean;
  /** Overrides the field's label (list items use "Item 2"). */
  label?: string;
};

const display = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** The controls of an object's fields; a field set to undefined is removed from the object. */
export function SubFields({
  fields,
  value,
  disabled,
  keyOf,
  onCommit,
}: {
  fields: FieldSpec[];
  value: Record<string, unknown>;
  disabled: boolean | undefined;
  keyOf: (sub: FieldSpec) => string;
  onCommit: (next: Record<string, unknown>) => void;
}) {
  return (
    <div className="space-y-2">
      {fields.map((sub) => (
        <FieldControl
          key={keyOf(sub)}
          field={sub}
          value={value[sub.key]}
          disabled={disabled}
          onCommit={(v) => {
            const next = { ...value };
            if (v === undefined) delete next[sub.key];
            else next[sub.key] = v;
            onCommit(next);
          }}
        />
      ))}
    </div>
  );
}

export function FieldControl({ field, value, onCommit, disabled, label }: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const title = label ?? field.label;
  const unit = field.type === "number" && field.unit ? field.unit : undefined;

  if (field.type === "group") {
    const obj = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
    return (
      <fieldset className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
        <legend className="px-1 text-xs font-semibold text-slate-600 dark:text-slate-300">{title}</legend>
        <SubFields
          fields={field.fields}
          value={obj}
          disabled={disabled}
          keyOf={(sub) => `${sub.key}:${JSON.stringify(obj[sub.key] ?? null)}`}
          onCommit={(next) => onCommit(Object.keys(next).length ? next : undefined)}
        />
      </fieldset>
    );
  }

  if (field.type === "list") return <ListControl field={field} value={value} onCommit={onCommit} disabled={disabled} />;
  if (field.type === "object-list") {
    return <ObjectListControl field={field} value={value} onCommit={onCommit} disabled={disabled} />;
  }

  if (field.type === "boolean") {
    const isSet = typeof value === "boolean";
    const checked = isSet ? value : field.defaultValue === true;
    return (
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onCommit(e.target.checked)}
          className="h-4 w-4 accent-brand-600"
        />
        <label htmlFor={id} className="text-sm">
          {title}
        </label>
        {isSet ? (
          !disabled && (
            <button type="button" className={`${buttonClass("secondary", "xs")} ml-auto`} onClick={() => onCommit(undefined)} aria-label={`Reset ${title} to default`}>
              Reset
            </button>
          )
        ) : (
          <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">default</span>
        )}
      </div>
    );
  }

  if (field.type === "enum") {
    return (
      <div>
        <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-slate-600 dark:text-slate-300">
          {title}
        </label>
        <select
          id={id}
          className={denseInputClass}
          value={display(value)}
          disabled={disabled}
          onChange={(e) => {
            const r = parseInput(field, e.target.value);
            if (r.ok) onCommit(r.value);
          }}
        >
          {field.optional ? (
            <option value="">{field.defaultValue !== undefined ? `Default (${optionLabel(field.key, field.defaultValue as string | number)})` : "Default"}</option>
          ) : null}
          {field.options.map((o) => (
            <option key={String(o)} value={String(o)}>
              {optionLabel(field.key, o)}
            </option>
          ))}
        </select>
      </div>
    );
  }

  return (
    <TextLikeControl
      field={field}
      value={value}
      onCommit={onCommit}
      disabled={disabled}
      id={id}
      errorId={errorId}
      title={title}
      unit={unit}
    />
  );
}

function TextLikeControl({
  field,
  value,
  onCommit,
  disabled,
  id,
  errorId,
  title,
  unit,
}: Props & { id: string; errorId: string; title: string; unit: string | undefined }) {
  const [draft, setDraft] = useState(display(value));
  const [error, setError] = useState<string | null>(null);
  const listId = field.type === "mixed" && field.suggestions.length ? `${id}-list` : undefined;
  const hintId = field.hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  const placeholder = field.defaultValue !== undefined ? `default ${String(field.defaultValue)}` : field.optional ? "default" : "";

  const apply = () => {
    const r = parseInput(field, draft);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    if (r.value === undefined && !field.optional) {
      setError(`${title} is required`);
      return;
    }
    setError(null);
    if (r.value !== value) onCommit(r.value);
  };

  return (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-slate-600 dark:text-slate-300">
        {title}
        {unit ? <span className="font-normal text-slate-500 dark:text-slate-400"> ({unit})</span> : null}
      </label>
      <input
        id={id}
        type="text"
        inputMode={field.type === "number" ? "decimal" : undefined}
        className={`${denseInputClass} ${error ? "border-red-500 dark:border-red-500" : ""}`}
        value={draft}
        placeholder={placeholder}
        disabled={disabled}
        list={listId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          setDraft(e.target.value);
          const r = parseInput(field, e.target.value);
          setError(r.ok ? null : r.message);
        }}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply();
          } else if (e.key === "Escape") {
            setDraft(display(value));
            setError(null);
          }
        }}
      />
      {field.hint ? (
        <p id={hintId} className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
          {field.hint}
        </p>
      ) : null}
      {listId && field.type === "mixed" ? (
        <datalist id={listId}>
          {field.suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
      <InlineError id={errorId} message={error} />
    </div>
  );
}

/** The frame of a list field: its label, and "None" while it is empty. */
function ListFrame({ label, empty, children }: { label: string; empty: boolean; children: ReactNode }) {
  return (
    <fieldset className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
      <legend className="px-1 text-xs font-semibold text-slate-600 dark:text-slate-300">{label}</legend>
      {empty ? <p className="text-xs text-slate-500 dark:text-slate-400">None</p> : null}
      {children}
    </fieldset>
  );
}

function ListControl({ field, value, onCommit, disabled }: Props & { field: Extract<FieldSpec, { type: "list" }> }) {
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const commitList = (next: unknown[]) => {
    const err = fieldError(field, next);
    if (err) {
      setError(err);
      return false;
    }
    setError(null);
    onCommit(next.length ? next : undefined);
    return true;
  };
  const add = () => {
    const r = parseInput(field.item, draft);
    if (!r.ok || r.value === undefined) {
      setError(r.ok ? "Enter a value first" : r.message);
      return;
    }
    if (commitList([...items, r.value])) setDraft("");
  };
  return (
    <ListFrame label={field.label} empty={items.length === 0}>
      <ul className="space-y-1">
        {items.map((item, i) => (
          <li key={`${i}:${String(item)}`} className="flex items-end gap-1">
            <div className="flex-1">
              <FieldControl
                field={field.item}
                label={`${field.label} ${i + 1}`}
                value={item}
                disabled={disabled}
                onCommit={(v) => {
                  const next = [...items];
                  if (v === undefined) next.splice(i, 1);
                  else next[i] = v;
                  commitList(next);
                }}
              />
            </div>
            {!disabled && (
              <button
                type="button"
                className={buttonClass("secondary", "xs")}
                aria-label={`Remove ${field.label} ${i + 1}`}
                onClick={() => commitList(items.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {!disabled && (
        <div className="mt-1 flex items-end gap-1">
          <div className="flex-1">
            <label htmlFor={id} className="sr-only">
              New {field.label} entry
            </label>
            <input
              id={id}
              className={denseInputClass}
              value={draft}
              placeholder="Add…"
              aria-invalid={error ? true : undefined}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  add();
                }
              }}
            />
          </div>
          <button type="button" className={buttonClass("secondary", "xs")} onClick={add} aria-label={`Add to ${field.label}`}>
            Add
          </button>
        </div>
      )}
      <InlineError message={error} />
    </ListFrame>
  );
}

function initialObject(fields: FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.optional) continue;
    if (f.type === "enum" && f.options[0] !== undefined) out[f.key] = f.options[0];
  }
  return out;
}

function ObjectListControl({
  field,
  value,
  onCommit,
  disabled,
}: Props & { field: Extract<FieldSpec, { type: "object-list" }> }) {
  const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const [error, setError] = useState<string | null>(null);
  const singular = field.label.replace(/s$/, "");
  const commitList = (next: Record<string, unknown>[]) => {
    const err = fieldError(field, next);
    if (err) {
      setError(err);
      return;
    }
    setError(null);
    onCommit(next.length ? next : undefined);
  };
  const move = (i: number, d: number) => {
    const next = [...items];
    const [it] = next.splice(i, 1);
    if (it) next.splice(i + d, 0, it);
    commitList(next);
  };
  return (
    <ListFrame label={field.label} empty={items.length === 0}>
      <ol className="space-y-2">
        {items.map((item, i) => (
          <li key={`${i}:${JSON.stringify(item)}`}>
            <fieldset className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
              <legend className="px-1 text-xs font-medium">
                {singular} {i + 1}
              </legend>
              <SubFields
                fields={field.fields}
                value={item}
                disabled={disabled}
                keyOf={(sub) => sub.key}
                onCommit={(obj) => commitList(items.map((it, j) => (j === i ? obj : it)))}
              />
              {!disabled && (
                <div className="mt-2 flex gap-1">
                  <button type="button" className={buttonClass("secondary", "xs")} disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${singular} ${i + 1} up`}>
                    Up
                  </button>
                  <button
                    type="button"
                    className={buttonClass("secondary", "xs")}
                    disabled={i === items.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={`Move ${singular} ${i + 1} down`}
                  >
                    Down
                  </button>
                  <button
                    type="button"
                    className={`${buttonClass("secondary", "xs")} ml-auto`}
                    onClick={() => commitList(items.filter((_, j) => j !== i))}
                    aria-label={`Remove ${singular} ${i + 1}`}
                  >
                    Remove
                  </button>
                </div>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      {!disabled && (
        <button type="button" className={`${buttonClass("secondary", "xs")} mt-2`} onClick={() => commitList([...items, initialObject(field.fields)])}>
          Add {singular.toLowerCase()}
        </button>
      )}
      <InlineError message={error} />
    </ListFrame>
  );
}

/** A control's validation message, announced when it appears; nothing when there is none. */
export function InlineError({ id, message }: { id?: string; message: string | null | undefined }) {
  return message ? (
    <p id={id} role="alert" className="mt-0.5 text-xs text-red-700 dark:text-red-400">
      {message}
    </p>
  ) : null;
}
