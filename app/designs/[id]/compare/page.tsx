import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { describeMoves, figuresOf, formatMs, formatPercent, movesBetween } from "@/lib/core/canvas/result-format";
import { LocalTime } from "@/components/ui/local-time";
import { ResultPanel } from "@/components/practice/result/result-panel";
import { Table } from "@/components/ui/table";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { findingTitle } from "@/lib/core/canvas/labels";
import { DEFAULTS } from "@/lib/core/evaluator/defaults";
import { getDesign, getEvaluation, type StoredEvaluation } from "@/lib/server/designs/service";
import { linkClass } from "@/components/ui/link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare evaluations" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ a?: string | string[]; b?: string | string[] }> };

export default async function ComparePage({ params, searchParams }: Props) {
  const { id } = await params;
  const { a, b } = await searchParams;
  const user = await requirePageRole("candidate");
  const design = await getDesign(user.id, id);
  if (!design || typeof a !== "string" || typeof b !== "string") notFound();
  const [first, second] = await Promise.all([getEvaluation(user.id, a), getEvaluation(user.id, b)]);
  // Both evaluations must belong to this design (and so to the caller).
  if (!first || !second || first.designId !== id || second.designId !== id) notFound();
  const [older, newer] = first.createdAt <= second.createdAt ? [first, second] : [second, first];
  const moves = movesBetween(figuresOf(older.result), figuresOf(newer.result));

  const targetsOf = (e: StoredEvaluation) => ({
    p99Ms: e.document.scenario?.targets?.p99Ms ?? DEFAULTS.scenario.targetP99Ms,
    availability: e.document.scenario?.targets?.availability ?? DEFAULTS.scenario.targetAvailability,
  });
  const olderFindings = new Set(older.result.findings.map((f) => f.id));
  const newerFindings = new Set(newer.result.findings.map((f) => f.id));
  const fixed = [...olderFindings].filter((f) => !newerFindings.has(f));
  const introduced = [...newerFindings].filter((f) => !olderFindings.has(f));

  return (
    <div className="mx-auto max-w-7xl px-4 py-8">
      <p className="text-sm">
        <Link href={`/designs/${id}`} className={linkClass()}>
          Back to {design.name}
        </Link>
      </p>
      <h1 className="text-2xl font-bold tracking-tight">Compare two evaluations</h1>
      <p className="mt-2" role="status" data-testid="compare-moves">
        From <LocalTime at={older.createdAt} /> to <LocalTime at={newer.createdAt} />: <strong>{describeMoves(moves)}</strong>.
      </p>
      <Table
        caption="Key figures of the two evaluations"
        captionHidden
        columns={["Figure", "Older", "Newer"]}
        rowHeaders
        wrapperClassName="mt-4 overflow-x-auto"
        className="min-w-[28rem] tabular-nums"
        rows={[
          ["Score", `${older.score} (${older.grade})`, `${newer.score} (${newer.grade})`],
          ["p50", formatMs(older.result.latency.p50Ms), formatMs(newer.result.latency.p50Ms)],
          ["p99", formatMs(older.result.latency.p99Ms), formatMs(newer.result.latency.p99Ms)],
          ["Cold first byte", formatMs(older.result.latency.coldTtfbMs), formatMs(newer.result.latency.coldTtfbMs)],
          ["Availability", formatPercent(older.availability), formatPercent(newer.availability)],
          ["Findings", String(older.result.findings.length), String(newer.result.findings.length)],
          ["Model version", older.modelVersion, newer.modelVersion],
        ]}
      />
      {fixed.length || introduced.length ? (
        <p className="mt-3 text-sm">
          {fixed.length ? <>Fixed: {fixed.map(findingTitle).join("; ")}. </> : null}
          {introduced.length ? <>New: {introduced.map(findingTitle).join("; ")}.</> : null}
        </p>
      ) : null}
      <div className="mt-8 grid gap-8 lg:grid-cols-2">
        {[older, newer].map((e, i) => (
          <section key={e.id} aria-labelledby={`col-${i}`} className="min-w-0 rounded-md border border-slate-200 p-4 dark:border-slate-800">
            <h2 id={`col-${i}`} className="mb-3 font-semibold">
              {i === 0 ? "Older" : "Newer"}: <LocalTime at={e.createdAt} />
            </h2>
            <ResultPanel result={e.result} document={e.document} targets={targetsOf(e)} />
          </section>
        ))}
      </div>
    </div>
  );
}
