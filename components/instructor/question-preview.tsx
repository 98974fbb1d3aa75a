"use client";

import { useMemo, useState } from "react";
import { draftToResponse, formatPercent, initialDraft, type Draft } from "@/components/quiz/draft";
import { FeedbackPanel } from "@/components/quiz/feedback-panel";
import { QuestionInput } from "@/components/quiz/question-input";
import { card, proseClass } from "@/components/quiz/styles";
import { scoreResponse, toPublicQuestion } from "@/lib/quiz";
import type { PublicQuestion, Question, ScoreResult } from "@/lib/schemas/question";
import { renderUserMarkdown } from "@/lib/markdown/user-markdown";
import { buttonClass } from "@/components/ui/button";

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
      onReshuffle={() => setSeed((s) => s + 1)}
    />
  );
}

type Props = { question: Question; view: PublicQuestion; sectionTitle: string; onReshuffle: () => void };

function PreviewBody({ question, view, sectionTitle, onReshuffle }: Props) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(view));
  const [result, setResult] = useState<{ score: ScoreResult; response: unknown } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const promptHtml = useMemo(() => renderUserMarkdown(question.prompt), [question.prompt]);
  const explanationHtml = useMemo(() => renderUserMarkdown(question.explanation), [question.explanation]);

  const check = () => {
    const out = draftToResponse(draft);
    if (!out.ok) {
      setProblem(out.message);
      return;
    }
    try {
      setResult({ score: scoreResponse(question, out.response), response: out.response });
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
        {view.type === "ordering" || view.type === "matching" ? (
          <button type="button" onClick={onReshuffle} className={buttonClass("secondary")}>
            Reshuffle
          </button>
        ) : null}
      </div>
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
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
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
            score={result.score.score}
            correct={result.score.correct}
            feedback={result.score.feedback}
            explanationHtml={explanationHtml}
            sectionHref={`/learn/${question.chapter}#${question.section}`}
            sectionTitle={sectionTitle}
            response={result.response}
          />
        </div>
      ) : null}
    </section>
  );
}
