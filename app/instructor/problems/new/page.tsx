import type { Metadata } from "next";
import { ProblemEditor } from "@/components/instructor/problem/problem-editor";
import { SubNav } from "@/components/instructor/ui";
import { PageShell } from "@/components/layout/page-shell";
import { buttonClass } from "@/components/ui/button";
import { selectClass } from "@/components/ui/select";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { exportProblems, listAuthoringProblems } from "@/lib/server/problems/authoring";

export const metadata: Metadata = { title: "New practice problem" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A new problem starts as a copy of an existing one (every stage, the starter and the reference already in
 * shape) with the address name and title cleared, so the author changes what differs rather than typing
 * sixty fields from nothing.
 */
export default async function NewProblemPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageRole("instructor");
  const rows = await listAuthoringProblems(user);
  const raw = (await searchParams).from;
  const wanted = typeof raw === "string" && rows.some((r) => r.slug === raw) ? raw : rows[0]?.slug;
  const [template] = wanted ? await exportProblems(user, wanted) : [];
  return (
    <PageShell
      title="New practice problem"
      lead="Start from a copy of an existing problem, change what differs, preview it as a candidate and create a draft. Nobody but instructors sees it until you publish it."
    >
      <SubNav current="problems" />
      <form method="get" className="mb-8 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <div>
          <label htmlFor="from" className="block text-sm font-medium">
            Start from a copy of
          </label>
          <select id="from" name="from" defaultValue={wanted} className={selectClass}>
            {rows.map((r) => (
              <option key={r.slug} value={r.slug}>
                {r.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Use this problem
        </button>
        <p className="w-full text-sm text-slate-600 dark:text-slate-400">Switching discards what you have typed below.</p>
      </form>
      {template ? (
        <ProblemEditor key={template.slug} initial={{ ...template, slug: "", title: "", position: rows.length }} />
      ) : (
        <p className="text-slate-600 dark:text-slate-400">
          There is no problem to copy yet: import a JSON file of problems first (docs/problem-json.md describes the format).
        </p>
      )}
    </PageShell>
  );
}
