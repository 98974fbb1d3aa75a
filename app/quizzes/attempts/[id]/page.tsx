import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/page-shell";
import { NoteLinkList, Section } from "@/components/ui/section";
import { FeedbackPanel } from "@/components/quiz/feedback-panel";
import { card, proseClass } from "@/components/quiz/styles";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { attemptView } from "@/lib/server/quiz/results";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = { title: "Quiz results" };

type Params = { params: Promise<{ id: string }> };

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export default async function AttemptPage({ params }: Params) {
  const user = await requirePageRole("candidate");
  const { id } = await params;
  // Someone else's attempt (or a made-up id) is simply not there: 404, without saying which.
  const view = await attemptView(user.id, id);
  if (!view) notFound();
  const { attempt } = view;
  const percent = attempt.maxScore > 0 ? Math.round((attempt.score / attempt.maxScore) * 100) : 0;

  return (
    <PageShell title={view.chapterTitle ? `Results: ${view.chapterTitle}` : "Results: mixed practice"}>
      <section aria-labelledby="score-heading" className={card}>
        <h2 id="score-heading" className="text-xl font-semibold">
          Your score: <span data-testid="attempt-score">{percent} %</span>
        </h2>
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          {attempt.correctCount} of {attempt.questionCount} fully right · {Number(attempt.score.toFixed(2))} of{" "}
          {attempt.maxScore} points (partial credit counts) · took {formatDuration(attempt.durationMs)}
        </p>
        <p className="mt-3 flex flex-wrap gap-4 text-sm">
          {attempt.chapter ? (
            <Link href={`/quizzes/${attempt.chapter}`} className={linkClass("strong")}>
              Take this quiz again
            </Link>
          ) : null}
          <Link href="/review" className={linkClass("strong")}>
            Go to your reviews
          </Link>
          <Link href="/dashboard" className={linkClass("strong")}>
            See your dashboard
          </Link>
        </p>
      </section>

      <Section id="read-next" title="What to read next" className="mt-8">
        {view.readNext.length === 0 ? (
          <p className="mt-2">Every answer was fully right. Reviews will bring these questions back before you forget them.</p>
        ) : (
          <NoteLinkList
            items={view.readNext.map((r) => ({
              key: `${r.chapter}#${r.section}`,
              href: r.href,
              title: r.title,
              note: `(${r.chapterTitle}; ${r.missed} question${r.missed === 1 ? "" : "s"} missed)`,
            }))}
          />
        )}
      </Section>

      <Section id="review-answers" title="Question by question" className="mt-8">
        <ol className="mt-4 space-y-6">
          {view.answers.map((a, i) => (
            <li key={a.question.id} className={card}>
              <h3 className="text-sm font-normal text-slate-600 dark:text-slate-400">Question {i + 1}</h3>
              <div className={`mt-1 font-medium ${proseClass}`} dangerouslySetInnerHTML={{ __html: a.promptHtml }} />
              <FeedbackPanel
                question={a.question}
                result={a}
                response={a.response}
                headingLevel="h3"
              />
            </li>
          ))}
        </ol>
      </Section>
    </PageShell>
  );
}
