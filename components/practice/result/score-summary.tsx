import type { EvaluationResult } from "@/lib/core/evaluator";
import { gradeTone, type Move } from "@/lib/core/canvas/result-format";

const CATEGORY_LABELS: Record<keyof EvaluationResult["categories"], string> = {
  latency: "Latency",
  reliability: "Reliability",
  capacity: "Capacity",
  security: "Security",
  checklist: "Checklist",
};

export function ScoreSummary({ result, moves }: { result: EvaluationResult; moves: Move[] | null }) {
  return (
    <section aria-labelledby="result-score-heading">
      <h3 id="result-score-heading" className="sr-only">
        Score
      </h3>
      <div className="flex items-end gap-4">
        <p className="text-5xl font-bold tabular-nums" data-testid="result-score">
          {result.score}
          <span className="text-lg font-medium text-slate-500 dark:text-slate-400">/100</span>
        </p>
        <p className={`text-3xl font-bold ${gradeTone(result.grade)}`} aria-label={`Grade ${result.grade}`} data-testid="result-grade">
          {result.grade}
        </p>
        <p className="ml-auto text-xs text-slate-500 dark:text-slate-400">model {result.modelVersion}</p>
      </div>
      {moves ? (
        <p className="mt-2 text-sm" role="status" data-testid="result-moves">
          <span className="text-slate-600 dark:text-slate-400">Since the previous evaluation: </span>
          {moves.length === 0 ? (
            <span>no change</span>
          ) : (
            moves.map((m, i) => (
              <span key={m.key}>
                {i > 0 ? ", " : ""}
                <span className={m.better ? "font-semibold text-emerald-700 dark:text-emerald-400" : "font-semibold text-red-700 dark:text-red-400"}>
                  {m.text}
                </span>
              </span>
            ))
          )}
        </p>
      ) : null}
      <dl className="mt-4 space-y-2">
        {(Object.keys(CATEGORY_LABELS) as (keyof typeof CATEGORY_LABELS)[]).map((key) => {
          const score = result.categories[key].score;
          return (
            <div key={key} className="grid grid-cols-[6.5rem_1fr_3.75rem] items-center gap-2 text-sm">
              <dt>{CATEGORY_LABELS[key]}</dt>
              <dd className="h-2.5 overflow-hidden rounded bg-slate-200 dark:bg-slate-800" aria-hidden="true">
                <div
                  className={`h-full rounded ${score >= 90 ? "bg-emerald-500" : score >= 70 ? "bg-amber-500" : "bg-red-500"}`}
                  style={{ width: `${score}%` }}
                />
              </dd>
              <dd className="text-right tabular-nums">
                {score}
                <span className="text-xs text-slate-500 dark:text-slate-400">/100</span>
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
