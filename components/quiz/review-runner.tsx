"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { answerReviewCard } from "@/lib/actions/answer-review";
import { rateReviewCard } from "@/lib/actions/rate-review";
import { setTimeZone } from "@/lib/actions/set-time-zone";
import { undoReview } from "@/lib/actions/undo-review";
import { ratingNames, suggestRating, type RatingName } from "@/lib/core/quiz";
import type { CheckedAnswer, QuizItem } from "@/lib/schemas/quiz-attempt";
import { draftFromResponse, draftToResponse, initialDraft, type Draft } from "@/components/quiz/draft";
import { FeedbackPanel } from "@/components/quiz/feedback-panel";
import { QuestionInput } from "@/components/quiz/question-input";
import { card, proseClass } from "@/components/quiz/styles";
import { callAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ErrorText } from "@/components/ui/alert";
import { linkClass } from "@/components/ui/link";

export type ReviewCardView = {
  /** question id and reps: a new key whenever the card moves on, so nothing of the last card survives. */
  key: string;
  item: QuizItem;
  due: string;
  category: "new" | "learning" | "review";
  committed: (CheckedAnswer & { response: unknown }) | null;
};

type Props = {
  counts: { new: number; learning: number; review: number };
  current: ReviewCardView | null;
  newHeldBack: number;
  newCardsPerDay: number;
  timeZone: string;
};

type LastRating = { rating: RatingName; nextDue: string };

const RATING_HINTS: Record<RatingName, string> = {
  Again: "forgot or guessed: soon",
  Hard: "hard: a short gap",
  Good: "knew it: a longer gap",
  Easy: "easy: the longest gap",
};

const CATEGORY: Record<ReviewCardView["category"], string> = { new: "New card", learning: "Learning", review: "Review" };

/**
 * /review, Anki-style: one card at a time from the server's queue. Answering commits the answer, then shows
 * the feedback; rating schedules the card and the page reloads its queue, so the next card starts with fresh
 * state and the counts are the queue's own. The last rating can be undone.
 */
export function ReviewRunner({ counts, current, newHeldBack, newCardsPerDay, timeZone }: Props) {
  const router = useRouter();
  const [last, setLast] = useState<LastRating | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  // "Due today" ends at the user's midnight: tell the server the browser's zone once, then reload the queue.
  // Until that queue arrives the one shown was cut at another midnight, so no card is offered from it: a card
  // answered there could leave the queue, and the counts would jump under the candidate.
  const hydrated = useHydrated();
  const browserZone = hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone || timeZone : timeZone;
  const [zoneRefused, setZoneRefused] = useState(false);
  const matchingZone = browserZone !== timeZone && !zoneRefused;
  useEffect(() => {
    if (browserZone === timeZone) return;
    void callAction(() => setTimeZone({ timeZone: browserZone })).then((r) => {
      // A zone the server does not know keeps the queue it has: better than waiting for ever.
      if (r.ok) router.refresh();
      else setZoneRefused(true);
    });
  }, [browserZone, timeZone, router]);

  function undo() {
    startTransition(async () => {
      const r = await callAction(() => undoReview({}));
      if (!r.ok) setProblem(r.error);
      else {
        setLast(null);
        setProblem(null);
        router.refresh();
      }
    });
  }

  const total = counts.new + counts.learning + counts.review;
  return (
    <div className="space-y-4">
      {matchingZone ? (
        <p className="text-sm text-slate-700 dark:text-slate-300" role="status">
          Finding the cards due today in your time zone…
        </p>
      ) : (
        <p
          data-testid="review-counts"
          data-time-zone={timeZone}
          className="text-sm text-slate-700 dark:text-slate-300"
          aria-live="polite"
        >
          Left today: <strong>{counts.new}</strong> new · <strong>{counts.learning}</strong> learning · <strong>{counts.review}</strong> to review
          {` (${total} in all)`}
        </p>
      )}
      {last ? (
        <div className="flex flex-wrap items-center gap-3 text-sm" role="status" data-testid="review-scheduled">
          <span>
            Rated {last.rating}. That card comes back on <LocalTime at={last.nextDue} />.
          </span>
          <button type="button" className={buttonClass("secondary")} onClick={undo} disabled={pending}>
            Undo rating
          </button>
        </div>
      ) : null}
      {problem ? (
        <ErrorText>
          {problem}
        </ErrorText>
      ) : null}
      {matchingZone ? null : current ? (
        <ReviewCard
          key={current.key}
          view={current}
          onRated={(r) => {
            setLast(r);
            setProblem(null);
            router.refresh();
          }}
        />
      ) : (
        <div className={card}>
          <h2 className="text-lg font-semibold">Nothing left to review today</h2>
          <p className="mt-2">
            {newHeldBack > 0
              ? `${newHeldBack} more new card${newHeldBack === 1 ? " waits" : "s wait"} for tomorrow (at most ${newCardsPerDay} new cards a day). `
              : null}
            Take a <Link href="/quizzes" className={linkClass("inherit")}>quiz</Link> to add questions to your queue, or check your{" "}
            <Link href="/dashboard" className={linkClass("inherit")}>dashboard</Link>.
          </p>
        </div>
      )}
    </div>
  );
}

/** One card with its own state: mounted fresh for every card (see `key`). */
function ReviewCard({ view, onRated }: { view: ReviewCardView; onRated: (r: LastRating) => void }) {
  const { item } = view;
  const [draft, setDraft] = useState<Draft>(() => (view.committed ? draftFromResponse(item.question, view.committed.response) : initialDraft(item.question)));
  const [checked, setChecked] = useState<CheckedAnswer | null>(view.committed);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const feedbackHeading = useRef<HTMLHeadingElement>(null);
  const questionHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    questionHeading.current?.focus();
  }, []);

  const response = draftToResponse(draft);

  async function check(e: FormEvent) {
    e.preventDefault();
    if (checked) return;
    if (!response.ok) {
      setProblem(response.message);
      return;
    }
    setBusy(true);
    const result = await callAction(() => answerReviewCard({ questionId: item.question.id, version: item.version, response: response.response }));
    setBusy(false);
    if (!result.ok) setProblem(result.error);
    else {
      setChecked(result.data);
      setDraft(draftFromResponse(item.question, result.data.response));
      setProblem(null);
      requestAnimationFrame(() => feedbackHeading.current?.focus());
    }
  }

  async function rate(rating: RatingName) {
    setBusy(true);
    const result = await callAction(() => rateReviewCard({ questionId: item.question.id, selfRating: rating }));
    if (!result.ok) {
      setProblem(result.error);
      setBusy(false);
    } else onRated({ rating: result.data.rating, nextDue: result.data.nextDue });
  }

  // The score caps the rating (see suggestRating): offering only what will be honoured avoids surprises.
  const allowed = checked ? new Set(ratingNames.filter((r) => suggestRating(checked.score, r) === r)) : new Set<RatingName>();

  return (
    <form onSubmit={check} className={card} noValidate data-testid="review-card" data-question={item.question.id}>
      <h2 ref={questionHeading} tabIndex={-1} className="text-sm font-normal text-slate-600 dark:text-slate-400">
        {CATEGORY[view.category]} · due <LocalTime at={view.due} />
      </h2>
      <div id="review-prompt" className={`mt-2 text-lg font-medium ${proseClass}`} dangerouslySetInnerHTML={{ __html: item.promptHtml }} />
      <div className="mt-4">
        <QuestionInput
          question={item.question}
          draft={draft}
          onChange={(d) => {
            setDraft(d);
            setProblem(null);
          }}
          disabled={checked !== null}
          idPrefix="review"
          labelledBy="review-prompt"
        />
      </div>
      {problem ? (
        <ErrorText className="mt-3">
          {problem}
        </ErrorText>
      ) : null}
      {!checked ? (
        <button type="submit" className={`${buttonClass("primary")} mt-4`} disabled={busy}>
          {busy ? "Checking…" : "Check answer"}
        </button>
      ) : (
        <>
          <FeedbackPanel
            question={item.question}
            result={checked}
            response={response.ok ? response.response : undefined}
            headingRef={feedbackHeading}
          />
          <div role="group" aria-labelledby="rate-label" className="mt-4">
            <p id="rate-label" className="text-sm font-medium">
              How well did you know it? This decides when it comes back.
            </p>
            <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
              {ratingNames.map((r) => (
                <button key={r} type="button" className={`${buttonClass("secondary")} flex-col`} disabled={busy || !allowed.has(r)} onClick={() => void rate(r)}>
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
        </>
      )}
    </form>
  );
}
