import type { ReactNode } from "react";

// Small presentational pieces shared by the extra widgets. No hooks here, so the server-rendered (Static) views
// can use them too; the interactive components pass the handlers.

export function WidgetPanel({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div
      role="group"
      aria-label={label}
      className="not-prose space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm text-slate-900 sm:p-4 dark:border-slate-700 dark:bg-slate-900/60 dark:text-slate-100"
    >
      {children}
    </div>
  );
}

export function Controls({ children, legend }: { children: ReactNode; legend: string }) {
  return (
    <fieldset className="grid min-w-0 gap-3 sm:grid-cols-2">
      <legend className="sr-only">{legend}</legend>
      {children}
    </fieldset>
  );
}

export function ToggleField(props: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string; disabled?: boolean }) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={props.id}
        type="checkbox"
        className="mt-0.5 size-5 shrink-0 accent-brand-600"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={props.id} className="font-medium">
          {props.label}
        </label>
        {props.hint ? (
          <p id={`${props.id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
            {props.hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function RangeField(props: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (v: number) => void;
  display: string;
}) {
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={props.id} className="font-medium">
          {props.label}
        </label>
        {/* The slider announces the same text through aria-valuetext; a second live region would repeat it. */}
        <span aria-hidden="true" className="font-mono text-xs text-slate-700 dark:text-slate-300">
          {props.display}
        </span>
      </div>
      <input
        id={props.id}
        type="range"
        className="mt-1 block w-full accent-brand-600"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        aria-valuetext={props.display}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
    </div>
  );
}

/** Shown by the server-rendered views under their initial state. */
export function StaticNote({ children }: { children: ReactNode }) {
  return <p className="text-xs text-slate-600 dark:text-slate-400">{children}</p>;
}

export function formatMs(ms: number): string {
  const rounded = Math.round(ms * 10) / 10;
  return `${rounded.toLocaleString("en-US")} ms`;
}

/** A scrolling container that keyboard users can focus and scroll (axe: scrollable-region-focusable). */
export function ScrollBox({ label, className, children }: { label: string; className: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={className}>
      {children}
    </div>
  );
}
