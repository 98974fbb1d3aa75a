import { useId, type ComponentProps, type ReactNode } from "react";

// A labelled control with its hint and error wired to it (aria-describedby, aria-invalid), so every form
// states its problems the same way.

// The one look of a text control (input, select, textarea); the exported classes differ only in size and spacing.
const CONTROL_LOOK =
  "rounded-md border border-slate-300 bg-white text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

export const inputClass = `mt-1 block w-full px-3 py-2 text-base ${CONTROL_LOOK}`;

/** A short number under its label (a rubric weight), where a full-width box would read as a text field. */
export const narrowInputClass = `mt-1 block w-24 px-3 py-2 text-base ${CONTROL_LOOK}`;

/** The canvas editor's properties panel and text view: many controls in a narrow column, in small text. */
export const denseInputClass = `w-full px-2 py-1 text-sm ${CONTROL_LOOK}`;

/**
 * The dense look of the widgets' inline control rows: a 36 px touch height and small text, label above the
 * control in a column (compactFieldClass), so several controls fit on one line beside the widget's buttons.
 */
export const compactInputClass =
  "min-h-9 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100";
export const compactLabelClass = "text-xs font-medium text-slate-700 dark:text-slate-300";
export const compactFieldClass = "flex flex-col gap-1";

export type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

export function Field({
  label,
  hint,
  error,
  className = "",
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id, ...(describedBy ? { "aria-describedby": describedBy } : {}), ...(error ? { "aria-invalid": true as const } : {}) })}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-danger-700 dark:text-danger-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The common case: one text input with its label, hint and error. */
export function TextField({
  label,
  hint,
  error,
  className,
  ...input
}: Omit<ComponentProps<"input">, "id" | "className"> & { label: ReactNode; hint?: ReactNode; error?: string | undefined; className?: string }) {
  return (
    <Field label={label} hint={hint} error={error} {...(className ? { className } : {})}>
      {(control) => <input {...input} {...control} className={inputClass} />}
    </Field>
  );
}
