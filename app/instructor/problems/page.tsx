import type { Metadata } from "next";
import Link from "next/link";
import { Table, Td, type Column } from "@/components/ui/table";
import { LocalTime } from "@/components/ui/local-time";
import { ProblemStatusBadge } from "@/components/instructor/problem/problem-status-badge";
import { SubNav } from "@/components/instructor/ui";
import { PageShell } from "@/components/layout/page-shell";
import { buttonClass } from "@/components/ui/button";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { listAuthoringProblems } from "@/lib/server/problems/authoring";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = { title: "Practice problems" };

const DIFFICULTY = { easy: "Easy", medium: "Medium", hard: "Hard" } as const;

const PROBLEM_COLUMNS: Column[] = [
  { label: "Problem" },
  { label: "Difficulty" },
  { label: "Status" },
  { label: "Latest version" },
  { label: "Follow-ups", numeric: true, className: "hidden sm:table-cell" },
  { label: "Last change", className: "hidden sm:table-cell" },
];

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
      <div>
        <Table caption="Practice problems" captionHidden columns={PROBLEM_COLUMNS}>
          {rows.map((r) => (
            <tr key={r.slug} className="align-top">
              <Td>
                <Link href={`/instructor/problems/${r.slug}`} className={linkClass("strong")}>
                  {r.title}
                </Link>
              </Td>
              <Td>{r.difficulty ? DIFFICULTY[r.difficulty] : "—"}</Td>
              <Td>
                <ProblemStatusBadge status={r.status} />
              </Td>
              <Td>
                version {r.currentVersion}
                {r.publishedVersion !== null && r.publishedVersion !== r.currentVersion ? ` (candidates get version ${r.publishedVersion})` : ""}
              </Td>
              <Td numeric className="hidden sm:table-cell">{r.followUps}</Td>
              <Td className="hidden sm:table-cell">
                <LocalTime at={r.updatedAt} />
              </Td>
            </tr>
          ))}
        </Table>
        {rows.length === 0 ? (
          <p className="mt-4 text-slate-600 dark:text-slate-400">
            No practice problem yet. Write one, or import a JSON file of problems.
          </p>
        ) : null}
      </div>
    </PageShell>
  );
}
