import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import type { QuestionStatus } from "@/lib/schemas/instructor";

const STATUS_TONE: Record<QuestionStatus, Tone> = { DRAFT: "neutral", PUBLISHED: "success", RETIRED: "warning" };
const STATUS_LABEL: Record<QuestionStatus, string> = { DRAFT: "draft", PUBLISHED: "published", RETIRED: "retired" };

export function StatusBadge({ status }: { status: QuestionStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}

export function SubNav({ current }: { current: "home" | "questions" | "problems" | "import" | "stats" | "cohorts" }) {
  const links = [
    { key: "home", href: "/instructor", label: "Overview" },
    { key: "questions", href: "/instructor/questions", label: "Questions" },
    { key: "problems", href: "/instructor/problems", label: "Practice problems" },
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
