import type { Metadata } from "next";
import { ImportForm } from "@/components/instructor/import-form";
import { SubNav } from "@/components/instructor/ui";
import { Select } from "@/components/ui/select";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { questionStatuses } from "@/lib/schemas/instructor";
import { chapterSlugs } from "@/lib/schemas/question";
import { chapterTitle } from "@/lib/server/quiz/chapter-titles";
import { chapterTitles, sectionTitles } from "@/lib/server/instructor/section-titles";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Import and export" };

export default async function ImportPage() {
  await requirePageRole("instructor");
  return (
    <PageShell
      title="Import and export"
      lead="Questions come in from our JSON format (docs/question-json.md), Moodle GIFT or Moodle XML. The whole file is checked first; an import creates every question or none."
    >
      <SubNav current="import" />
      <div className="grid gap-10 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <h2 className="mb-3 text-xl font-semibold">Import</h2>
          <ImportForm chapterTitles={chapterTitles()} sectionTitles={sectionTitles()} />
        </div>
        <section aria-labelledby="export-heading">
          <h2 id="export-heading" className="mb-3 text-xl font-semibold">Export</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            The current version of each question. JSON round-trips exactly. GIFT covers single and multiple choice, true/false,
            numeric and matching; ordering questions are written as matching (position → item), and a <code>{"// @roundtrip"}</code>{" "}
            comment above each question keeps what GIFT cannot say, so Roundtrip reads its own GIFT back unchanged. Moodle XML holds every type natively (ordering as
            Moodle&apos;s ordering question) and keeps the rest in a <code>{"<roundtrip>"}</code> element Moodle ignores.
          </p>
          <form method="get" action="/api/instructor/export" className="mt-4 space-y-3">
            {[
              { name: "format", label: "Format", initial: "json", options: [["json", "Roundtrip JSON"], ["gift", "Moodle GIFT"], ["xml", "Moodle XML"]] },
              { name: "chapter", label: "Chapter", initial: "", options: [["", "All chapters"], ...chapterSlugs.map((c) => [c, chapterTitle(c)])] },
              { name: "status", label: "Status", initial: "", options: [["", "Any status"], ...questionStatuses.map((q) => [q, q.toLowerCase()])] },
            ].map((f) => (
              <div key={f.name}>
                <label htmlFor={`e-${f.name}`} className="block text-sm font-medium">{f.label}</label>
                <Select id={`e-${f.name}`} name={f.name} defaultValue={f.initial}>
                  {f.options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
                </Select>
              </div>
            ))}
            <button type="submit" className={buttonClass("primary")}>Download</button>
          </form>
        </section>
      </div>
    </PageShell>
  );
}
