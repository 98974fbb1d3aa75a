"use client";

import { FRAME, FRAME_LEGEND, type FieldOverride } from "@/components/instructor/schema-form";
import { buttonClass } from "@/components/ui/button";
import { narrowInputClass } from "@/components/ui/field";
import { CHECKLIST_IDS } from "@/lib/core/evaluator/links";
import { CHECKLIST_TITLES } from "@/lib/core/canvas/result-format";
import { DEFAULT_RUBRIC_WEIGHTS, RUBRIC_PART_LABELS, RUBRIC_PARTS, type RubricPart } from "@/lib/core/canvas/rubric";

/**
 * The rubric's weights: five whole percentages with their running total. Empty means the standard weights
 * (25/25/15/20/15); the first change starts from those so the author edits a complete set that adds up.
 */
export const rubricWeightsField: FieldOverride = ({ id, value, onChange, error, describedBy }) => {
  const weights = value && typeof value === "object" ? (value as Partial<Record<RubricPart, number>>) : null;
  const shown = (p: RubricPart) => (weights ? weights[p] : DEFAULT_RUBRIC_WEIGHTS[p]);
  const total = RUBRIC_PARTS.reduce((s, p) => s + (Number.isFinite(shown(p)) ? (shown(p) as number) : 0), 0);
  const set = (p: RubricPart, raw: string) => {
    const next: Record<string, number> = { ...DEFAULT_RUBRIC_WEIGHTS, ...(weights ?? {}) };
    next[p] = raw === "" ? Number.NaN : Number(raw);
    onChange(next);
  };
  return (
    <fieldset className={FRAME} aria-describedby={describedBy}>
      <legend className={FRAME_LEGEND}>How much each part of the design score counts (%)</legend>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {weights ? "Whole percentages that add up to 100 %." : "The standard weights are in use. Change any figure to set this problem’s own."}
      </p>
      <div className="mt-2 flex flex-wrap gap-4">
        {RUBRIC_PARTS.map((p) => (
          <div key={p}>
            <label htmlFor={`${id}-${p}`} className="block text-sm font-medium">
              {RUBRIC_PART_LABELS[p]} (%)
            </label>
            <input
              id={`${id}-${p}`}
              type="number"
              min={0}
              max={100}
              step={1}
              inputMode="numeric"
              value={Number.isFinite(shown(p)) ? String(shown(p)) : ""}
              onChange={(e) => set(p, e.target.value)}
              className={narrowInputClass}
            />
          </div>
        ))}
      </div>
      <p className={`mt-2 text-sm ${total === 100 ? "text-slate-700 dark:text-slate-300" : "text-red-700 dark:text-red-400"}`} data-testid="rubric-weights-total">
        Total: {total} %{total === 100 ? "" : " (must be 100 %)"}
      </p>
      {error ? (
        <p id={describedBy} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {weights ? (
        <button type="button" className={`${buttonClass("secondary", "xs")} mt-2`} onClick={() => onChange(undefined)}>
          Use the standard weights
        </button>
      ) : null}
    </fieldset>
  );
};

/** The checklist items this problem requires: a design failing one is capped at 59/100 and fails the stage. */
export const rubricRequiredField: FieldOverride = ({ id, value, onChange, error, describedBy }) => {
  const picked = new Set(Array.isArray(value) ? (value as string[]) : []);
  const toggle = (item: string, on: boolean) => {
    const next = CHECKLIST_IDS.filter((c) => (c === item ? on : picked.has(c)));
    onChange(next.length ? next : undefined);
  };
  return (
    <fieldset className={FRAME} aria-describedby={describedBy}>
      <legend className={FRAME_LEGEND}>Required checklist items</legend>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        A design that fails a required item is capped at 59/100 (an F) and does not pass the design stage or a follow-up round. The candidate sees the list in the brief.
      </p>
      <ul className="mt-2 grid gap-1 sm:grid-cols-2">
        {CHECKLIST_IDS.map((item) => (
          <li key={item}>
            <label className="flex items-start gap-2 text-sm">
              <input id={`${id}-${item}`} type="checkbox" className="mt-1" checked={picked.has(item)} onChange={(e) => toggle(item, e.target.checked)} />
              {CHECKLIST_TITLES[item] ?? "A design checklist item"}
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p id={describedBy} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
};
