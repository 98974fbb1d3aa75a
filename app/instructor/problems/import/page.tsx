import type { Metadata } from "next";
import { ProblemImportForm } from "@/components/instructor/problem/problem-import-form";
import { SubNav } from "@/components/instructor/ui";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";

export const metadata: Metadata = { title: "Import practice problems" };

export default async function ImportProblemsPage() {
  await requirePageRole("instructor");
  return (
    <PageShell
      title="Import practice problems"
      lead="A JSON file of problems, in the format the export produces (described in docs/problem-json.md). Every problem in the file is checked first; if one is wrong, nothing is imported. New problems arrive as drafts, and a problem that already exists gets a new draft version: nothing is published until you publish it."
    >
      <SubNav current="problems" />
      <ProblemImportForm />
    </PageShell>
  );
}
