"use client";

import { useMemo, useState } from "react";
import { DesignEditor } from "@/components/practice/editor/design-editor";
import { ResultPanel } from "@/components/practice/result/result-panel";
import type { EvaluationResult } from "@/lib/core/evaluator";
import { DEFAULTS } from "@/lib/core/evaluator/defaults";
import type { Design } from "@/lib/schemas/design";

/** A shared design: the canvas read-only and its latest stored result; findings still highlight. */
export function SharedDesignView({ document, latest }: { document: Design; latest: { result: EvaluationResult; document: Design } | null }) {
  const [selected, setSelected] = useState<number | null>(null);
  const finding = selected !== null ? latest?.result.findings[selected] : undefined;
  const highlight = useMemo(() => (finding ? { nodeIds: finding.nodeIds, edgeIds: finding.edgeIds } : undefined), [finding]);
  const targets = {
    p99Ms: document.scenario?.targets?.p99Ms ?? DEFAULTS.scenario.targetP99Ms,
    availability: document.scenario?.targets?.availability ?? DEFAULTS.scenario.targetAvailability,
  };
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="min-w-0">
        <DesignEditor initial={document} readOnly {...(highlight ? { highlight } : {})} />
      </div>
      <aside aria-label="Latest result" className="min-w-0 rounded-md border border-slate-200 p-3 dark:border-slate-800">
        <h2 className="mb-3 font-semibold">Latest result</h2>
        {latest ? (
          <ResultPanel result={latest.result} document={latest.document} targets={targets} selectedFinding={selected} onSelectFinding={setSelected} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">This design has not been evaluated yet.</p>
        )}
      </aside>
    </div>
  );
}
