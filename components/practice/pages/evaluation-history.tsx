"use client";

import { useState } from "react";
import { describeMoves, figuresOf, formatMs, movesBetween } from "@/lib/core/canvas/result-format";
import { LocalTime, useDateTime } from "@/components/ui/local-time";
import { rescoreEvaluation } from "@/lib/actions/rescore-evaluation";
import type { EvaluationSummary } from "@/lib/schemas/evaluation-summary";
import { LazyScoreChart } from "@/components/dashboard/lazy-score-chart";
import { buttonClass } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { callAction } from "@/components/use-action";

type Rescore = { text: string; error: boolean };

/** Every stored evaluation of a design; pick two to compare, or re-score one with the current model. */
export function EvaluationHistory({ designId, evaluations, modelVersion }: { designId: string; evaluations: EvaluationSummary[]; modelVersion: string }) {
  const [picked, setPicked] = useState<string[]>(() => evaluations.slice(0, 2).map((e) => e.id));
  const [rescores, setRescores] = useState<Record<string, Rescore>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const formatWhen = useDateTime();

  if (evaluations.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">No evaluations yet: press Evaluate above to score this design.</p>;
  }

  function toggle(id: string) {
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  }

  async function rescore(e: EvaluationSummary) {
    setBusy(e.id);
    const res = await callAction(() => rescoreEvaluation({ evaluationId: e.id }));
    let out: Rescore;
    if (!res.ok) out = { text: res.error, error: true };
    else if (!res.data.ok) out = { text: `The stored document no longer validates: ${res.data.errors[0]?.message ?? ""}`, error: true };
    else {
      const now = res.data.current;
      const moves = movesBetween({ score: e.score, p99Ms: e.p99Ms, availability: e.availability }, figuresOf(now));
      out = {
        text: `With model ${now.modelVersion}: ${now.score}/100 (${now.grade}), p99 ${formatMs(now.latency.p99Ms)}. ${moves.length ? describeMoves(moves) : "Same figures as stored"}.`,
        error: false,
      };
    }
    setRescores((r) => ({ ...r, [e.id]: out }));
    setBusy(null);
  }

  const [a, b] = picked;
  return (
    <div className="space-y-3">
      <ScorePerAttempt evaluations={evaluations} />
      <Table caption="Evaluations of this design, newest first" captionHidden className="min-w-[36rem]" data-testid="evaluation-history">
        <thead className="text-xs uppercase text-slate-500 dark:text-slate-400">
          <tr>
            <Th>
              Compare
            </Th>
            <Th>
              When
            </Th>
            <Th>
              Score
            </Th>
            <Th>
              p99
            </Th>
            <Th>
              Model
            </Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {evaluations.map((e) => (
            <tr key={e.id} className="align-top">
              <Td>
                <input
                  type="checkbox"
                  checked={picked.includes(e.id)}
                  onChange={() => toggle(e.id)}
                  aria-label={`Compare the evaluation of ${formatWhen(e.createdAt)}`}
                  className="h-4 w-4"
                />
              </Td>
              <Td className="whitespace-nowrap">
                <LocalTime at={e.createdAt} />
              </Td>
              <Td className="tabular-nums">
                {e.score} ({e.grade})
              </Td>
              <Td className="tabular-nums">{formatMs(e.p99Ms)}</Td>
              <Td>
                {e.modelVersion}
                {e.modelVersion !== modelVersion ? <span className="ml-1 text-xs text-amber-700 dark:text-amber-400">(older model)</span> : null}
              </Td>
              <Td>
                <button type="button" className={buttonClass("secondary", "sm")} onClick={() => void rescore(e)} disabled={busy === e.id}>
                  {busy === e.id ? "Re-scoring…" : "Re-score with current model"}
                </button>
                {rescores[e.id] ? (
                  <p role={rescores[e.id]!.error ? "alert" : "status"} className={`mt-1 text-xs ${rescores[e.id]!.error ? "text-red-700 dark:text-red-400" : ""}`}>
                    {rescores[e.id]!.text}
                  </p>
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {a && b ? (
        <a href={`/designs/${designId}/compare?a=${b}&b=${a}`} className={`${buttonClass("secondary", "sm")} inline-block`}>
          Compare the two selected evaluations
        </a>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Select two evaluations to compare them side by side.</p>
      )}
    </div>
  );
}

/** Score per evaluation, oldest first; the table under it carries the same figures as text. */
function ScorePerAttempt({ evaluations }: { evaluations: EvaluationSummary[] }) {
  if (evaluations.length < 2) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">Evaluate again after a change to see your score per attempt as a chart.</p>;
  }
  const points = [...evaluations].reverse().map((e, i) => ({ at: e.createdAt, percent: e.score, label: `Evaluation ${i + 1}`, attemptId: e.id }));
  return (
    <figure data-testid="score-per-attempt">
      <LazyScoreChart points={points} by="attempt" unit="points" />
      <figcaption className="text-sm text-slate-600 dark:text-slate-400">
        Score out of 100 for each evaluation of this design, from the first (#1) to the latest (#{points.length}); the table below lists the same scores.
      </figcaption>
    </figure>
  );
}
