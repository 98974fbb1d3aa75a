import { measuredOnRequestPath } from "@/components/practice/result/latency-targets";
import type { LatestEvaluation } from "./use-evaluation";

/** The end-of-mock summary: how the attempt ended and what the score was made of. */
export function MockSummary({ design, latest }: { design: { lockedAt: string | null; mockDeadline: string | null }; latest: LatestEvaluation }) {
  const early = design.lockedAt && design.mockDeadline ? Math.round((Date.parse(design.mockDeadline) - Date.parse(design.lockedAt)) / 60_000) : 0;
  const findings = latest?.result.findings ?? [];
  const serious = findings.filter((f) => f.severity === "critical" || f.severity === "major");
  return (
    <section aria-labelledby="mock-summary-heading" className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700" data-testid="mock-summary">
      <h2 id="mock-summary-heading" className="font-semibold">
        Mock interview summary
      </h2>
      <p className="mt-1">{early > 0 ? `Handed in ${early} min before the deadline.` : "The time ran out; the design was handed in as last saved."}</p>
      {latest ? (
        <>
          <p className="mt-1">
            Score <strong>{latest.result.score} / 100</strong> (grade {latest.result.grade}):{" "}
            {measuredOnRequestPath(latest.result)
              ? `p99 ${Math.round(latest.result.latency.p99Ms)} ms, availability ${Number((latest.result.availability.estimate * 100).toFixed(3))} %`
              : "no latency or availability was measured, because no request reaches a backend"}
            , {serious.length} serious finding{serious.length === 1 ? "" : "s"} of {findings.length}.
          </p>
          {serious.length ? (
            <ul className="mt-1 list-disc pl-5">
              {serious.slice(0, 3).map((f, i) => (
                <li key={i}>{f.title}</li>
              ))}
            </ul>
          ) : null}
          <p className="mt-1">The full result, with what to fix and where to read about it, is in the Result panel.</p>
        </>
      ) : (
        <p className="mt-1">The last saved design could not be scored, so this attempt has no score.</p>
      )}
    </section>
  );
}
