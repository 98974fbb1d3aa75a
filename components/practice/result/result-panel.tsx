"use client";

import type { EvaluationResult, ValidationError } from "@/lib/core/evaluator";
import type { Design } from "@/lib/schemas/design";
import { AssumptionsList } from "./assumptions-list";
import { CapacityBars } from "./capacity-bars";
import { ChecklistList } from "./checklist-list";
import { FindingsList } from "./findings-list";
import { nodeNamer, type Move, type ResultTargets } from "@/lib/core/canvas/result-format";
import { LatencyTargets } from "./latency-targets";
import { ScoreSummary } from "./score-summary";
import { Waterfall } from "./waterfall";

/** Everything the evaluator says about one design, in the order a candidate reads it. */
export function ResultPanel({
  result,
  document,
  targets,
  moves = null,
  selectedFinding = null,
  onSelectFinding,
}: {
  result: EvaluationResult;
  document: Pick<Design, "nodes" | "edges"> | null;
  targets: ResultTargets;
  moves?: Move[] | null;
  selectedFinding?: number | null;
  onSelectFinding?: (index: number | null) => void;
}) {
  const names = nodeNamer(document);
  return (
    <div className="space-y-6" data-testid="result-panel">
      <ScoreSummary result={result} moves={moves} />
      <FindingsList findings={result.findings} selected={selectedFinding} {...(onSelectFinding ? { onSelect: onSelectFinding } : {})} />
      <LatencyTargets result={result} targets={targets} names={names} />
      <Waterfall latency={result.latency} names={names} lossyEdgeIds={lossyEdges(document)} />
      <CapacityBars capacity={result.capacity} names={names} />
      <ChecklistList checklist={result.checklist} document={document} />
      <AssumptionsList assumptions={result.assumptions} />
    </div>
  );
}

/** Edges that lose packets (a `lossRate` above 0): the waterfall of a path over one says its steps are averages. */
function lossyEdges(document: Pick<Design, "edges"> | null): Set<string> {
  return new Set((document?.edges ?? []).filter((e) => (e.props?.lossRate ?? 0) > 0).map((e) => e.id));
}

/** The evaluator's problem list for a design it refused to score. */
export function DesignErrors({ errors, title = "The design is not valid, so it was not scored or saved" }: { errors: ValidationError[]; title?: string }) {
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950" data-testid="design-errors">
      <p className="font-semibold text-red-800 dark:text-red-200">{title}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-red-900 dark:text-red-100">
        {errors.slice(0, 50).map((e, i) => (
          <li key={i}>
            <code className="font-mono text-xs">{e.path || "(document)"}</code>: {e.message}
          </li>
        ))}
      </ul>
      {errors.length > 50 ? <p className="mt-1">…and {errors.length - 50} more.</p> : null}
    </div>
  );
}
