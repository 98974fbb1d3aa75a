"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { queueJobs } from "@/lib/actions/queue-jobs";
import { retryFailedJobs } from "@/lib/actions/retry-jobs";
import type { ActionResult } from "@/lib/schemas/action-result";
import type { JobKind, RunProgress } from "@/lib/schemas/jobs";
import { callAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";
import { useDateTime } from "@/components/ui/local-time";

const REFRESH_MS = 3000;

/** What one kind of run is called on the page; every count has its unit. */
type JobCopy = {
  kind: JobKind;
  queueLabel: string;
  queued: (n: number) => string;
  existing: string;
  empty: string;
  /** `when` formats a moment as the rest of the app does (useDateTime). */
  runTitle: (target: string, when: (at: string) => string) => string;
  /** The unit of the counts: "designs", "users". */
  unit: string;
  doneLabel: string;
  failuresCaption: string;
  subjectHeader: string;
};

// Kept here, not passed from the server page: functions cannot cross to a client component.
const COPY: Record<JobKind, JobCopy> = {
  rescore: {
    kind: "rescore",
    queueLabel: "Re-score designs scored by an older model",
    queued: (n) => `Queued ${n.toLocaleString("en")} designs for re-scoring.`,
    existing: "A re-score for this model version is already queued.",
    empty: "No re-score has run yet. Runs appear here once a worker or an admin queues one.",
    runTitle: (target) => `Re-score to model version ${target}`,
    unit: "designs",
    doneLabel: "Re-scored",
    failuresCaption: "Designs that could not be re-scored",
    subjectHeader: "Design",
  },
  fsrs: {
    kind: "fsrs",
    queueLabel: "Rebuild every review schedule",
    queued: (n) => `Queued the review schedules of ${n.toLocaleString("en")} users.`,
    existing: "A rebuild under these settings is already in progress.",
    empty: "No schedule rebuild has run yet. A worker queues one when the scheduler settings change; you can queue one here.",
    runTitle: (target) => `Review schedules rebuilt with ${target}`,
    unit: "users",
    doneLabel: "Rebuilt",
    failuresCaption: "Users whose review schedule could not be rebuilt",
    subjectHeader: "User",
  },
  stats: {
    kind: "stats",
    queueLabel: "Recompute every item statistic",
    queued: (n) => `Queued ${n.toLocaleString("en")} statistics recomputes (everyone, and each cohort of 5 or more).`,
    existing: "A statistics recompute is already in progress.",
    empty: "No statistics recompute has run yet. A worker queues one every ten minutes when quizzes were submitted; you can queue one here.",
    runTitle: (target, when) => `Item statistics recomputed, asked for on ${when(target)}`,
    unit: "groups",
    doneLabel: "Recomputed",
    failuresCaption: "Groups whose statistics could not be recomputed",
    subjectHeader: "Group",
  },
};

export function JobRuns({ runs, kind }: { runs: RunProgress[]; kind: JobKind }) {
  const copy = COPY[kind];
  const when = useDateTime();
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const busy = runs.some((r) => r.waiting + r.active + r.retrying > 0);

  // While a run is in progress the page refreshes itself, so the bar moves without a reload.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [busy, router]);

  const act = <T,>(run: () => Promise<ActionResult<T>>, done: (data: T) => string) =>
    startTransition(async () => {
      const result = await callAction(run);
      setMessage(result.ok ? done(result.data) : result.error);
      router.refresh();
    });

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            act(
              () => queueJobs({ kind: copy.kind }),
              (run) => (run.existing ? copy.existing : copy.queued(run.queued)),
            )
          }
          className={buttonClass("primary")}
        >
          {copy.queueLabel}
        </button>
        <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
          {pending ? "Working…" : message}
        </p>
      </div>

      {runs.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">{copy.empty}</p>
      ) : (
        runs.map((run) => {
          const finished = run.done + run.failed;
          const percent = run.total ? Math.round((finished / run.total) * 100) : 100;
          return (
            <section key={run.runId} aria-label={copy.runTitle(run.target, when)} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <h3 className="text-lg font-semibold">{copy.runTitle(run.target, when)}</h3>
              <label className="mt-3 block text-sm" htmlFor={`progress-${run.runId}`}>
                {finished.toLocaleString("en")} of {run.total.toLocaleString("en")} {copy.unit} finished ({percent} %)
              </label>
              <progress id={`progress-${run.runId}`} className="mt-1 h-3 w-full" max={run.total || 1} value={finished} />
              <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
                {[
                  [copy.doneLabel, run.done],
                  ["Waiting", run.waiting],
                  ["In progress", run.active],
                  ["Retrying", run.retrying],
                  ["Failed", run.failed],
                ].map(([label, n]) => (
                  <div key={label}>
                    <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
                    <dd className="font-semibold">
                      {Number(n).toLocaleString("en")} {copy.unit}
                    </dd>
                  </div>
                ))}
              </dl>
              {run.failures.length > 0 && (
                <>
                  <div className="mt-4 flex items-center justify-between gap-3">
                    <h4 className="font-semibold">Failures</h4>
                    <button
                      type="button"
                      disabled={pending}
                      onClick={() => act(() => retryFailedJobs({ kind: copy.kind, runId: run.runId }), (d) => `Queued ${d.retried} ${copy.unit} again.`)}
                      className="rounded-md border px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
                    >
                      Retry all failed
                    </button>
                  </div>
                  <table className="mt-2 w-full text-left text-sm">
                    <caption className="sr-only">{copy.failuresCaption}</caption>
                    <thead>
                      <tr>
                        <th scope="col" className="py-1 pr-4">{copy.subjectHeader}</th>
                        <th scope="col" className="py-1 pr-4">Reason</th>
                        <th scope="col" className="py-1 pr-4">Tries</th>
                        <th scope="col" className="py-1"><span className="sr-only">Action</span></th>
                      </tr>
                    </thead>
                    <tbody>
                      {run.failures.map((f) => (
                        <tr key={f.jobId} className="border-t border-slate-100 dark:border-slate-900">
                          <td className="py-1 pr-4">{f.subject}</td>
                          <td className="py-1 pr-4">{f.message}</td>
                          <td className="py-1 pr-4">{f.tries}</td>
                          <td className="py-1">
                            <button
                              type="button"
                              disabled={pending}
                              aria-label={`Retry ${f.subject}`}
                              onClick={() => act(() => retryFailedJobs({ kind: copy.kind, jobId: f.jobId }), () => `Queued ${f.subject} again.`)}
                              className="rounded-md border px-2 py-0.5 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
                            >
                              Retry
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </section>
          );
        })
      )}
    </div>
  );
}
