"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { checkQuizAnswer } from "@/lib/actions/check-quiz-answer";
import { rateReviewCard } from "@/lib/actions/rate-review";
import { ratingNames, suggestRating, type RatingName } from "@/lib/quiz";
import type { QuizItem } from "@/lib/server/quiz/build";
import type { CheckedAnswer } from "@/lib/server/quiz/check";
import { draftToResponse, initialDraft, type Draft } from "@/components/quiz/draft";
import { FeedbackPanel } from "@/components/quiz/feedback-panel";
import { ProgressBar } from "@/components/quiz/progress-bar";
import { QuestionInput } from "@/components/quiz/question-input";
import { buttonPrimary, buttonSecondary, card, proseClass } from "@/components/quiz/styles";

export type ReviewItem = QuizItem & { due: string };

const RATING_HINTS: Record<RatingName, string> = {
  Again: "forgot or guessed: soon",
  Hard: "hard: a short gap",
  Good: "knew it: a longer gap",
  Easy: "easy: the longest gap",
};

const formatDue = (iso: string) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

/** Works through today's due cards: answer, see feedback, rate, and the server schedules the next review. */
export function ReviewRunner({ items }: { items: ReviewItem[] }) {
  const [index, setIndex] = useState(0);
  const [draft, setDraft] = useState<Draft | null>(() => (items[0] ? initialDraft(items[0].question) : null));
  const [checked, setChecked] = useState<CheckedAnswer | null>(null);
  const [scheduled, setScheduled] = useState<{ rating: RatingName; nextDue: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const feedbackHeading = useRef<HTMLHeadingElement>(null);
  const scheduledRef = useRef<HTMLParagraphElement>(null);
  const questionHeading = useRef<HTMLHeadingElement>(null);

  const item = items[index];
  if (!item || !draft) {
    return (
      <div className={card}>
        <h2 className="text-lg font-semibold" tabIndex={-1} ref={questionHeading}>
          Nothing left to review today
        </h2>
        <p className="mt-2">
          Take a <Link href="/quizzes" className="underline">quiz</Link> to add questions to your queue, or check your{" "}
          <Link href="/dashboard" className="underline">dashboard</Link>.
        </p>
      </div>
    );
  }

  const response = draftToResponse(draft);

  async function check(e: FormEvent) {
    e.preventDefault();
    if (!item || checked) return;
    if (!response.ok) {
      setProblem(response.message);
      return;
    }
    setBusy(true);
    try {
      const result = await checkQuizAnswer({ questionId: item.question.id, version: item.version, response: response.response });
      if (!result.ok) setProblem(result.error);
      else {
        setChecked(result.data);
        setProblem(null);
        requestAnimationFrame(() => feedbackHeading.current?.focus());
      }
    } catch {
      setProblem("Could not reach the server. Try again.");
    } finally {
      setBusy(false);
    }
  }

  async function rate(rating: RatingName) {
    if (!item || !response.ok) return;
    setBusy(true);
    try {
      const result = await rateReviewCard({ questionId: item.question.id, version: item.version, response: response.response, selfRating: rating });
      if (!result.ok) setProblem(result.error);
      else {
        setScheduled({ rating: result.data.rating, nextDue: result.data.nextDue });
        requestAnimationFrame(() => scheduledRef.current?.focus());
      }
    } catch {
      setProblem("Could not reach the server. Try again.");
    } finally {
      setBusy(false);
    }
  }

  function next() {
    const n = index + 1;
    setIndex(n);
    setDraft(items[n] ? initialDraft(items[n].question) : null);
    setChecked(null);
    setScheduled(null);
    setProblem(null);
    requestAnimationFrame(() => questionHeading.current?.focus());
  }

  // The score caps the rating (see suggestRating): offering only what will be honoured avoids surprises.
  const allowed = checked ? new Set(ratingNames.filter((r) => suggestRating(checked.score, r) === r)) : new Set<RatingName>();

  return (
    <div className="space-y-4">
      <ProgressBar value={index} max={items.length} label="Reviews done" />
      <form onSubmit={check} className={card} noValidate>
        <h2 ref={questionHeading} tabIndex={-1} className="text-sm font-normal text-slate-600 dark:text-slate-400">
          Review {index + 1} of {items.length} · due {formatDue(item.due)}
        </h2>
        <div id={`r-${index}-prompt`} className={`mt-2 text-lg font-medium ${proseClass}`} dangerouslySetInnerHTML={{ __html: item.promptHtml }} />
        <div className="mt-4">
          <QuestionInput
            key={item.question.id}
            question={item.question}
            draft={draft}
            onChange={(d) => {
              setDraft(d);
              setProblem(null);
            }}
            disabled={checked !== null}
            idPrefix={`r-${index}`}
            labelledBy={`r-${index}-prompt`}
          />
        </div>
        {problem ? (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
            {problem}
          </p>
        ) : null}
        {!checked ? (
          <button type="submit" className={`${buttonPrimary} mt-4`} disabled={busy}>
            {busy ? "Checking…" : "Check answer"}
          </button>
        ) : (
          <>
            <FeedbackPanel
              question={item.question}
              score={checked.score}
              correct={checked.correct}
              feedback={checked.feedback}
              explanationHtml={checked.explanationHtml}
              sectionHref={checked.sectionHref}
              sectionTitle={checked.sectionTitle}
              response={response.ok ? response.response : undefined}
              headingRef={feedbackHeading}
            />
            {!scheduled ? (
              <div role="group" aria-labelledby="rate-label" className="mt-4">
                <p id="rate-label" className="text-sm font-medium">
                  How well did you know it? This decides when it comes back.
                </p>
                <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
                  {ratingNames.map((r) => (
                    <button
                      key={r}
                      type="button"
                      className={`${buttonSecondary} flex-col`}
                      disabled={busy || !allowed.has(r)}
                      onClick={() => void rate(r)}
                    >
                      <span>{r}</span>
                      <span className="text-xs font-normal text-slate-600 dark:text-slate-400">{RATING_HINTS[r]}</span>
                    </button>
                  ))}
                </div>
                {!checked.correct ? (
                  <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
                    {checked.score > 0 ? "A partly right answer can be rated Again or Hard." : "A wrong answer always comes back soon (Again)."}
                  </p>
                ) : null}
              </div>
            ) : (
              <div className="mt-4">
                <p ref={scheduledRef} tabIndex={-1} role="status" className="font-medium" data-testid="review-scheduled">
                  Rated {scheduled.rating}. Next review: {formatDue(scheduled.nextDue)}.
                </p>
                <button type="button" className={`${buttonPrimary} mt-3`} onClick={next}>
                  {index + 1 < items.length ? "Next review" : "Finish"}
                </button>
              </div>
            )}
          </>
        )}
      </form>
    </div>
  );
}
