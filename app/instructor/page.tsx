import type { Metadata } from "next";
import { PageShell } from "@/components/layout/page-shell";
import { requireGrant } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Instructor" };

export default async function InstructorPage() {
  const user = await requireGrant("instructor");
  const since = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  const [candidates, newThisWeek] = await Promise.all([
    db.user.count({ where: { role: "CANDIDATE" } }),
    db.user.count({ where: { role: "CANDIDATE", createdAt: { gte: since } } }),
  ]);
  return (
    <PageShell title="Instructor" lead={`Welcome, ${user.name}. This is where you follow the candidates practising on this Roundtrip.`}>
      <dl className="grid gap-4 sm:grid-cols-2">
        <div className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Candidates</dt>
          <dd className="mt-1 text-3xl font-bold">{candidates}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Joined in the last 7 days</dt>
          <dd className="mt-1 text-3xl font-bold">{newThisWeek}</dd>
        </div>
      </dl>
    </PageShell>
  );
}
