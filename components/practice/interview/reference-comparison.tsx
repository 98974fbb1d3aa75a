"use client";

import { DesignEditor } from "@/components/practice/editor/design-editor";
import { ResultPanel } from "@/components/practice/result/result-panel";
import type { DiffItem, ReferenceComparison } from "@/lib/schemas/interview-view";
import { VERDICT_TONE } from "./shared";
import { Badge } from "@/components/ui/badge";
import { Section } from "@/components/ui/section";
import { diffPointsText } from "./diff-points";

const KIND_TEXT: Record<DiffItem["kind"], { text: string; tone: keyof typeof VERDICT_TONE }> = {
  "missing-node": { text: "Missing component", tone: "bad" },
  "missing-edge": { text: "Missing connection", tone: "bad" },
  configured: { text: "Configured differently", tone: "mid" },
  "extra-node": { text: "Extra component", tone: "mid" },
  "extra-edge": { text: "Extra connection", tone: "mid" },
};


/** Side by side: the candidate's design and the reference, the structural diff with its points, and the reference's evaluation. */
export function ReferenceComparisonView({ comparison, targets }: { comparison: ReferenceComparison; targets: { p99Ms: number; availability: number } }) {
  const { diff } = comparison;
  return (
    <div className="mt-4 space-y-6">
      <p className="text-sm" role="status" data-testid="comparison-summary">
        {comparison.gaveUp ? "You gave up on this interview. " : ""}Your design scores <strong>{comparison.candidateResult.score} / 100</strong>; the reference scores{" "}
        <strong>{comparison.referenceResult.score} / 100</strong> under the same scenario. {diff.items.length} difference{diff.items.length === 1 ? "" : "s"}, the costliest first.
      </p>
      {/* Side by side where each canvas still reads well (1536 px); stacked, full width, below that. */}
      <div className="grid gap-4 2xl:grid-cols-2">
        {[
          { id: "yours-heading", title: `Your design (${comparison.candidateResult.score} / 100)`, design: comparison.candidate },
          { id: "reference-heading", title: `Reference design (${comparison.referenceResult.score} / 100)`, design: comparison.reference },
        ].map((side) => (
          <Section key={side.id} id={side.id} title={side.title} size="base" className="min-w-0">
            <div className="mt-2">
              <DesignEditor initial={side.design} readOnly />
            </div>
          </Section>
        ))}
      </div>
      <section aria-labelledby="diff-heading">
        <h2 id="diff-heading" className="text-lg font-semibold">
          What differs, and what it is worth
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Points are measured: the reference is scored again with that one difference (a missing component is bypassed), and an extra component is
          taken out of your design. Differences interact, so they need not add up to the gap, and a part with no measurable effect on its
          own can still matter together with others (a database behind a cache, for example).
        </p>
        {diff.items.length === 0 ? (
          <p className="mt-2 text-sm">No structural difference: your design matches the reference.</p>
        ) : (
          <ul className="mt-2 space-y-2" data-testid="diff">
            {diff.items.map((item, i) => (
              <li key={i} className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700" data-diff-kind={item.kind}>
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={VERDICT_TONE[KIND_TEXT[item.kind].tone]}>{KIND_TEXT[item.kind].text}</Badge>
                  <span className="font-medium">{item.subject}</span>
                  <span className="ml-auto tabular-nums text-slate-700 dark:text-slate-300">{diffPointsText(item)}</span>
                </div>
                <p className="mt-1">{item.text}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="ref-eval-heading">
        <h2 id="ref-eval-heading" className="text-lg font-semibold">
          The reference’s own evaluation
        </h2>
        <div className="mt-2 max-w-3xl">
          <ResultPanel result={comparison.referenceResult} document={comparison.reference} targets={targets} />
        </div>
      </section>
    </div>
  );
}
