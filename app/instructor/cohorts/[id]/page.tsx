import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CohortPractice } from "@/components/instructor/cohort-practice";
import { SubNav } from "@/components/instructor/ui";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { AppError } from "@/lib/server/kernel/errors";
import { loadCohortPractice } from "@/lib/server/instructor/cohort-practice";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = { title: "Cohort practice results" };

const cohortIdSchema = z.string().regex(/^[a-z0-9]{1,64}$/);

export default async function CohortPracticePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole("instructor");
  const id = cohortIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  let report;
  try {
    report = await loadCohortPractice(user, id.data);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  const { members } = report.cohort;
  return (
    <PageShell
      title={`Practice results: ${report.cohort.name}`}
      lead={`${members} member${members === 1 ? "" : "s"}. Each member's last finished interview per problem counts, only while they are a member. Aggregates only: nothing here shows one person's work.`}
    >
      <SubNav current="cohorts" />
      <p className="-mt-2 mb-6 text-sm">
        <Link href="/instructor/cohorts" className={linkClass()}>
          All cohorts
        </Link>
      </p>
      <CohortPractice report={report} />
    </PageShell>
  );
}
