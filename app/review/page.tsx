import type { Metadata } from "next";
import { PageShell } from "@/components/layout/page-shell";
import { DrillList } from "@/components/quiz/drill-list";
import { ReviewRunner, type ReviewCardView } from "@/components/quiz/review-runner";
import { listDrills } from "@/lib/server/designs/drills";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { toQuizItem } from "@/lib/server/quiz/build";
import { queueQuestion, reviewFeedback, reviewQueue, reviewSeed } from "@/lib/server/quiz/review";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewPage() {
  const user = await requirePageRole("candidate");
  const [queue, drills] = await Promise.all([reviewQueue(user.id), listDrills(user.id)]);
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
  const dueDrills = drills.filter((d) => d.dueToday).length;
  return (
    <PageShell
      title="Reviews due today"
      lead={
        total === 0
          ? dueDrills === 0
            ? "You are all caught up for today."
            : `No question cards left today; ${dueDrills} redesign drill${dueDrills === 1 ? " is" : "s are"} due.`
          : `${total} card${total === 1 ? "" : "s"} left today. Spaced repetition (FSRS) brings each one back just before you would forget it.`
      }
    >
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <ReviewRunner
          counts={queue.counts}
          current={current}
          newHeldBack={queue.newHeldBack}
          newCardsPerDay={queue.newCardsPerDay}
          timeZone={queue.timeZone}
        />
        <DrillList drills={drills} />
      </div>
    </PageShell>
  );
}
