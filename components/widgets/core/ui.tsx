import type { ButtonHTMLAttributes, ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { compactFieldClass, compactInputClass, compactLabelClass } from "@/components/ui/field";

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

const PRESSED = "border-brand-500 bg-brand-50 text-brand-700 dark:border-brand-500 dark:bg-slate-700 dark:text-white";

// The one button look (components/ui/button), at the widgets' 36 px touch height. Disabled buttons stay focusable
// (aria-disabled) so keyboard users are not thrown back to the page top when, say, "Next" reaches the last step.
export function Btn({ variant = "secondary", pressed, className, type = "button", disabled, onClick, ...rest }: BtnProps) {
  return (
    <button
      type={type}
      aria-pressed={pressed}
      aria-disabled={disabled || undefined}
      onClick={disabled ? undefined : onClick}
      className={buttonClass(
        variant,
        "sm",
        cx("min-h-9 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 motion-safe:transition-colors", pressed && variant !== "primary" && PRESSED, className),
      )}
      {...rest}
    />
  );
}

export function NumberField({ label, id, value, onChange, min, max, step = 1 }: { label: string; id: string; value: number; onChange: (v: number) => void; min?: number; max?: number; step?: number }) {
  return (
    <div className={compactFieldClass}>
      <label htmlFor={id} className={compactLabelClass}>
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
        className={cx(compactInputClass, "w-28")}
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

export function Card({ title, children, className }: { title?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={cx("rounded-md border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-950", className)}>
      {title ? <h4 className="mb-1 font-semibold">{title}</h4> : null}
      {children}
    </div>
  );
}

/** How the widgets show components/ui/table: caption for screen readers, scrollable by keyboard, compact on phones. */
export const WIDGET_TABLE = { captionHidden: true, scrollRegion: true, size: "xs", className: "sm:text-sm" } as const;
