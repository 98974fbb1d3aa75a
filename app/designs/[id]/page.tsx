import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DesignActions } from "@/components/practice/pages/design-actions";
import { DesignWorkspace } from "@/components/practice/pages/design-workspace";
import { EvaluationHistory } from "@/components/practice/pages/evaluation-history";
import { ShareControl } from "@/components/practice/pages/share-control";
import { Alert } from "@/components/ui/alert";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { MODEL_VERSION } from "@/lib/core/evaluator";
import { toProblemBrief } from "@/lib/server/designs/brief";
import { getProblem } from "@/lib/server/designs/problems";
import { getDesign, listEvaluations } from "@/lib/server/designs/service";
import { linkClass } from "@/components/ui/link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Design" };

export default async function DesignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageRole("candidate");
  // Someone else's id and a missing id look the same: 404.
  const design = await getDesign(user.id, id);
  if (!design) notFound();
  const [evaluations, problem] = await Promise.all([listEvaluations(user.id, id), design.problemId ? getProblem(design.problemId) : null]);

  return (
    <div className="mx-auto max-w-[110rem] px-4 py-6">
      <p className="text-sm">
        <Link href="/designs" className={linkClass()}>
          My designs
        </Link>
        {problem ? (
          <>
            {" · "}
            <Link href={`/practice/${problem.slug}`} className={linkClass()}>
              {problem.title}
            </Link>
          </>
        ) : null}
      </p>
      <h1 className="text-2xl font-bold tracking-tight" data-testid="design-name">
        {design.name}
      </h1>
      {design.latestNeedsRescore ? (
        <Alert tone="warning" className="mt-4" data-testid="needs-rescore">
          {design.latestNeedsRescore}
        </Alert>
      ) : null}
      <div className="mt-4">
        <DesignWorkspace
          key={`${design.id}-${design.lockedAt ?? "open"}`}
          problem={problem ? toProblemBrief(problem) : null}
          initialDocument={design.document}
          design={{ id: design.id, name: design.name, lockedAt: design.lockedAt, mockDeadline: design.mockDeadline, updatedAt: design.updatedAt, whatIf: design.whatIf }}
          signedIn
          latest={design.latest ? { result: design.latest.result, document: design.latest.document } : null}
          latestId={design.latest?.id ?? null}
          signInHref="/sign-in"
          refreshOnEvaluate
        />
      </div>
      <div className="mt-8 grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="manage-heading" className="min-w-0 space-y-4">
          <h2 id="manage-heading" className="text-lg font-semibold">
            Manage
          </h2>
          <DesignActions designId={design.id} name={design.name} afterDelete="list" openCopy />
          <h3 className="font-semibold">Share</h3>
          <ShareControl designId={design.id} initialToken={design.shareToken} />
        </section>
        {/* min-w-0: a grid item is at least as wide as its content's min-content, and the history table's 36rem
            (in its own scroller) widened the page to 592 px at a 375 px window. */}
        <section aria-labelledby="history-heading" className="min-w-0">
          <h2 id="history-heading" className="mb-2 text-lg font-semibold">
            Evaluation history
          </h2>
          <EvaluationHistory key={evaluations[0]?.id ?? "none"} designId={design.id} evaluations={evaluations} modelVersion={MODEL_VERSION} />
        </section>
      </div>
    </div>
  );
}
