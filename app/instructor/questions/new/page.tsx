import type { Metadata } from "next";
import { QuestionEditor } from "@/components/instructor/question-editor";
import { SubNav } from "@/components/instructor/ui";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { chapterTitles, sectionTitles } from "@/lib/server/instructor/section-titles";

export const metadata: Metadata = { title: "New question" };

export default async function NewQuestionPage() {
  await requirePageRole("instructor");
  return (
    <PageShell title="New question" lead="Pick a type; the form follows the same schema the quiz checks answers with. The preview on the right shows the question exactly as a candidate gets it. New questions start as drafts.">
      <SubNav current="questions" />
      <QuestionEditor sectionTitles={sectionTitles()} chapterTitles={chapterTitles()} />
    </PageShell>
  );
}
