import type { Metadata } from "next";
import Link from "next/link";
import { ChapterTable } from "@/components/dashboard/chapter-table";
import { LazyScoreChart } from "@/components/dashboard/lazy-score-chart";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { getDashboard, MASTERY_DEFINITION } from "@/lib/server/quiz/dashboard";

export const metadata: Metadata = { title: "Dashboard" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function DashboardPage() {
  const user = await requirePageRole("candidate");
  const d = await getDashboard(user.id);
  return (
    <PageShell title="Your dashboard" lead="Reading, quiz scores, mastery and reviews, chapter by chapter.">
      <section aria-labelledby="reviews-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <h2 id="reviews-heading" className="text-lg font-semibold">
          Reviews
        </h2>
        <p className="mt-1" data-testid="reviews-summary">
          {d.reviewsDueToday > 0 ? (
            <>
              <strong>{d.reviewsDueToday}</strong> due today.{" "}
              <Link href="/review" className="font-medium text-brand-600 underline dark:text-brand-100">
                Start reviewing
              </Link>
            </>
          ) : d.reviewCards > 0 ? (
            "Nothing due today."
          ) : (
            "No review cards yet: every question you answer in a quiz joins the queue."
          )}
          {d.nextReview ? <> Next review scheduled: {when.format(new Date(d.nextReview))} UTC.</> : null} {d.reviewCards} card
          {d.reviewCards === 1 ? "" : "s"} in total.
        </p>
      </section>

      <section aria-labelledby="chapters-heading" className="mt-8">
        <h2 id="chapters-heading" className="text-lg font-semibold">
          By chapter
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Reading counts the chapter&apos;s core sections you have finished. Quiz scores are from chapter quizzes. {MASTERY_DEFINITION}
        </p>
        <div className="mt-3">
          <ChapterTable chapters={d.chapters} />
        </div>
      </section>

      <section aria-labelledby="weak-heading" className="mt-8">
        <h2 id="weak-heading" className="text-lg font-semibold">
          Weakest topics
        </h2>
        {d.weakest.length === 0 ? (
          <p className="mt-1">Nothing to flag yet: topics show up here once you miss a question on them.</p>
        ) : (
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {d.weakest.map((w) => (
              <li key={`${w.chapter}#${w.section}`}>
                <a href={w.href} className="font-medium text-brand-600 underline dark:text-brand-100">
                  {w.title}
                </a>{" "}
                <span className="text-sm text-slate-600 dark:text-slate-400">
                  average {Math.round(w.score * 100)} % over {w.answered} question{w.answered === 1 ? "" : "s"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="text-lg font-semibold">
          Scores over time
        </h2>
        {d.history.length === 0 ? (
          <p className="mt-1">
            No attempts yet. <Link href="/quizzes" className="underline">Take a quiz</Link> to start the chart.
          </p>
        ) : (
          <>
            <div className="mt-3">
              <LazyScoreChart points={d.history} />
            </div>
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium">Attempts as a table</summary>
              <table className="mt-2 text-sm">
                <thead>
                  <tr>
                    <th scope="col" className="pr-4 text-left font-medium">When (UTC)</th>
                    <th scope="col" className="pr-4 text-left font-medium">Quiz</th>
                    <th scope="col" className="text-left font-medium">Score</th>
                  </tr>
                </thead>
                <tbody>
                  {[...d.history].reverse().map((p) => (
                    <tr key={p.attemptId}>
                      <td className="pr-4">{when.format(new Date(p.at))}</td>
                      <td className="pr-4">
                        <Link href={`/quizzes/attempts/${p.attemptId}`} className="underline">
                          {p.label}
                        </Link>
                      </td>
                      <td className="tabular-nums">{p.percent} %</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </section>
    </PageShell>
  );
}
