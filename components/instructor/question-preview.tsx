"use client";

import { useMemo, useState } from "react";
import { draftToResponse, formatPercent, initialDraft, type Draft } from "@/components/quiz/draft";
import { FeedbackPanel } from "@/components/quiz/feedback-panel";
import { QuestionInput } from "@/components/quiz/question-input";
import { card, proseClass } from "@/components/quiz/styles";
import { correctResponse, estimateValues, scoreResponse, toPublicQuestion } from "@/lib/core/quiz";
import { formatQuantity } from "@/lib/core/quiz/estimate-format";
import type { PublicQuestion, Question, ScoreResult } from "@/lib/schemas/question";
import { renderUserMarkdown } from "@/lib/markdown/user-markdown";
import { buttonClass } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/alert";

/**
 * The question as a candidate meets it: the quiz's own input and feedback components, fed the public view
 * from toPublicQuestion (shuffles included) and scored with scoreResponse, the same scoring the server uses.
 */
export function QuestionPreview({ question, sectionTitle }: { question: Question; sectionTitle: string }) {
  const [seed, setSeed] = useState(1);
  const view = useMemo(() => toPublicQuestion(question, seed), [question, seed]);
  // Keyed by the content, so an edit starts a fresh trial answer.
  return (
    <PreviewBody
      key={`${JSON.stringify(question)}|${seed}`}
      question={question}
      view={view}
      sectionTitle={sectionTitle}
      seed={seed}
      onReshuffle={() => setSeed((s) => s + 1)}
    />
  );
}

type Props = { question: Question; view: PublicQuestion; sectionTitle: string; seed: number; onReshuffle: () => void };

/** For authors only: the values this preview drew and the answer the formula gives for them. */
function EstimateSample({ question, seed }: { question: Extract<Question, { type: "estimate" }>; seed: number }) {
  const values = estimateValues(question, seed);
  const answer = (correctResponse(question, seed) as { value: number }).value;
  return (
    <div className="mt-3 rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-800" data-testid="estimate-sample">
      <p className="font-medium">Drawn for this preview (candidates see only the prompt)</p>
      <ul className="mt-1 list-disc pl-5">
        {question.variables.map((v) => (
          <li key={v.name}>
            {v.name} = {formatQuantity(values[v.name] ?? Number.NaN, v.unit, 6)}
          </li>
        ))}
      </ul>
      <p className="mt-1">
        Computed answer: <strong>{formatQuantity(answer, question.unit)}</strong>
      </p>
    </div>
  );
}

function PreviewBody({ question, view, sectionTitle, seed, onReshuffle }: Props) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(view));
  const [result, setResult] = useState<{ score: ScoreResult; response: unknown } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The public prompt: for an estimate it carries the drawn values instead of {{names}}.
  const promptHtml = useMemo(() => renderUserMarkdown(view.prompt), [view.prompt]);
  const explanationHtml = useMemo(() => renderUserMarkdown(question.explanation), [question.explanation]);

  const check = () => {
    const out = draftToResponse(draft);
    if (!out.ok) {
      setProblem(out.message);
      return;
    }
    try {
      setResult({ score: scoreResponse(question, out.response, seed), response: out.response });
      setProblem(null);
    } catch {
      setProblem("That answer does not fit this question.");
    }
  };

  return (
    <section aria-labelledby="preview-heading" className={card} data-testid="question-preview">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="preview-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          Preview: what candidates see
        </h2>
        {view.type === "ordering" || view.type === "matching" || view.type === "estimate" ? (
          <button type="button" onClick={onReshuffle} className={buttonClass("secondary")}>
            {view.type === "estimate" ? "Draw new values" : "Reshuffle"}
          </button>
        ) : null}
      </div>
      {question.type === "estimate" ? <EstimateSample question={question} seed={seed} /> : null}
      <div id="preview-prompt" className={`mt-3 text-lg font-medium ${proseClass}`} dangerouslySetInnerHTML={{ __html: promptHtml }} />
      <div className="mt-4">
        <QuestionInput question={view} draft={draft} onChange={setDraft} disabled={result !== null} idPrefix="preview" labelledBy="preview-prompt" />
      </div>
      {question.hints ? (
        <div className="mt-4 text-sm">
          <p className="font-medium">Hints, shown one at a time when a candidate asks:</p>
          <ol className="list-decimal pl-6">
            {question.hints.map((h, i) => (
              <li key={i}>
                {h.text} <span className="text-slate-600 dark:text-slate-400">(costs {formatPercent(h.cost)} of the mark)</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {problem ? (
        <ErrorText className="mt-3">
          {problem}
        </ErrorText>
      ) : null}
      <div className="mt-4">
        {result ? (
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => {
              setResult(null);
              setDraft(initialDraft(view));
            }}
          >
            Try again
          </button>
        ) : (
          <button type="button" className={buttonClass("primary")} onClick={check}>
            Check answer
          </button>
        )}
      </div>
      {result ? (
        <div data-testid="preview-feedback">
          <FeedbackPanel
            question={view}
            result={{ ...result.score, explanationHtml, sectionHref: `/learn/${question.chapter}#${question.section}`, sectionTitle }}
            response={result.response}
          />
        </div>
      ) : null}
    </section>
  );
}
