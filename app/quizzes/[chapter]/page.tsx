import type { Metadata } from "next";
import { IntentLink } from "@/components/ui/intent-link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/page-shell";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { chapterSlugs, type ChapterSlug } from "@/lib/schemas/question";
import { chapterTitle } from "@/lib/server/quiz/chapter-titles";
import { openAttempt } from "@/lib/server/quiz/plans";
import { linkClass } from "@/components/ui/link";

type Params = { params: Promise<{ chapter: string }>; searchParams: Promise<{ mode?: string | string[] }> };

const isChapter = (s: string): s is ChapterSlug => (chapterSlugs as readonly string[]).includes(s);

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { chapter } = await params;
  return { title: isChapter(chapter) ? `Quiz: ${chapterTitle(chapter)}` : "Quiz" };
}

export default async function ChapterQuizPage({ params, searchParams }: Params) {
  const { chapter } = await params;
  if (!isChapter(chapter)) notFound();
  const user = await requirePageRole("candidate");
  const mode = (await searchParams).mode === "all" ? "all" : "one";
  // The same open attempt on every reload: same questions, same order, committed answers kept.
  const plan = await openAttempt(user.id, { kind: "chapter", chapter, mode });
  return (
    <PageShell
      title={`Quiz: ${chapterTitle(chapter)}`}
      lead={
        <>
          {plan.items.length} questions.{" "}
          {mode === "one" ? "Check each answer as you go; " : "Answer everything, then submit; "}
          the results page points you to the sections worth re-reading.{" "}
          <IntentLink className={linkClass("inherit")} href={mode === "one" ? `/quizzes/${chapter}?mode=all` : `/quizzes/${chapter}`}>
            {mode === "one" ? "Show all questions on one page instead" : "Take it one question at a time instead"}
          </IntentLink>
          .
        </>
      }
    >
      <QuizRunner
        attemptId={plan.attemptId}
        items={plan.items}
        committed={plan.committed}
        hints={plan.hints}
        mode={mode}
      />
    </PageShell>
  );
}
