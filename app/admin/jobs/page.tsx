import type { Metadata } from "next";
import { RescoreRuns } from "@/components/admin/rescore-runs";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { MODEL_VERSION } from "@/lib/core/evaluator/defaults";
import { rescoreProgress } from "@/lib/server/jobs/rescore";

export const metadata: Metadata = { title: "Background jobs" };
export const dynamic = "force-dynamic";

export default async function AdminJobsPage() {
  await requirePageRole("admin");
  const runs = await rescoreProgress();
  return (
    <PageShell
      title="Background jobs"
      lead={`When the scoring model changes, every stored design is scored again by the workers (npm run worker). The model now running is version ${MODEL_VERSION}.`}
    >
      <RescoreRuns runs={runs} />
    </PageShell>
  );
}
