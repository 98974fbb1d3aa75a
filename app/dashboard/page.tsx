import type { Metadata } from "next";
import { IntentLink } from "@/components/ui/intent-link";
import { ChapterTable } from "@/components/dashboard/chapter-table";
import { LazyScoreChart } from "@/components/dashboard/lazy-score-chart";
import { PageShell } from "@/components/layout/page-shell";
import { LocalTime } from "@/components/ui/local-time";
import { NoteLinkList, Section } from "@/components/ui/section";
import { Table, Td, type Column } from "@/components/ui/table";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { getDashboard, MASTERY_DEFINITION } from "@/lib/server/quiz/dashboard";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = { title: "Dashboard" };

const HISTORY_COLUMNS: Column[] = [{ label: "When (UTC)" }, { label: "Quiz" }, { label: "Score", numeric: true, unit: "%" }];


export default async function DashboardPage() {
  const user = await requirePageRole("candidate");
  const d = await getDashboard(user.id);
  return (
    <PageShell title="Your dashboard" lead="Reading, quiz scores, mastery and reviews, chapter by chapter.">
      <Section id="reviews-heading" title="Reviews" size="lg" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <p className="mt-1" data-testid="reviews-summary">
          {d.reviewsDueToday > 0 ? (
            <>
              <strong>{d.reviewsDueToday}</strong> due today.{" "}
              <IntentLink href="/review" className={linkClass("strong")}>
                Start reviewing
              </IntentLink>
            </>
          ) : d.reviewCards > 0 ? (
            "Nothing due today."
          ) : (
            "No review cards yet: every question you answer in a quiz joins the queue."
          )}
          {d.nextReview ? <> Next review scheduled: <LocalTime at={d.nextReview} />.</> : null} {d.reviewCards} card
          {d.reviewCards === 1 ? "" : "s"} in total.
        </p>
      </Section>

      <Section
        id="chapters-heading"
        title="By chapter"
        size="lg"
        className="mt-8"
        lead={<>Reading counts the chapter&apos;s core sections you have finished. Quiz scores are from chapter quizzes. {MASTERY_DEFINITION}</>}
      >
        <div className="mt-3">
          <ChapterTable chapters={d.chapters} />
        </div>
      </Section>

      <Section id="weak-heading" title="Weakest topics" size="lg" className="mt-8">
        {d.weakest.length === 0 ? (
          <p className="mt-1">Nothing to flag yet: topics show up here once you miss a question on them.</p>
        ) : (
          <NoteLinkList
            items={d.weakest.map((w) => ({
              key: `${w.chapter}#${w.section}`,
              href: w.href,
              title: w.title,
              note: `average ${Math.round(w.score * 100)} % over ${w.answered} question${w.answered === 1 ? "" : "s"}`,
            }))}
          />
        )}
      </Section>

      <Section id="history-heading" title="Scores over time" size="lg" className="mt-8">
        {d.history.length === 0 ? (
          <p className="mt-1">
            No attempts yet. <IntentLink href="/quizzes" className={linkClass("inherit")}>Take a quiz</IntentLink> to start the chart.
          </p>
        ) : (
          <>
            <div className="mt-3">
              <LazyScoreChart points={d.history} />
            </div>
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium">Attempts as a table</summary>
              <Table caption="Your quiz attempts, newest first" captionHidden columns={HISTORY_COLUMNS} wrapperClassName="mt-2 overflow-x-auto">
                {[...d.history].reverse().map((p) => (
                  <tr key={p.attemptId}>
                    <Td>
                      <LocalTime at={p.at} />
                    </Td>
                    <Td>
                      <IntentLink href={`/quizzes/attempts/${p.attemptId}`} className={linkClass("inherit")}>
                        {p.label}
                      </IntentLink>
                    </Td>
                    <Td numeric>{p.percent}</Td>
                  </tr>
                ))}
              </Table>
            </details>
          </>
        )}
      </Section>
    </PageShell>
  );
}
