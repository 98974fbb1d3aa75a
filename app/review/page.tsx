import type { Metadata } from "next";
import { PageShell } from "@/components/layout/page-shell";
import { ReviewRunner, type ReviewItem } from "@/components/quiz/review-runner";
import { requireGrant } from "@/lib/auth/session";
import { toPublicQuestion } from "@/lib/quiz";
import { renderMarkdown } from "@/lib/server/quiz/markdown";
import { dueQuestions } from "@/lib/server/quiz/review";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewPage() {
  const user = await requireGrant("candidate");
  const due = await dueQuestions(user.id);
  const items: ReviewItem[] = due.map(({ card, pinned }) => ({
    question: toPublicQuestion(pinned.question, `${user.id}|${card.questionId}|${card.due.getTime()}`),
    version: pinned.version,
    promptHtml: renderMarkdown(pinned.question.prompt),
    due: card.due.toISOString(),
  }));
  return (
    <PageShell
      title="Reviews due today"
      lead={
        items.length === 0
          ? "You are all caught up."
          : `${items.length} question${items.length === 1 ? "" : "s"} to review. Spaced repetition (FSRS) brings each one back just before you would forget it.`
      }
    >
      <ReviewRunner items={items} />
    </PageShell>
  );
}
