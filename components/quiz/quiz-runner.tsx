"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { checkQuizAnswer } from "@/lib/actions/check-quiz-answer";
import type { QuizItem } from "@/lib/server/quiz/build";
import type { CheckedAnswer } from "@/lib/server/quiz/check";
import { draftToResponse, initialDraft, isAnswered, uuid4, type Draft } from "@/components/quiz/draft";
import { FeedbackPanel } from "@/components/quiz/feedback-panel";
import { ProgressBar } from "@/components/quiz/progress-bar";
import { QuestionInput } from "@/components/quiz/question-input";
import { SelfRatingGroup, type SelfRating } from "@/components/quiz/self-rating";
import { buttonPrimary, buttonSecondary, card, proseClass } from "@/components/quiz/styles";

type Props = {
  items: QuizItem[];
  mode: "one" | "all";
  kind: "chapter" | "mixed";
  chapter: string | null;
};

type SubmitState = { status: "idle" } | { status: "sending" } | { status: "error"; message: string; retryable: boolean };

const difficultyLabel = { easy: "Easy", medium: "Medium", hard: "Hard" } as const;

/**
 * Takes a quiz. The page hands over answerless questions only; answers are scored on the server, either one
 * at a time for immediate feedback (nothing stored) or all together on submission (stored as the attempt).
 */
export function QuizRunner({ items, mode, kind, chapter }: Props) {
  const router = useRouter();
  const [drafts, setDrafts] = useState<Draft[]>(() => items.map((i) => initialDraft(i.question)));
  const [checked, setChecked] = useState<(CheckedAnswer | null)[]>(() => items.map(() => null));
  const [ratings, setRatings] = useState<(SelfRating | null)[]>(() => items.map(() => null));
  const [times, setTimes] = useState<(number | null)[]>(() => items.map(() => null));
  const [index, setIndex] = useState(0);
  const [problem, setProblem] = useState<{ index: number; message: string } | null>(null);
  const [checking, setChecking] = useState(false);
  const [submit, setSubmit] = useState<SubmitState>({ status: "idle" });
  // One key per quiz run: a retry after a network failure re-sends it, so the server stores one attempt.
  const [idempotencyKey] = useState(uuid4);
  const [startedAt] = useState(() => new Date().toISOString());
  const shownAt = useRef(0);
  const feedbackHeading = useRef<HTMLHeadingElement>(null);
  const questionHeading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    shownAt.current = Date.now();
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    questionHeading.current?.focus();
  }, [index]);

  const setDraft = (i: number, d: Draft) => {
    setDrafts((all) => all.map((x, j) => (j === i ? d : x)));
    if (problem?.index === i) setProblem(null);
  };

  const answeredCount = mode === "one" ? checked.filter(Boolean).length : drafts.filter(isAnswered).length;

  async function send() {
    const answers = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as QuizItem;
      const r = draftToResponse(drafts[i] as Draft);
      if (!r.ok) {
        setProblem({ index: i, message: `Question ${i + 1}: ${r.message}` });
        if (mode === "one") setIndex(i);
        else document.getElementById(`q-${i}-heading`)?.focus();
        return;
      }
      answers.push({
        questionId: item.question.id,
        version: item.version,
        response: r.response,
        ...(times[i] != null ? { timeMs: times[i] } : {}),
        ...(ratings[i] ? { selfRating: ratings[i] } : {}),
      });
    }
    setSubmit({ status: "sending" });
    try {
      const res = await fetch("/api/quiz/attempts", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ idempotencyKey, kind, ...(chapter ? { chapter } : {}), startedAt, answers }),
      });
      const body = (await res.json().catch(() => ({}))) as { attempt?: { id: string }; error?: { message?: string } };
      if (res.ok && body.attempt) {
        router.push(`/quizzes/attempts/${body.attempt.id}`);
        return;
      }
      setSubmit({
        status: "error",
        message: body.error?.message ?? `The server refused the submission (${res.status}).`,
        retryable: res.status >= 500 || res.status === 401,
      });
    } catch {
      setSubmit({ status: "error", message: "The network failed before the server answered. Your answers are still here.", retryable: true });
    }
  }

  async function check(e: FormEvent) {
    e.preventDefault();
    const i = index;
    if (checked[i]) {
      if (i + 1 < items.length) setIndex(i + 1);
      else await send();
      return;
    }
    const item = items[i] as QuizItem;
    const r = draftToResponse(drafts[i] as Draft);
    if (!r.ok) {
      setProblem({ index: i, message: r.message });
      return;
    }
    setChecking(true);
    try {
      const result = await checkQuizAnswer({ questionId: item.question.id, version: item.version, response: r.response });
      if (!result.ok) {
        setProblem({ index: i, message: result.error });
        return;
      }
      setChecked((all) => all.map((x, j) => (j === i ? result.data : x)));
      setTimes((all) => all.map((x, j) => (j === i ? Math.min(86_400_000, Math.max(0, Date.now() - shownAt.current)) : x)));
      requestAnimationFrame(() => feedbackHeading.current?.focus());
    } catch {
      setProblem({ index: i, message: "Could not reach the server to check this answer. Try again." });
    } finally {
      setChecking(false);
    }
  }

  const submitStatus =
    submit.status === "error" ? (
      <div role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
        <p>{submit.message}</p>
        {submit.retryable ? (
          <button type="button" className={`${buttonSecondary} mt-2`} onClick={() => void send()}>
            Try again
          </button>
        ) : null}
      </div>
    ) : null;

  if (items.length === 0) {
    return <p>There are no published questions matching this choice yet.</p>;
  }

  if (mode === "one") {
    const item = items[index] as QuizItem;
    const result = checked[index] ?? null;
    const current = draftToResponse(drafts[index] as Draft);
    const last = index + 1 === items.length;
    return (
      <div className="space-y-4">
        <ProgressBar value={answeredCount} max={items.length} label="Questions answered" />
        <form onSubmit={check} className={card} noValidate>
          <h2 ref={questionHeading} tabIndex={-1} className="text-sm font-normal text-slate-600 dark:text-slate-400">
            Question {index + 1} of {items.length} · {difficultyLabel[item.question.difficulty]}
          </h2>
          <div id={`q-${index}-prompt`} className={`mt-2 text-lg font-medium ${proseClass}`} dangerouslySetInnerHTML={{ __html: item.promptHtml }} />
          <div className="mt-4">
            <QuestionInput
              key={item.question.id}
              question={item.question}
              draft={drafts[index] as Draft}
              onChange={(d) => setDraft(index, d)}
              disabled={result !== null}
              idPrefix={`q-${index}`}
              labelledBy={`q-${index}-prompt`}
            />
          </div>
          {problem?.index === index ? (
            <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
              {problem.message}
            </p>
          ) : null}
          {result ? (
            <>
              <FeedbackPanel
                question={item.question}
                score={result.score}
                correct={result.correct}
                feedback={result.feedback}
                explanationHtml={result.explanationHtml}
                sectionHref={result.sectionHref}
                sectionTitle={result.sectionTitle}
                response={current.ok ? current.response : undefined}
                headingRef={feedbackHeading}
              />
              <SelfRatingGroup
                name={`rating-${index}`}
                legend="How well did you know it? (optional; it sets when this question comes back for review)"
                value={ratings[index] ?? null}
                onChange={(r) => setRatings((all) => all.map((x, j) => (j === index ? r : x)))}
              />
            </>
          ) : null}
          <div className="mt-4 flex flex-wrap gap-2">
            <button type="submit" className={buttonPrimary} disabled={checking || submit.status === "sending"}>
              {!result ? (checking ? "Checking…" : "Check answer") : last ? (submit.status === "sending" ? "Submitting…" : "Finish quiz") : "Next question"}
            </button>
          </div>
          {submitStatus}
        </form>
      </div>
    );
  }

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className="sticky top-14 z-10 bg-white/95 py-2 dark:bg-slate-950/95">
        <ProgressBar value={answeredCount} max={items.length} label="Questions answered" />
      </div>
      <ol className="space-y-6">
        {items.map((item, i) => (
          <li key={item.question.id} className={card}>
            <h2 id={`q-${i}-heading`} tabIndex={-1} className="text-sm font-normal text-slate-600 dark:text-slate-400">
              Question {i + 1} of {items.length} · {difficultyLabel[item.question.difficulty]}
            </h2>
            <div id={`q-${i}-prompt`} className={`mt-2 text-lg font-medium ${proseClass}`} dangerouslySetInnerHTML={{ __html: item.promptHtml }} />
            <div className="mt-4">
              <QuestionInput
                question={item.question}
                draft={drafts[i] as Draft}
                onChange={(d) => setDraft(i, d)}
                idPrefix={`q-${i}`}
                labelledBy={`q-${i}-prompt`}
              />
            </div>
            {problem?.index === i ? (
              <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
                {problem.message}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <div>
        <button type="submit" className={buttonPrimary} disabled={submit.status === "sending"}>
          {submit.status === "sending" ? "Submitting…" : "Submit answers"}
        </button>
        {submitStatus}
      </div>
    </form>
  );
}
