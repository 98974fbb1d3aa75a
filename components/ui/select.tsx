import type { ComponentProps } from "react";
import { compactFieldClass, compactInputClass, compactLabelClass, inputClass } from "./field";

export const selectClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:border-slate-700 dark:bg-slate-900";

export function Select({ className = "", ...props }: ComponentProps<"select">) {
  return <select className={`${selectClass}${className ? ` ${className}` : ""}`} {...props} />;
}

export type SelectOption<T extends string | number> = { value: T; label: string };

/**
 * A labelled choice from a fixed list, handing back the chosen option's own value (a number stays a number),
 * so callers neither parse nor cast the DOM's string. No hooks: server-rendered views can draw it too.
 * `compact` is the widgets' inline control row; `regular` the full-width look of the site's forms.
 */
export function SelectField<T extends string | number>({
  id,
  label,
  value,
  options,
  onChange,
  disabled,
  density = "regular",
}: {
  id: string;
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
  disabled?: boolean;
  density?: "compact" | "regular";
}) {
  const compact = density === "compact";
  return (
    // The label sits beside the control, not around it, so the accessible name is the label alone.
    <div className={compact ? compactFieldClass : undefined}>
      <label htmlFor={id} className={compact ? compactLabelClass : "block font-medium"}>
        {label}
      </label>
      <select
        id={id}
        className={compact ? compactInputClass : inputClass}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const chosen = options.find((o) => String(o.value) === e.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
