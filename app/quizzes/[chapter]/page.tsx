import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/page-shell";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { requireGrant } from "@/lib/auth/session";
import { chapterSlugs, type ChapterSlug } from "@/lib/schemas/question";
import { buildChapterQuiz } from "@/lib/server/quiz/build";
import { chapterTitle } from "@/lib/server/quiz/chapter-titles";

type Params = { params: Promise<{ chapter: string }>; searchParams: Promise<{ mode?: string | string[] }> };

const isChapter = (s: string): s is ChapterSlug => (chapterSlugs as readonly string[]).includes(s);

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { chapter } = await params;
  return { title: isChapter(chapter) ? `Quiz: ${chapterTitle(chapter)}` : "Quiz" };
}

export default async function ChapterQuizPage({ params, searchParams }: Params) {
  const { chapter } = await params;
  if (!isChapter(chapter)) notFound();
  await requireGrant("candidate");
  const mode = (await searchParams).mode === "all" ? "all" : "one";
  const plan = await buildChapterQuiz(chapter, randomUUID());
  return (
    <PageShell
      title={`Quiz: ${chapterTitle(chapter)}`}
      lead={
        <>
          {plan.items.length} questions.{" "}
          {mode === "one" ? "Check each answer as you go; " : "Answer everything, then submit; "}
          the results page points you to the sections worth re-reading.{" "}
          <Link className="underline" href={mode === "one" ? `/quizzes/${chapter}?mode=all` : `/quizzes/${chapter}`}>
            {mode === "one" ? "Show all questions on one page instead" : "Take it one question at a time instead"}
          </Link>
          .
        </>
      }
    >
      <QuizRunner items={plan.items} mode={mode} kind="chapter" chapter={chapter} />
    </PageShell>
  );
}
