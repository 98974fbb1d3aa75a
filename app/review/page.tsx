import type { Metadata } from "next";
import { PageShell } from "@/components/layout/page-shell";
import { ReviewRunner, type ReviewCardView } from "@/components/quiz/review-runner";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { toQuizItem } from "@/lib/server/quiz/build";
import { queueQuestion, reviewFeedback, reviewQueue, reviewSeed } from "@/lib/server/quiz/review";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewPage() {
  const user = await requirePageRole("candidate");
  const queue = await reviewQueue(user.id);
  const first = queue.cards[0];
  const pinned = first ? await queueQuestion(first) : null;
  let current: ReviewCardView | null = null;
  if (first && pinned) {
    current = {
      key: `${first.questionId}:${first.reps}`,
      item: toQuizItem(pinned, reviewSeed(user.id, first)),
      due: first.due.toISOString(),
      category: first.category,
      // An answer already committed (before a reload or an undo) comes back with its feedback.
      committed: first.pending
        ? reviewFeedback(pinned, reviewSeed(user.id, first), first.pending.score, first.pending.response, true)
        : null,
    };
  }
  const total = queue.cards.length;
  return (
    <PageShell
      title="Reviews due today"
      lead={
        total === 0
          ? "You are all caught up for today."
          : `${total} card${total === 1 ? "" : "s"} left today. Spaced repetition (FSRS) brings each one back just before you would forget it.`
      }
    >
      <ReviewRunner
        counts={queue.counts}
        current={current}
        newHeldBack={queue.newHeldBack}
        newCardsPerDay={queue.newCardsPerDay}
        timeZone={queue.timeZone}
      />
    </PageShell>
  );
}
