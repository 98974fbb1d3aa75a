import Link from "next/link";
import type { ReactNode } from "react";
import type { QuestionStatus } from "@/lib/schemas/instructor";

const STATUS_CLASS: Record<QuestionStatus, string> = {
  DRAFT: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  PUBLISHED: "bg-green-100 text-green-900 dark:bg-green-900/50 dark:text-green-100",
  RETIRED: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100",
};

export function StatusBadge({ status }: { status: QuestionStatus }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${STATUS_CLASS[status]}`}>{status.toLowerCase()}</span>;
}

export const selectClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-brand-500 dark:border-slate-700 dark:bg-slate-900";

export const linkButton =
  "inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-500 focus:ring-offset-2 dark:focus:ring-offset-slate-950";

export function SubNav({ current }: { current: "home" | "questions" | "import" | "stats" | "cohorts" }) {
  const links = [
    { key: "home", href: "/instructor", label: "Overview" },
    { key: "questions", href: "/instructor/questions", label: "Questions" },
    { key: "import", href: "/instructor/import", label: "Import & export" },
    { key: "stats", href: "/instructor/stats", label: "Statistics" },
    { key: "cohorts", href: "/instructor/cohorts", label: "Cohorts" },
  ] as const;
  return (
    <nav aria-label="Instructor" className="mb-6 -mt-4 overflow-x-auto">
      <ul className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {links.map((l) => (
          <li key={l.key}>
            <Link
              href={l.href}
              aria-current={current === l.key ? "page" : undefined}
              className={`block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-brand-500 ${
                current === l.key
                  ? "border-brand-600 text-brand-700 dark:text-white"
                  : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"
              }`}
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}
