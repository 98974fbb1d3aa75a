import type { ButtonHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

// Small presentational pieces shared by the core widgets and their static (no-JavaScript) versions.
// No hooks here, so server components can use them too.

export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}

export function WidgetBox({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div role="group" aria-label={label} className="not-prose space-y-4 text-sm">
      {children}
    </div>
  );
}

type BtnProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary"; pressed?: boolean };

// Disabled buttons stay focusable (aria-disabled) so keyboard users are not thrown back to the page top
// when, say, "Next" reaches the last step.
export function Btn({ variant = "secondary", pressed, className, type = "button", disabled, onClick, ...rest }: BtnProps) {
  return (
    <button
      type={type}
      aria-pressed={pressed}
      aria-disabled={disabled || undefined}
      onClick={disabled ? undefined : onClick}
      className={cx(
        "inline-flex min-h-9 items-center justify-center rounded-md border px-3 py-1.5 text-sm font-medium aria-disabled:cursor-not-allowed aria-disabled:opacity-50 motion-safe:transition-colors",
        variant === "primary"
          ? "border-brand-600 bg-brand-600 text-white hover:bg-brand-700"
          : "border-slate-300 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700",
        pressed && variant !== "primary" && "border-brand-500 bg-brand-50 text-brand-700 dark:border-brand-500 dark:bg-slate-700 dark:text-white",
        className,
      )}
      {...rest}
    />
  );
}

export function SelectField({ label, id, children, ...rest }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; id: string }) {
  return (
    // The label sits beside the control, not around it, so the accessible name is the label alone.
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <select id={id} className="min-h-9 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100" {...rest}>
        {children}
      </select>
    </div>
  );
}

export function NumberField({ label, id, value, onChange, min, max, step = 1 }: { label: string; id: string; value: number; onChange: (v: number) => void; min?: number; max?: number; step?: number }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={Number.isFinite(value) ? value : ""}
        min={min}
        max={max}
        step={step}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== "" && Number.isFinite(v)) onChange(min !== undefined || max !== undefined ? Math.min(max ?? v, Math.max(min ?? v, v)) : v);
        }}
        className="min-h-9 w-28 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
      />
    </div>
  );
}

export function Check({ label, id, checked, onChange }: { label: string; id: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label htmlFor={id} className="inline-flex min-h-9 items-center gap-2 text-sm">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-4 accent-brand-600" />
      {label}
    </label>
  );
}

/** Announces each step to screen readers and shows it to everyone. */
export function Status({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p role="status" aria-live="polite" data-testid={testId} className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100">
      {children}
    </p>
  );
}

export function Badge({ children, tone = "slate" }: { children: ReactNode; tone?: "green" | "red" | "amber" | "slate" | "blue" }) {
  const tones = {
    green: "bg-green-100 text-green-900 dark:bg-green-900/50 dark:text-green-100",
    red: "bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100",
    amber: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100",
    slate: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
    blue: "bg-brand-100 text-brand-700 dark:bg-slate-700 dark:text-brand-100",
  };
  return <span className={cx("inline-block rounded px-1.5 py-0.5 text-xs font-semibold", tones[tone])}>{children}</span>;
}

export function Card({ title, children, className }: { title?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={cx("rounded-md border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-950", className)}>
      {title ? <h4 className="mb-1 font-semibold">{title}</h4> : null}
      {children}
    </div>
  );
}

export function Table({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    // Focusable so keyboard users can scroll a wide table sideways on a phone.
    <div tabIndex={0} role="region" aria-label={caption} className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-xs sm:text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="border-b border-slate-300 px-2 py-1 font-semibold dark:border-slate-600">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-b border-slate-200 dark:border-slate-800">
              {r.map((c, j) => (
                <td key={j} className="px-2 py-1 align-top">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
