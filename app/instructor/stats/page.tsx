import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatsTable } from "@/components/instructor/stats-table";
import { SubNav } from "@/components/instructor/ui";
import { Select } from "@/components/ui/select";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { statsFiltersSchema } from "@/lib/schemas/instructor";
import { chapterSlugs } from "@/lib/schemas/question";
import { AppError } from "@/lib/server/kernel/errors";
import { listOwnCohorts } from "@/lib/server/instructor/cohorts";
import { loadItemStats, MIN_GROUP } from "@/lib/server/instructor/stats";
import { TOO_EASY_ABOVE, TOO_HARD_BELOW } from "@/lib/core/quiz/item-stats";
import { buttonClass } from "@/components/ui/button";
import { StatsFreshness } from "@/components/instructor/stats-freshness";
import { chapterTitle } from "@/lib/server/quiz/chapter-titles";

export const metadata: Metadata = { title: "Item statistics" };

export default async function StatsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole("instructor");
  const raw = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const parsed = statsFiltersSchema.safeParse({ cohort: first(raw.cohort), chapter: first(raw.chapter) });
  const filters = parsed.success ? parsed.data : {};
  const cohorts = await listOwnCohorts(user);
  let report;
  try {
    report = await loadItemStats(user, filters);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  const flagged = report.rows.filter((r) => r.flags.length > 0).length;
  return (
    <PageShell
      title="Item statistics"
      lead={
        report.cohort
          ? `Cohort “${report.cohort.name}”: ${report.cohort.members} member${report.cohort.members === 1 ? "" : "s"}, ${report.attempts} quiz attempt${report.attempts === 1 ? "" : "s"}. Aggregates only; no individual answers are shown.`
          : `All candidates: ${report.attempts} quiz attempt${report.attempts === 1 ? "" : "s"}.`
      }
    >
      <SubNav current="stats" />
      <form method="get" aria-label="Filter statistics" className="grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-3 dark:border-slate-800">
        <div>
          <label htmlFor="s-cohort" className="block text-sm font-medium">Cohort</label>
          <Select id="s-cohort" name="cohort" defaultValue={filters.cohort ?? ""}>
            <option value="">All candidates</option>
            {cohorts.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.members})</option>)}
          </Select>
        </div>
        <div>
          <label htmlFor="s-chapter" className="block text-sm font-medium">Chapter</label>
          <Select id="s-chapter" name="chapter" defaultValue={filters.chapter ?? ""}>
            <option value="">All chapters</option>
            {chapterSlugs.map((c) => <option key={c} value={c}>{chapterTitle(c)}</option>)}
          </Select>
        </div>
        <div className="flex items-end">
          <button type="submit" className={buttonClass("primary")}>Show</button>
        </div>
      </form>
      <details className="mt-4 text-sm text-slate-700 dark:text-slate-300">
        <summary className="cursor-pointer font-medium focus:outline-none focus:ring-2 focus:ring-brand-500">How to read these numbers</summary>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li><strong>Facility</strong> is the mean score in percent. Above {TOO_EASY_ABOVE} % is flagged as too easy, below {TOO_HARD_BELOW} % as too hard.</li>
          <li><strong>Discrimination</strong> is the correlation (−1 to 1) between the score on this question and the score on the rest of the same attempt, as Moodle computes it. Good questions sit above 0.3; a negative value means stronger candidates did worse on it, which usually points to a wrong key or a misleading prompt. It needs at least two attempts that differ.</li>
          <li><strong>Versions</strong>: each attempt counts for the version it answered, so a fix shows up as a new row.</li>
        </ul>
      </details>
      {report.computedAt ? <StatsFreshness computedAt={report.computedAt.toISOString()} attemptsSince={report.attemptsSince} cohort={report.cohort?.id} /> : null}
      <p className="mt-4 text-sm" role="status">
        {report.rows.length} question{report.rows.length === 1 ? "" : "s"} answered; {flagged} flagged.
        {report.hiddenQuestions > 0
          ? ` ${report.hiddenQuestions} more question${report.hiddenQuestions === 1 ? " is" : "s are"} hidden: answered by fewer than ${MIN_GROUP} people.`
          : null}
      </p>
      {report.suppressed ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400" data-testid="stats-suppressed">{report.suppressed}</p>
      ) : report.rows.length === 0 ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400">No answers in this selection yet. Statistics appear once candidates submit quizzes.</p>
      ) : (
        <div className="mt-2">
          <StatsTable rows={report.rows} />
        </div>
      )}
    </PageShell>
  );
}
