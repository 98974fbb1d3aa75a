import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditHistory, auditTime } from "@/components/instructor/audit-history";
import { QuestionEditor } from "@/components/instructor/question-editor";
import { QuestionStatusControls } from "@/components/instructor/question-status-controls";
import { StatusBadge, SubNav } from "@/components/instructor/ui";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { chapterTitles, sectionTitles } from "@/lib/server/instructor/section-titles";
import { getQuestionDetail } from "@/lib/server/instructor/questions";

export const metadata: Metadata = { title: "Edit question" };

const ACTION_TEXT: Record<string, string> = {
  create: "created it",
  edit: "edited it",
  publish: "published it",
  unpublish: "unpublished it",
  retire: "retired it",
  import: "imported it",
  delete: "deleted it",
};

function describe(action: string, detail: unknown): string {
  const d = (detail ?? {}) as { version?: number; fields?: string[]; format?: string; line?: number };
  const parts = [ACTION_TEXT[action] ?? action];
  if (d.version) parts.push(`(version ${d.version})`);
  if (action === "edit" && d.fields?.length) parts.push(`— changed ${d.fields.join(", ")}`);
  if (action === "import" && d.format) parts.push(`from ${d.format.toUpperCase()}, line ${d.line}`);
  return parts.join(" ");
}

const when = auditTime;

export default async function QuestionPage({ params }: { params: Promise<{ chapter: string; name: string }> }) {
  const user = await requirePageRole("instructor");
  const { chapter, name } = await params;
  const id = `${decodeURIComponent(chapter)}/${decodeURIComponent(name)}`;
  const detail = await getQuestionDetail(user, id);
  if (!detail) notFound();
  const { row } = detail;
  return (
    <PageShell
      title={id}
      lead={
        <>
          <StatusBadge status={row.status} /> <span className="text-base">{row.type} · version {row.currentVersion} · answered {detail.answerCount} time{detail.answerCount === 1 ? "" : "s"}</span>
        </>
      }
    >
      <SubNav current="questions" />
      <section aria-labelledby="status-heading" className="mb-8">
        <h2 id="status-heading" className="mb-2 text-lg font-semibold">Status</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          Only published questions appear in quizzes. A question that has been answered cannot be deleted; retire it instead, and its past attempts keep their version.
        </p>
        <QuestionStatusControls id={row.id} status={row.status} answerCount={detail.answerCount} />
      </section>
      <h2 className="mb-3 text-lg font-semibold">Edit</h2>
      <QuestionEditor sectionTitles={sectionTitles()} chapterTitles={chapterTitles()} key={row.currentVersion} initial={detail.question} baseVersion={row.currentVersion} />
      <div className="mt-10 grid gap-8 md:grid-cols-2">
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading" className="text-lg font-semibold">Versions</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {detail.versions.map((v) => (
              <li key={v.version}>
                v{v.version} · {when(v.createdAt)} · {v.author ?? "seeded"} · {v.answers} answer{v.answers === 1 ? "" : "s"} pinned
              </li>
            ))}
          </ul>
        </section>
        <AuditHistory entries={detail.audit} describe={describe} empty="No change has been recorded since the bank was seeded." />
      </div>
    </PageShell>
  );
}
