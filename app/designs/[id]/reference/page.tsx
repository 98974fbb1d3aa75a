import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReferenceComparisonView } from "@/components/practice/interview/reference-comparison";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { getReferenceComparison } from "@/lib/server/designs/interview";
import { getProblem } from "@/lib/server/designs/problems";
import { getDesign } from "@/lib/server/designs/service";
import { EvaluationRefused } from "@/lib/server/evaluation/pool";
import { linkClass } from "@/components/ui/link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reference comparison" };

export default async function ReferencePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageRole("candidate");
  const design = await getDesign(user.id, id);
  if (!design?.problemId) notFound();
  const problem = await getProblem(design.problemId);
  if (!problem) notFound();
  // The comparison is scored in the evaluator pool; when the pool is busy (or this user already has evaluations
  // running) the page says so instead of failing.
  const comparison = await getReferenceComparison(user.id, id).catch((error: unknown) => {
    if (error instanceof EvaluationRefused) return { refused: error.message };
    throw error;
  });
  return (
    <div className="mx-auto max-w-[110rem] px-4 py-6">
      <p className="text-sm">
        <Link href={`/practice/${problem.slug}?design=${design.id}`} className={linkClass()}>
          Back to the interview
        </Link>
      </p>
      <h1 className="text-2xl font-bold tracking-tight">Your design and the reference: {problem.title}</h1>
      {comparison && "refused" in comparison ? (
        <p className="mt-4 rounded-md border border-amber-300 p-3 text-sm dark:border-amber-700" role="status">
          The comparison could not be scored just now: {comparison.refused} Reload the page to try again.
        </p>
      ) : comparison ? (
        <ReferenceComparisonView comparison={comparison} targets={problem.scenario.targets} />
      ) : (
        <p className="mt-4 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800" role="status">
          The reference design opens when the interview is over: finish every stage, or give up, from the interview panel.
        </p>
      )}
    </div>
  );
}
