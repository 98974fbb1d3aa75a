import type { Metadata } from "next";
import Link from "next/link";
import { Table, Td, type Column } from "@/components/ui/table";
import { StatusBadge, SubNav } from "@/components/instructor/ui";
import { Select, selectClass } from "@/components/ui/select";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { questionFiltersSchema, questionStatuses } from "@/lib/schemas/instructor";
import { chapterSlugs, difficulties, questionTypes } from "@/lib/schemas/question";
import { listQuestions } from "@/lib/server/instructor/questions";
import { buttonClass } from "@/components/ui/button";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = { title: "Questions" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Query-string filters; an unknown or empty value simply means "any". */
function readFilters(raw: Record<string, string | string[] | undefined>) {
  const picked = Object.fromEntries(
    ["chapter", "type", "tag", "difficulty", "status", "q"].flatMap((k) => {
      const v = raw[k];
      const s = Array.isArray(v) ? v[0] : v;
      return s && s.trim() !== "" ? [[k, s]] : [];
    }),
  );
  const parsed = questionFiltersSchema.safeParse(picked);
  if (parsed.success) return parsed.data;
  // Drop only the fields that failed rather than the whole filter.
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return questionFiltersSchema.parse(Object.fromEntries(Object.entries(picked).filter(([k]) => !bad.has(k))));
}

const QUESTION_COLUMNS: Column[] = [
  { label: "Question" },
  { label: "Type" },
  { label: "Difficulty" },
  { label: "Status" },
  { label: "Version" },
  { label: "Tags" },
];

export default async function QuestionsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageRole("instructor");
  const filters = readFilters(await searchParams);
  const rows = await listQuestions(user, filters);
  const select = (name: string, label: string, options: readonly string[], value?: string) => (
    <div>
      <label htmlFor={`f-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <Select id={`f-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </Select>
    </div>
  );
  return (
    <PageShell title="Questions" lead="The question bank with every status. Open a question to edit it, preview it, change its status or read its history.">
      <SubNav current="questions" />
      <div className="mb-4 flex justify-end">
        <Link href="/instructor/questions/new" className={buttonClass("primary")}>
          Write a question
        </Link>
      </div>
      <form method="get" role="search" aria-label="Filter questions" className="grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-3 lg:grid-cols-7 dark:border-slate-800">
        <div className="sm:col-span-3 lg:col-span-2">
          <label htmlFor="f-q" className="block text-sm font-medium">
            Search
          </label>
          <input id="f-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="id, prompt or tag" className={selectClass} />
        </div>
        {select("chapter", "Chapter", chapterSlugs, filters.chapter)}
        {select("type", "Type", questionTypes, filters.type)}
        {select("difficulty", "Difficulty", difficulties, filters.difficulty)}
        {select("status", "Status", questionStatuses, filters.status)}
        <div>
          <label htmlFor="f-tag" className="block text-sm font-medium">
            Tag
          </label>
          <input id="f-tag" name="tag" type="text" defaultValue={filters.tag ?? ""} className={selectClass} />
        </div>
        <div className="flex items-end gap-2 sm:col-span-3 lg:col-span-7">
          <button type="submit" className={buttonClass("primary")}>
            Apply filters
          </button>
          <Link href="/instructor/questions" className={linkClass("inherit", "px-2 py-2 text-sm")}>
            Clear
          </Link>
        </div>
      </form>
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400" role="status">
        {rows.length} question{rows.length === 1 ? "" : "s"}
      </p>
      <div className="mt-2">
        <Table caption="Questions matching the filters" captionHidden columns={QUESTION_COLUMNS}>
          {rows.map((r) => (
            <tr key={r.id} className="align-top">
              <Td className="max-w-md">
                <Link href={`/instructor/questions/${r.id}`} className={linkClass("default", "font-mono text-xs")}>
                  {r.id}
                </Link>
                <p className="mt-1 line-clamp-2 text-slate-700 dark:text-slate-300">{r.prompt}</p>
              </Td>
              <Td>{r.type}</Td>
              <Td>{r.difficulty}</Td>
              <Td><StatusBadge status={r.status} /></Td>
              <Td>v{r.currentVersion}</Td>
              <Td className="text-xs">{r.tags.join(", ")}</Td>
            </tr>
          ))}
        </Table>
        {rows.length === 0 ? <p className="mt-4 text-slate-600 dark:text-slate-400">No question matches these filters.</p> : null}
      </div>
    </PageShell>
  );
}
