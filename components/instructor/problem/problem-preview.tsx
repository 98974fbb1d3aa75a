"use client";

import { ProblemBriefPanel } from "@/components/practice/pages/problem-brief";
import { buttonClass } from "@/components/ui/button";
import { ESTIMATE_FIELDS, ESTIMATE_KEYS } from "@/lib/schemas/interview";
import type { Problem, ProblemBrief } from "@/lib/schemas/problem";
import type { ReferenceCheck } from "@/lib/schemas/problem-authoring";

export type PreviewState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "invalid"; count: number }
  | { kind: "error"; message: string }
  | { kind: "ready"; problem: Problem; brief: ProblemBrief; reference: ReferenceCheck | null; referenceError: string | null };

const number = (n: number) => n.toLocaleString("en-GB", { maximumSignificantDigits: 4 });

/** The reference design's score, as the preview and the publish result show it. */
export function ReferenceScore({ check }: { check: ReferenceCheck }) {
  return (
    <p data-testid="reference-score">
      The reference design scores <strong>{check.score}/100</strong> (grade {check.grade})
      {check.p99Ms !== null ? `, p99 ${number(check.p99Ms)} ms` : ""}
      {check.availability !== null ? `, availability ${number(check.availability * 100)} %` : ""}.
    </p>
  );
}

/** What a candidate gets, rendered from the form's current content (nothing saved), beside the form. */
export function ProblemPreview({ state, onPreview, busy }: { state: PreviewState; onPreview: () => void; busy: boolean }) {
  return (
    <section aria-labelledby="preview-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-testid="problem-preview">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="preview-heading" className="text-lg font-semibold">
          Preview
        </h2>
        <button type="button" onClick={onPreview} disabled={busy} className={buttonClass("secondary", "sm")}>
          {state.kind === "ready" ? "Refresh preview" : "Preview as a candidate"}
        </button>
      </div>
      <div className="mt-3 text-sm" aria-live="polite">
        {state.kind === "idle" ? (
          <p className="text-slate-600 dark:text-slate-400">
            The preview shows the brief exactly as a candidate reads it, the stages that follow, and the reference design’s score.
          </p>
        ) : state.kind === "loading" ? (
          <p>Scoring the reference design…</p>
        ) : state.kind === "invalid" ? (
          <p className="text-red-700 dark:text-red-400">
            The preview needs a valid problem: {state.count} problem{state.count === 1 ? "" : "s"} left, listed at the bottom of the page.
          </p>
        ) : state.kind === "error" ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {state.message}
          </p>
        ) : (
          <div className="space-y-4">
            {state.reference ? (
              <ReferenceScore check={state.reference} />
            ) : (
              <p role="alert" className="text-red-700 dark:text-red-400">
                The reference design cannot be scored: {state.referenceError}
              </p>
            )}
            <h3 className="text-base font-semibold">{state.brief.title}</h3>
            <ProblemBriefPanel problem={state.brief} />
            <section aria-labelledby="preview-estimates">
              <h3 id="preview-estimates" className="font-semibold">
                Estimates the candidate is asked for
              </h3>
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {ESTIMATE_KEYS.map((k) => (
                  <li key={k}>
                    {ESTIMATE_FIELDS[k].label}: {number(state.problem.estimates.answers[k].value)} {ESTIMATE_FIELDS[k].unit}
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="preview-follow-ups">
              <h3 id="preview-follow-ups" className="font-semibold">
                Follow-up rounds
              </h3>
              <ol className="mt-1 list-decimal space-y-1 pl-5">
                {state.problem.followUps.map((f) => (
                  <li key={f.key}>
                    <strong>{f.title}</strong>: {f.prompt}
                  </li>
                ))}
              </ol>
            </section>
          </div>
        )}
      </div>
    </section>
  );
}
