import type { Metadata } from "next";
import { CohortManager } from "@/components/instructor/cohort-manager";
import { SubNav } from "@/components/instructor/ui";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { listOwnCohorts } from "@/lib/server/instructor/cohorts";

export const metadata: Metadata = { title: "Cohorts" };

export default async function CohortsPage() {
  const user = await requirePageRole("instructor");
  const cohorts = await listOwnCohorts(user);
  return (
    <PageShell title="Cohorts" lead="A cohort is a group of candidates you follow. Anyone signed in who opens its invite link can join, and leave again whenever they like. You see their results only as aggregates.">
      <SubNav current="cohorts" />
      <CohortManager cohorts={cohorts.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() }))} />
    </PageShell>
  );
}
