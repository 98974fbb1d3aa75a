import type { Metadata } from "next";
import Link from "next/link";
import { auditTime } from "@/components/instructor/audit-history";
import { ProblemStatusBadge } from "@/components/instructor/problem/problem-status-badge";
import { SubNav } from "@/components/instructor/ui";
import { PageShell } from "@/components/layout/page-shell";
import { buttonClass } from "@/components/ui/button";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { listAuthoringProblems } from "@/lib/server/problems/authoring";

export const metadata: Metadata = { title: "Practice problems" };

const DIFFICULTY = { easy: "Easy", medium: "Medium", hard: "Hard" } as const;

export default async function ProblemsPage() {
  const user = await requirePageRole("instructor");
  const rows = await listAuthoringProblems(user);
  return (
    <PageShell
      title="Practice problems"
      lead="Every interview problem, drafts included. Candidates only ever get a problem’s published version; an edit is a new draft version until you publish it."
    >
      <SubNav current="problems" />
      <div className="mb-4 flex flex-wrap justify-end gap-2">
        <a href="/instructor/problems/export" className={buttonClass("secondary")} download>
          Export all as JSON
        </a>
        <Link href="/instructor/problems/import" className={buttonClass("secondary")}>
          Import JSON
        </Link>
        <Link href="/instructor/problems/new" className={buttonClass("primary")}>
          New problem
        </Link>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Practice problems</caption>
          <thead className="border-b border-slate-200 dark:border-slate-800">
            <tr>
              <th scope="col" className="py-2 pr-3">Problem</th>
              <th scope="col" className="py-2 pr-3">Difficulty</th>
              <th scope="col" className="py-2 pr-3">Status</th>
              <th scope="col" className="py-2 pr-3">Latest version</th>
              <th scope="col" className="hidden py-2 pr-3 sm:table-cell">Follow-ups</th>
              <th scope="col" className="hidden py-2 sm:table-cell">Last change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.slug} className="border-b border-slate-100 align-top dark:border-slate-900">
                <td className="py-2 pr-3">
                  <Link href={`/instructor/problems/${r.slug}`} className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100">
                    {r.title}
                  </Link>
                </td>
                <td className="py-2 pr-3">{r.difficulty ? DIFFICULTY[r.difficulty] : "—"}</td>
                <td className="py-2 pr-3">
                  <ProblemStatusBadge status={r.status} />
                </td>
                <td className="py-2 pr-3">
                  version {r.currentVersion}
                  {r.publishedVersion !== null && r.publishedVersion !== r.currentVersion ? ` (candidates get version ${r.publishedVersion})` : ""}
                </td>
                <td className="hidden py-2 pr-3 sm:table-cell">{r.followUps}</td>
                <td className="hidden py-2 sm:table-cell">{auditTime(r.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <p className="mt-4 text-slate-600 dark:text-slate-400">
            No practice problem yet. Write one, or import a JSON file of problems.
          </p>
        ) : null}
      </div>
    </PageShell>
  );
}
