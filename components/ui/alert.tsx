import type { ReactNode } from "react";

// A message box. Errors are announced at once (role="alert"); everything else politely (role="status").

export type AlertTone = "error" | "info" | "success" | "warning";

const TONE: Record<AlertTone, string> = {
  error: "border-danger-300 bg-danger-50 text-danger-900 dark:border-danger-800 dark:bg-danger-950 dark:text-danger-100",
  info: "border-brand-100 bg-brand-50 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100",
  success: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
};

export function Alert({ tone = "error", className = "", children, ...rest }: { tone?: AlertTone; className?: string; children: ReactNode; "data-testid"?: string }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border p-2 text-sm ${TONE[tone]}${className ? ` ${className}` : ""}`} {...rest}>
      {children}
    </div>
  );
}

/**
 * What a widget or tool just did, in words: announced politely (role="status") and shown to everyone, so sighted
 * users read the same summary a screen reader hears.
 */
export function Status({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Alert tone="info" className="px-3" {...(testId ? { "data-testid": testId } : {})}>
      {children}
    </Alert>
  );
}

/** An error sentence in the flow of a form or list (no box), announced at once. */
export function ErrorText({ id, className = "", children }: { id?: string; className?: string; children: ReactNode }) {
  return (
    <p id={id} role="alert" className={`text-sm text-red-700 dark:text-red-400${className ? ` ${className}` : ""}`}>
      {children}
    </p>
  );
}

/** The failure of a server action (components/use-action.ts), or nothing. */
export function ActionAlert({ failure }: { failure: { error: string } | null }) {
  return failure ? <Alert>{failure.error}</Alert> : null;
}
