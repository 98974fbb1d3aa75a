import type { Metadata } from "next";
import { JobRuns } from "@/components/admin/job-runs";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { MODEL_VERSION } from "@/lib/core/evaluator/defaults";
import { scheduleSettings } from "@/lib/server/jobs/fsrs";
import { JOB_KINDS } from "@/lib/server/jobs/kinds";
import { runProgress } from "@/lib/server/jobs/runs";

export const metadata: Metadata = { title: "Background jobs" };
export const dynamic = "force-dynamic";

export default async function AdminJobsPage() {
  await requirePageRole("admin");
  const [rescores, rebuilds, stats] = await Promise.all([runProgress(JOB_KINDS.rescore.runs), runProgress(JOB_KINDS.fsrs.runs), runProgress(JOB_KINDS.stats.runs)]);
  return (
    <PageShell title="Background jobs" lead="Work the workers (npm run worker) do for every user at once, with its progress and anything that failed.">
      <div className="space-y-12">
        <section aria-labelledby="jobs-rescore">
          <h2 id="jobs-rescore" className="text-xl font-semibold">
            Re-scoring stored designs
          </h2>
          <p className="mb-4 mt-1 text-slate-600 dark:text-slate-400">
            When the scoring model changes, every stored design is scored again. The model now running is version {MODEL_VERSION}.
          </p>
          <JobRuns kind="rescore" runs={rescores} />
        </section>
        <section aria-labelledby="jobs-fsrs">
          <h2 id="jobs-fsrs" className="text-xl font-semibold">
            Review schedules
          </h2>
          <p className="mb-4 mt-1 text-slate-600 dark:text-slate-400">
            When the review scheduler&apos;s settings change, every card&apos;s next review is worked out again from its rating history. The settings now
            in force: {scheduleSettings().label}.
          </p>
          <JobRuns kind="fsrs" runs={rebuilds} />
        </section>
        <section aria-labelledby="jobs-stats">
          <h2 id="jobs-stats" className="text-xl font-semibold">
            Item statistics
          </h2>
          <p className="mb-4 mt-1 text-slate-600 dark:text-slate-400">
            Instructors&apos; question statistics are computed from every answer by a worker, for everyone and for each cohort of 5 or more members, so
            no page has to read them all. A worker recomputes the groups that are behind every ten minutes.
          </p>
          <JobRuns kind="stats" runs={stats} />
        </section>
      </div>
    </PageShell>
  );
}
