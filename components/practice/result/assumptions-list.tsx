"use client";

import type { EvaluationResult } from "@/lib/core/evaluator";

/**
 * The defaults the evaluator filled in where the design is silent, in its own words (components by their names,
 * fields by the editor's labels). A candidate sees which numbers came from the design and which were assumed, and
 * which field to set to replace an assumption.
 */
export function AssumptionsList({ assumptions }: { assumptions: EvaluationResult["assumptions"] }) {
  if (assumptions.length === 0) return null;
  return (
    <section aria-labelledby="assumptions-heading">
      <h3 id="assumptions-heading" className="font-semibold">
        What the evaluator assumed
      </h3>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Where the design leaves a setting empty, the score uses a default. Set the field on the component to use your own figure.
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300" data-testid="assumptions">
        {assumptions.map((line, i) => (
          <li key={`${i}:${line}`}>{line}</li>
        ))}
      </ul>
    </section>
  );
}
