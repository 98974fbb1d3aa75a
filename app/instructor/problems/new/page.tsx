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

const BLANK = "blank";

/**
 * A new problem starts blank (every list at its minimum, the editor listing what is missing) or as a copy of an
 * existing one (every stage, the starter and the reference already in shape) with the address name and title
 * cleared, so the author changes what differs rather than typing sixty fields from nothing.
 */
export default async function NewProblemPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageRole("instructor");
  const rows = await listAuthoringProblems(user);
  const raw = (await searchParams).from;
  const wanted = typeof raw === "string" && rows.some((r) => r.slug === raw) ? raw : BLANK;
  const [template] = wanted !== BLANK ? await exportProblems(user, wanted) : [];
  return (
    <PageShell
      title="New practice problem"
      lead="Start from a blank problem or from a copy of an existing one, preview it as a candidate and create a draft. Nobody but instructors sees it until you publish it."
    >
      <SubNav current="problems" />
      <form method="get" className="mb-8 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <div>
          <label htmlFor="from" className="block text-sm font-medium">
            Start from
          </label>
          <select id="from" name="from" defaultValue={wanted} className={selectClass}>
            <option value={BLANK}>A blank problem</option>
            {rows.length ? (
              <optgroup label="A copy of">
                {rows.map((r) => (
                  <option key={r.slug} value={r.slug}>
                    {r.title}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Start
        </button>
        <p className="w-full text-sm text-slate-600 dark:text-slate-400">Switching discards what you have typed below.</p>
      </form>
      {template ? (
        <ProblemEditor key={template.slug} initial={{ ...template, slug: "", title: "", position: rows.length }} />
      ) : (
        <ProblemEditor key={BLANK} blankAt={rows.length} />
      )}
    </PageShell>
  );
}
