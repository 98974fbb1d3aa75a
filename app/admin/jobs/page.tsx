import type { Metadata } from "next";
import { JobRuns } from "@/components/admin/job-runs";
import { PageShell } from "@/components/layout/page-shell";
import { Section } from "@/components/ui/section";
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
  const sections = [
    {
      kind: "rescore",
      runs: rescores,
      title: "Re-scoring stored designs",
      lead: <>When the scoring model changes, every stored design is scored again. The model now running is version {MODEL_VERSION}.</>,
    },
    {
      kind: "fsrs",
      runs: rebuilds,
      title: "Review schedules",
      lead: (
        <>
          When the review scheduler&apos;s settings change, every card&apos;s next review is worked out again from its rating history. The settings
          now in force: {scheduleSettings().label}.
        </>
      ),
    },
    {
      kind: "stats",
      runs: stats,
      title: "Item statistics",
      lead: (
        <>
          Instructors&apos; question statistics are computed from every answer by a worker, for everyone and for each cohort of 5 or more members,
          so no page has to read them all. A worker recomputes the groups that are behind every ten minutes.
        </>
      ),
    },
  ] as const;
  return (
    <PageShell title="Background jobs" lead="Work the workers (npm run worker) do for every user at once, with its progress and anything that failed.">
      <div className="space-y-12">
        {sections.map((s) => (
          <Section key={s.kind} id={`jobs-${s.kind}`} title={s.title} lead={s.lead}>
            <div className="mt-4">
              <JobRuns kind={s.kind} runs={s.runs} />
            </div>
          </Section>
        ))}
      </div>
    </PageShell>
  );
}
