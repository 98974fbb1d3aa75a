import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditHistory } from "@/components/instructor/audit-history";
import { LocalTime } from "@/components/ui/local-time";
import { ProblemEditor } from "@/components/instructor/problem/problem-editor";
import { ProblemStatusBadge } from "@/components/instructor/problem/problem-status-badge";
import { ProblemStatusControls } from "@/components/instructor/problem/problem-status-controls";
import { SubNav } from "@/components/instructor/ui";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { problemSlugSchema } from "@/lib/schemas/problem";
import { getProblemDetail } from "@/lib/server/problems/authoring";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = { title: "Edit practice problem" };

const ACTION_TEXT: Record<string, string> = {
  create: "created it",
  edit: "edited it",
  import: "imported it",
  publish: "published it",
  unpublish: "withdrew it from candidates",
};

const FIELD_TEXT: Record<string, string> = {
  slug: "address name",
  title: "title",
  summary: "summary",
  position: "position",
  difficulty: "difficulty",
  brief: "brief",
  functional: "functional requirements",
  nonFunctional: "non-functional requirements",
  scenario: "scenario",
  clients: "user groups",
  hints: "hints",
  requirements: "requirement options",
  estimates: "estimates",
  followUps: "follow-ups",
  starter: "starter design",
  reference: "reference design",
  all: "everything",
};

function describe(action: string, detail: unknown): string {
  const d = (detail ?? {}) as { version?: number; fields?: string[]; referenceScore?: number; grade?: string };
  const parts = [ACTION_TEXT[action] ?? "changed it"];
  if (d.version) parts.push(`(version ${d.version})`);
  if (d.fields?.length) parts.push(`— changed ${d.fields.map((f) => FIELD_TEXT[f] ?? f).join(", ")}`);
  if (action === "publish" && d.referenceScore !== undefined) parts.push(`— reference design scored ${d.referenceScore}/100${d.grade ? ` (${d.grade})` : ""}`);
  return parts.join(" ");
}

export default async function ProblemPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requirePageRole("instructor");
  const slug = problemSlugSchema.safeParse(decodeURIComponent((await params).slug));
  if (!slug.success) notFound();
  const detail = await getProblemDetail(user, slug.data);
  if (!detail) notFound();
  const { problem } = detail;
  return (
    <PageShell
      title={problem.title}
      lead={
        <>
          <ProblemStatusBadge status={detail.status} />{" "}
          <span className="text-base">
            latest version {detail.currentVersion}
            {detail.publishedVersion !== null ? ` · candidates get version ${detail.publishedVersion}` : " · not visible to candidates"}
          </span>
        </>
      }
    >
      <SubNav current="problems" />
      <section aria-labelledby="status-heading" className="mb-8 space-y-2">
        <h2 id="status-heading" className="text-lg font-semibold">
          Publishing
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Publishing checks the latest version against the problem format and the evaluator, scores its reference design, and
          from then on candidates get that version. A design a candidate has already started keeps the version it began with.
        </p>
        <ProblemStatusControls slug={detail.slug} version={detail.currentVersion} publishedVersion={detail.publishedVersion} />
        <p className="flex flex-wrap gap-4 text-sm">
          {detail.publishedVersion !== null ? (
            <Link href={`/practice/${detail.slug}`} className={linkClass("inherit")}>
              Open the published problem as a candidate sees it
            </Link>
          ) : null}
          <a href={`/instructor/problems/export?slug=${detail.slug}`} className={linkClass("inherit")} download>
            Download the latest version as JSON
          </a>
        </p>
      </section>
      <h2 className="mb-3 text-xl font-semibold">Edit</h2>
      <ProblemEditor key={detail.currentVersion} initial={problem} baseVersion={detail.currentVersion} />
      <div className="mt-10 grid gap-8 md:grid-cols-2">
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading" className="text-lg font-semibold">
            Versions
          </h2>
          <ul className="mt-2 space-y-1 text-sm" data-testid="problem-versions">
            {detail.versions.map((v) => (
              <li key={v.version}>
                version {v.version} · <LocalTime at={v.createdAt} /> · {v.author ?? "from the content files"}
                {v.publishedAt ? (
                  <>
                    {" · published "}
                    <LocalTime at={v.publishedAt} />
                  </>
                ) : (
                  " · never published"
                )}
                {v.referenceScore !== null ? ` · reference ${v.referenceScore}/100` : ""} · {v.designs} design{v.designs === 1 ? "" : "s"} attempt it
              </li>
            ))}
          </ul>
        </section>
        <AuditHistory entries={detail.audit} describe={describe} empty="No change has been made in the app since the problem was loaded from its file." />
      </div>
    </PageShell>
  );
}
