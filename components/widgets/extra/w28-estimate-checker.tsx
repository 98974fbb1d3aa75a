"use client";

import { useId, useState, type FormEvent } from "react";
import { checkEstimate, INPUT_FIELDS, parseEstimate, PRESETS, presetInputs, QUANTITIES, sanitizeInputs, UNITS, unitFactor, verdictText, type EstimateCheck, type EstimateInputs, type InputKey, type PresetId, type QuantityId, type Worked } from "@/lib/core/widgets/estimate-checker";
import { CheckResult } from "./w28-estimate-checker-view";
import { inputClass } from "@/components/ui/field";
import { Status } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select";
import { WidgetPanel } from "./ui";
import { buttonClass } from "@/components/ui/button";

type Draft = Record<InputKey, string>;

function toDraft(inputs: EstimateInputs): Draft {
  return Object.fromEntries(INPUT_FIELDS.map((f) => [f.key, String(inputs[f.key])])) as Draft;
}

/** Reads the typed inputs, or names the first field that is not a number in its range. */
function fromDraft(draft: Draft): { inputs: EstimateInputs } | { field: InputKey; error: string } {
  const out = {} as EstimateInputs;
  for (const f of INPUT_FIELDS) {
    const text = draft[f.key].trim();
    const v = Number(text);
    if (text === "" || !Number.isFinite(v) || v < f.min || v > f.max)
      return { field: f.key, error: `${f.label} must be a number from ${f.min.toLocaleString("en-US")} to ${f.max.toLocaleString("en-US")} (${f.unit}).` };
    out[f.key] = v;
  }
  return { inputs: sanitizeInputs(out) };
}

type Result = { check: EstimateCheck; estimate: number; worked: Worked };

export function EstimateChecker() {
  const id = useId();
  const [preset, setPreset] = useState<PresetId>("url-shortener");
  const [draft, setDraft] = useState<Draft>(() => toDraft(presetInputs("url-shortener")));
  const [quantity, setQuantity] = useState<QuantityId>("avg-rps");
  const kind = QUANTITIES.find((q) => q.id === quantity)!.kind;
  const [unit, setUnit] = useState<string>(UNITS[kind][0]!.id);
  const [estimateText, setEstimateText] = useState("");
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<{ field: InputKey | "estimate"; message: string } | null>(null);

  const quantityLabel = QUANTITIES.find((q) => q.id === quantity)!.label;

  function choosePreset(p: PresetId) {
    setPreset(p);
    setDraft(toDraft(presetInputs(p)));
    setResult(null);
    setError(null);
  }

  function chooseQuantity(q: QuantityId) {
    setQuantity(q);
    const k = QUANTITIES.find((x) => x.id === q)!.kind;
    // Keep the reader's unit when it exists for the new kind; bytes stay bytes.
    if (unitFactor(k, unit) === null) setUnit(UNITS[k][0]!.id);
    setResult(null);
    setError(null);
  }

  function editInput(key: InputKey, value: string) {
    setDraft((d) => ({ ...d, [key]: value }));
    // The old verdict belonged to the old inputs.
    setResult(null);
  }

  function check(e: FormEvent) {
    e.preventDefault();
    const parsed = fromDraft(draft);
    if ("field" in parsed) {
      setError({ field: parsed.field, message: parsed.error });
      setResult(null);
      return;
    }
    const typed = parseEstimate(estimateText);
    const factor = unitFactor(kind, unit);
    if (typed === null || factor === null) {
      setError({ field: "estimate", message: "Type your estimate as a positive number, for example 4600, 4,600, 4.6k or 4.6e3." });
      setResult(null);
      return;
    }
    const estimate = typed * factor;
    const { worked, ...c } = checkEstimate(quantity, estimate, parsed.inputs);
    setError(null);
    setResult({ check: c, estimate, worked });
  }

  const status = error
    ? error.message
    : result
      ? `${quantityLabel}: ${verdictText(result.check)}`
      : `Estimate the ${quantityLabel.toLowerCase()} for this scenario, then check it.`;

  return (
    <WidgetPanel label="Estimate checker">
      <form className="space-y-4" onSubmit={check} noValidate>
        <SelectField
          id={`${id}-preset`}
          label="Scenario (the walk-throughs of Chapter 15)"
          value={preset}
          options={PRESETS.map((p) => ({ value: p.id, label: p.label }))}
          onChange={choosePreset}
        />
        <details className="rounded-md border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-800" open>
          <summary className="cursor-pointer font-medium">Assumptions (edit any of them)</summary>
          <fieldset className="mt-2 grid min-w-0 gap-3 sm:grid-cols-2">
            <legend className="sr-only">Assumptions</legend>
            {INPUT_FIELDS.map((f) => (
              <div key={f.key}>
                <label htmlFor={`${id}-${f.key}`} className="block font-medium">
                  {f.label} <span className="font-normal text-slate-600 dark:text-slate-400">({f.unit})</span>
                </label>
                <input
                  id={`${id}-${f.key}`}
                  type="number"
                  inputMode="decimal"
                  className={`${inputClass} font-mono`}
                  min={f.min}
                  max={f.max}
                  step={f.step}
                  value={draft[f.key]}
                  aria-invalid={error?.field === f.key}
                  aria-describedby={error?.field === f.key ? `${id}-error` : undefined}
                  onChange={(e) => editInput(f.key, e.target.value)}
                />
              </div>
            ))}
          </fieldset>
        </details>
        <SelectField
          id={`${id}-quantity`}
          label="Figure to estimate"
          value={quantity}
          options={QUANTITIES.map((q) => ({ value: q.id, label: q.label }))}
          onChange={chooseQuantity}
        />
        <div className="grid min-w-0 gap-3 sm:grid-cols-[2fr_1fr]">
          <div>
            <label htmlFor={`${id}-estimate`} className="block font-medium">
              Your estimate
            </label>
            <input
              id={`${id}-estimate`}
              className={`${inputClass} font-mono`}
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              placeholder="for example 4.6k"
              value={estimateText}
              aria-invalid={error?.field === "estimate"}
              aria-describedby={error?.field === "estimate" ? `${id}-error` : undefined}
              onChange={(e) => {
                setEstimateText(e.target.value);
                setResult(null);
              }}
            />
          </div>
          <SelectField
            id={`${id}-unit`}
            label="Unit"
            value={unit}
            options={UNITS[kind].map((u) => ({ value: u.id, label: u.label }))}
            onChange={(u) => {
              setUnit(u);
              setResult(null);
            }}
            disabled={UNITS[kind].length === 1}
          />
        </div>
        {error ? (
          <p id={`${id}-error`} className="font-medium text-red-700 dark:text-red-300">
            {error.message}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={buttonClass("primary")}>
            Check my estimate
          </button>
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => {
              setEstimateText("");
              setResult(null);
              setError(null);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <Status>{status}</Status>
      {result ? <CheckResult check={result.check} estimate={result.estimate} worked={result.worked} /> : null}
    </WidgetPanel>
  );
}
