import type { Metadata } from "next";
import Link from "next/link";
import { Card, SubNav } from "@/components/instructor/ui";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { instructorOverview } from "@/lib/server/instructor/overview";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = { title: "Instructor" };

export default async function InstructorPage() {
  const user = await requirePageRole("instructor");
  const [byStatus, cohorts, members, attempts] = await instructorOverview(user.id);
  const count = (s: string) => byStatus.find((b) => b.status === s)?._count._all ?? 0;
  const stats = [
    { label: "Published questions", value: count("PUBLISHED") },
    { label: "Drafts", value: count("DRAFT") },
    { label: "Retired", value: count("RETIRED") },
    { label: "Quiz attempts so far", value: attempts },
  ];
  const link = linkClass("strong");
  return (
    <PageShell title="Instructor" lead={`Welcome, ${user.name}. Write and version the question bank, see which questions work, and follow your cohorts.`}>
      <SubNav current="home" />
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
            <dt className="text-sm text-slate-600 dark:text-slate-400">{s.label}</dt>
            <dd className="mt-1 text-3xl font-bold">{s.value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-8 grid gap-4 md:grid-cols-2">
        <Card title="Questions">
          <p className="text-slate-600 dark:text-slate-400">Filter and search the bank, write new questions of every type, preview them as a candidate would, publish, unpublish or retire.</p>
          <p className="mt-3 flex gap-4">
            <Link href="/instructor/questions" className={link}>Browse questions</Link>
            <Link href="/instructor/questions/new" className={link}>Write a question</Link>
          </p>
        </Card>
        <Card title="Import and export">
          <p className="text-slate-600 dark:text-slate-400">Bring questions in from our JSON format or Moodle GIFT, with a preview and line-by-line problems first; download the bank in either format.</p>
          <p className="mt-3"><Link href="/instructor/import" className={link}>Import or export</Link></p>
        </Card>
        <Card title="Item statistics">
          <p className="text-slate-600 dark:text-slate-400">Facility, discrimination, option choices and answer times per question and version, with flags for questions that need a look.</p>
          <p className="mt-3"><Link href="/instructor/stats" className={link}>See statistics</Link></p>
        </Card>
        <Card title="Cohorts">
          <p className="text-slate-600 dark:text-slate-400">
            You run {cohorts} cohort{cohorts === 1 ? "" : "s"} with {members} member{members === 1 ? "" : "s"} in all. Invite candidates with a link and filter the statistics to them.
          </p>
          <p className="mt-3"><Link href="/instructor/cohorts" className={link}>Manage cohorts</Link></p>
        </Card>
      </div>
    </PageShell>
  );
}
