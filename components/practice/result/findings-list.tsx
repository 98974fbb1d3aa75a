"use client";

import type { Finding } from "@/lib/core/evaluator";
import { SEVERITY_ORDER } from "@/lib/core/canvas/result-format";
import { ChapterLink } from "./link-titles";
import { SeverityBadge } from "@/components/ui/badge";

/** Findings, worst first. Selecting one highlights its nodes and edges on the canvas (selecting again clears). */
export function FindingsList({
  findings,
  selected,
  onSelect,
}: {
  findings: Finding[];
  selected: number | null;
  onSelect?: (index: number | null) => void;
}) {
  const ordered = findings.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i);
  return (
    <section aria-labelledby="findings-heading">
      <h3 id="findings-heading" className="font-semibold">
        Findings ({findings.length})
      </h3>
      {findings.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Nothing to fix: the model found no problems.</p>
      ) : (
        <ul className="mt-2 space-y-2" data-testid="findings">
          {ordered.map(({ f, i }) => {
            const active = selected === i;
            const targets = f.nodeIds.length + f.edgeIds.length;
            return (
              <li
                key={`${f.id}-${i}`}
                className={`rounded-md border p-3 text-sm ${active ? "border-brand-500 ring-2 ring-brand-500" : "border-slate-200 dark:border-slate-700"}`}
                data-finding-id={f.id}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <SeverityBadge severity={f.severity} />
                  {onSelect && targets > 0 ? (
                    <button
                      type="button"
                      aria-pressed={active}
                      onClick={() => onSelect(active ? null : i)}
                      className="text-left font-semibold underline decoration-dotted underline-offset-2 hover:text-brand-600 dark:hover:text-brand-100"
                      title={active ? "Clear the highlight" : "Highlight on the canvas"}
                    >
                      {f.title}
                    </button>
                  ) : (
                    <span className="font-semibold">{f.title}</span>
                  )}
                </div>
                <p className="mt-1 text-slate-700 dark:text-slate-300">{f.detail}</p>
                <p className="mt-1">
                  <span className="font-medium">Fix: </span>
                  {f.fix}
                </p>
                <p className="mt-1">
                  <ChapterLink href={f.chapter} />
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
