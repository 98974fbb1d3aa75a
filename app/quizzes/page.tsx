import type { Metadata } from "next";
import Link from "next/link";
import { PageShell } from "@/components/layout/page-shell";
import { Section } from "@/components/ui/section";
import { MixedQuizForm } from "@/components/quiz/mixed-quiz-form";
import { getActor } from "@/lib/server/kernel/auth";
import { chapterSlugs } from "@/lib/schemas/question";
import { publishedCountsByChapter } from "@/lib/server/quiz/published-counts";
import { chapterTitle } from "@/lib/server/quiz/chapter-titles";
import { buttonClass } from "@/components/ui/button";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = { title: "Quizzes" };

export default async function QuizzesPage() {
  const [user, counts] = await Promise.all([
    getActor(),
    publishedCountsByChapter(),
  ]);
  const countOf = new Map(counts.map((c) => [c.chapter, c._count._all]));
  const chapters = chapterSlugs.map((slug, i) => ({ slug, number: i + 1, title: chapterTitle(slug), count: countOf.get(slug) ?? 0 }));

  return (
    <PageShell
      title="Quizzes"
      lead="Check yourself after each chapter, or mix chapters for practice. Answers are scored on the server, every answered question joins your review queue, and your dashboard tracks how you are doing."
    >
      {!user ? (
        <p className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <Link href="/sign-in" className={linkClass("inherit", "font-medium")}>
            Sign in
          </Link>{" "}
          to take a quiz: your attempts, reviews and progress are saved to your account.
        </p>
      ) : (
        <p className="mb-6 flex flex-wrap gap-4">
          <Link href="/review" className={linkClass("strong")}>
            Reviews due today
          </Link>
          <Link href="/dashboard" className={linkClass("strong")}>
            Your dashboard
          </Link>
        </p>
      )}
      <Section id="chapter-quizzes" title="Chapter quizzes">
        <ul className="mt-4 grid gap-3 sm:grid-cols-2">
          {chapters.map((c) => (
            <li key={c.slug} className="flex flex-col rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <h3 className="font-medium">
                {c.number}. {c.title}
              </h3>
              <p className="text-sm text-slate-600 dark:text-slate-400">{c.count} questions</p>
              <div className="mt-3 flex flex-wrap gap-2 text-sm">
                <Link
                  href={`/quizzes/${c.slug}`}
                  className={buttonClass("primary", "sm")}
                  aria-label={`Take the ${c.title} quiz, one question at a time`}
                >
                  One at a time
                </Link>
                <Link
                  href={`/quizzes/${c.slug}?mode=all`}
                  className={buttonClass("secondary", "sm")}
                  aria-label={`Take the ${c.title} quiz with all questions on one page`}
                >
                  All at once
                </Link>
              </div>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="mixed-practice" title="Mixed practice" className="mt-10">
        <MixedQuizForm chapters={chapters.map((c) => ({ slug: c.slug, title: `${c.number}. ${c.title}` }))} />
      </Section>
    </PageShell>
  );
}
