"use client";

import { revealQuizHint } from "@/lib/actions/reveal-quiz-hint";
import type { RevealedHints } from "@/lib/schemas/quiz-attempt";
import { formatPercent } from "@/components/quiz/draft";
import { buttonClass } from "@/components/ui/button";
import { useAction } from "@/components/use-action";

type Props = {
  attemptId: string;
  questionId: string;
  /** What each hint costs, a fraction of the question's mark; the texts come from the server on request. */
  hintCosts: readonly number[];
  revealed: RevealedHints | undefined;
  onRevealed: (hints: RevealedHints) => void;
  /** True once the answer is committed: no more hints. */
  answered: boolean;
  idPrefix: string;
};

/**
 * Hints on request. The page carries only their costs; asking records the request with the attempt on the
 * server, which sends the text back, and the cost is taken off this question's mark.
 */
export function HintPanel({ attemptId, questionId, hintCosts, revealed, onRevealed, answered, idPrefix }: Props) {
  const { run, pending: busy, failure } = useAction(revealQuizHint);
  const shown = revealed?.hints ?? [];
  const next = hintCosts[shown.length];
  if (hintCosts.length === 0 || (answered && shown.length === 0)) return null;

  async function ask() {
    const result = await run({ attemptId, questionId });
    if (result.ok) onRevealed(result.data);
  }

  return (
    <section
      aria-labelledby={`${idPrefix}-hints`}
      className="mt-4 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700"
    >
      <h3 id={`${idPrefix}-hints`} className="font-medium">
        Hints
      </h3>
      {shown.length > 0 ? (
        <ol className="mt-2 list-decimal space-y-1 pl-6" aria-live="polite">
          {shown.map((h, i) => (
            <li key={i} data-testid="hint-text">
              {h.text}{" "}
              <span className="text-slate-600 dark:text-slate-400">
                (costs {formatPercent(h.cost)} of this question&apos;s mark)
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          {hintCosts.length === 1 ? "A hint is" : `${hintCosts.length} hints are`} available. Each one takes a share of
          this question&apos;s mark.
        </p>
      )}
      {next !== undefined && !answered ? (
        <button type="button" className={`${buttonClass("secondary")} mt-2`} disabled={busy} onClick={() => void ask()}>
          {busy
            ? "Getting the hint…"
            : `Show ${shown.length === 0 ? "a" : "another"} hint (costs ${formatPercent(next)} of this question's mark)`}
        </button>
      ) : null}
      {failure ? (
        <p role="alert" className="mt-2 text-red-700 dark:text-red-400">
          {failure.error}
        </p>
      ) : null}
    </section>
  );
}
