"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { checkQuizAnswer } from "@/lib/actions/check-quiz-answer";
import type { CheckedAnswer, QuizItem, RevealedHints } from "@/lib/schemas/quiz-attempt";
import {
  blankReason,
  draftFromResponse,
  draftToResponse,
  initialDraft,
  isAnswered,
  uuid4,
  type Draft,
} from "@/components/quiz/draft";
import { FeedbackPanel } from "@/components/quiz/feedback-panel";
import { HintPanel } from "@/components/quiz/hint-panel";
import { ProgressBar } from "@/components/quiz/progress-bar";
import { QuestionInput } from "@/components/quiz/question-input";
import { SelfRatingGroup, type SelfRating } from "@/components/quiz/self-rating";
import { card, proseClass } from "@/components/quiz/styles";
import { callAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/alert";
import { linkClass } from "@/components/ui/link";

type Props = {
  /** The open attempt the page was dealt; checks commit to it and the submission closes it. */
  attemptId: string;
  items: QuizItem[];
  /** Answers committed before a reload, with their feedback, by question id. */
  committed: Record<string, CheckedAnswer & { response: unknown }>;
  /** Hints asked for before a reload, by question id (never hints that were not asked for). */
  hints: Record<string, RevealedHints>;
  mode: "one" | "all";
};

type SubmitState = { status: "idle" } | { status: "sending" } | { status: "error"; message: string; retryable: boolean };

const difficultyLabel = { easy: "Easy", medium: "Medium", hard: "Hard" } as const;

/**
 * Takes a quiz. The page hands over answerless questions only; answers are scored on the server, either one
 * at a time (each check commits the answer to the attempt, then shows feedback) or all together on submission.
 */
export function QuizRunner({ attemptId, items, committed, hints: initialHints, mode }: Props) {
  const router = useRouter();
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    items.map((i) =>
      committed[i.question.id]
        ? draftFromResponse(i.question, committed[i.question.id]?.response)
        : initialDraft(i.question),
    ),
  );
  const [checked, setChecked] = useState<((CheckedAnswer & { response: unknown }) | null)[]>(() =>
    items.map((i) => committed[i.question.id] ?? null),
  );
  // All-at-once: the blanks found on the last submit press; submitting again with them listed sends anyway.
  const [blanks, setBlanks] = useState<{ index: number; reason: string }[] | null>(null);
  const [ratings, setRatings] = useState<(SelfRating | null)[]>(() => items.map(() => null));
  const [times, setTimes] = useState<(number | null)[]>(() => items.map(() => null));
  // After a reload, carry on at the first question not yet checked.
  const [index, setIndex] = useState(() => Math.max(0, Math.min(items.length - 1, items.findIndex((i) => !committed[i.question.id]))));
  const [problem, setProblem] = useState<{ index: number; message: string } | null>(null);
  const [checking, setChecking] = useState(false);
  const [submit, setSubmit] = useState<SubmitState>({ status: "idle" });
  const [hints, setHints] = useState<Record<string, RevealedHints>>(initialHints);
  const hintPanel = (item: QuizItem, i: number, answered: boolean) => (
    <HintPanel
      attemptId={attemptId}
      questionId={item.question.id}
      hintCosts={item.question.hintCosts ?? []}
      revealed={hints[item.question.id]}
      onRevealed={(h) => setHints((all) => ({ ...all, [item.question.id]: h }))}
      answered={answered}
      idPrefix={`q-${i}`}
    />
  );
  // One key per quiz run: a retry after a network failure re-sends it, so the server stores one attempt.
  const [idempotencyKey] = useState(uuid4);
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
    setBlanks(null);
  };

  const answeredCount = mode === "one" ? checked.filter(Boolean).length : drafts.filter(isAnswered).length;

  async function send(confirmedBlanks = false) {
    if (mode === "all" && !confirmedBlanks) {
      const found = items.flatMap((item, i) => {
        const reason = blankReason(drafts[i] as Draft, item.question.type === "matching" ? item.question.left.length : 0);
        return reason ? [{ index: i, reason }] : [];
      });
      if (found.length > 0) {
        setBlanks(found);
        requestAnimationFrame(() => document.getElementById("blank-summary")?.focus());
        return;
      }
    }
    const answers = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as QuizItem;
      const draft = drafts[i] as Draft;
      const done = mode === "one" ? checked[i] : null;
      if (done) {
        // Already committed: sent again exactly as the server stored it, to carry the time and self-rating.
        answers.push({
          questionId: item.question.id,
          version: item.version,
          response: done.response,
          ...(times[i] != null ? { timeMs: times[i] } : {}),
          ...(ratings[i] ? { selfRating: ratings[i] } : {}),
        });
        continue;
      }
      // A question left blank on purpose (the candidate confirmed) is not sent: it scores 0 as unanswered.
      if (mode === "all" && (draft.type === "ordering" ? !draft.touched : !isAnswered(draft))) continue;
      const r = draftToResponse(draft);
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
        body: JSON.stringify({ idempotencyKey, attemptId, answers }),
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
    const draft = drafts[i] as Draft;
    const blank = blankReason(draft, item.question.type === "matching" ? item.question.left.length : 0);
    // Checking commits the answer for good, so a blank is refused here rather than committed as wrong.
    // A partly matched matching question is an answer (scored per pair); an untouched one is not.
    if (blank && !(draft.type === "matching" && Object.keys(draft.matches).length > 0)) {
      setProblem({ index: i, message: `Not answered yet: ${blank}.` });
      return;
    }
    const r = draftToResponse(draft);
    if (!r.ok) {
      setProblem({ index: i, message: r.message });
      return;
    }
    setChecking(true);
    const result = await callAction(() => checkQuizAnswer({ attemptId, questionId: item.question.id, response: r.response }));
    setChecking(false);
    if (!result.ok) {
      setProblem({ index: i, message: result.error });
      return;
    }
    setChecked((all) => all.map((x, j) => (j === i ? result.data : x)));
    // The server keeps the first committed answer; show that one if this was a repeat (another tab).
    if (result.data.alreadyCommitted) setDrafts((all) => all.map((x, j) => (j === i ? draftFromResponse(item.question, result.data.response) : x)));
    setTimes((all) => all.map((x, j) => (j === i ? Math.min(86_400_000, Math.max(0, Date.now() - shownAt.current)) : x)));
    requestAnimationFrame(() => feedbackHeading.current?.focus());
  }

  const submitStatus =
    submit.status === "error" ? (
      <div role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
        <p>{submit.message}</p>
        {submit.retryable ? (
          <button type="button" className={`${buttonClass("secondary")} mt-2`} onClick={() => void send(true)}>
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
          {hintPanel(item, index, result !== null)}
          {problem?.index === index ? (
            <ErrorText className="mt-3">
              {problem.message}
            </ErrorText>
          ) : null}
          {result ? (
            <>
              <FeedbackPanel
                question={item.question}
                result={result}
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
            <button type="submit" className={buttonClass("primary")} disabled={checking || submit.status === "sending"}>
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
            {hintPanel(item, i, false)}
            {problem?.index === i ? (
              <ErrorText className="mt-3">
                {problem.message}
              </ErrorText>
            ) : null}
          </li>
        ))}
      </ol>
      <div>
        {blanks ? (
          <div
            id="blank-summary"
            tabIndex={-1}
            role="alert"
            className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
          >
            <p className="font-medium">
              {blanks.length === 1 ? "One question is" : `${blanks.length} questions are`} not fully answered. Blank answers score 0.
            </p>
            <ul className="mt-2 list-disc pl-6">
              {blanks.map((b) => (
                <li key={b.index}>
                  <a className={linkClass("inherit")} href={`#q-${b.index}-heading`} onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(`q-${b.index}-heading`)?.focus();
                  }}>
                    Question {b.index + 1}
                  </a>
                  : {b.reason}
                </li>
              ))}
            </ul>
            <button type="button" className={`${buttonClass("secondary")} mt-3`} onClick={() => void send(true)} disabled={submit.status === "sending"}>
              Submit anyway
            </button>
          </div>
        ) : null}
        <button type="submit" className={buttonClass("primary")} disabled={submit.status === "sending"}>
          {submit.status === "sending" ? "Submitting…" : "Submit answers"}
        </button>
        {submitStatus}
      </div>
    </form>
  );
}
