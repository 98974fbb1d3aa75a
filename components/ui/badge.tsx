import type { ReactNode } from "react";

// Small labels: one palette of tones, and the one severity palette the evaluator's findings use everywhere.

export type Tone = "neutral" | "info" | "success" | "warning" | "danger" | "strong-danger" | "caution";

const TONE: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  info: "bg-brand-100 text-brand-700 dark:bg-slate-700 dark:text-brand-100",
  success: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  warning: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  caution: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
  danger: "bg-danger-100 text-danger-900 dark:bg-danger-950 dark:text-danger-100",
  "strong-danger": "bg-danger-600 text-white",
};

export function Badge({ tone = "neutral", className = "", children }: { tone?: Tone; className?: string; children: ReactNode }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${TONE[tone]}${className ? ` ${className}` : ""}`}>{children}</span>;
}

export type Severity = "critical" | "major" | "minor" | "info";
const SEVERITY_TONE: Record<Severity, Tone> = { critical: "strong-danger", major: "caution", minor: "warning", info: "neutral" };
const SEVERITY_LABEL: Record<Severity, string> = { critical: "Critical", major: "Major", minor: "Minor", info: "Note" };

export function SeverityBadge({ severity, className = "" }: { severity: Severity; className?: string }) {
  return (
    <Badge tone={SEVERITY_TONE[severity]} className={className}>
      {SEVERITY_LABEL[severity]}
    </Badge>
  );
}
