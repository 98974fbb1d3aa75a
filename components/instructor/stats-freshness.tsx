"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { recomputeItemStats } from "@/lib/actions/recompute-item-stats";
import { useAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";

/**
 * When the figures were computed, how many attempts came in since, and a button that queues a recompute of this
 * group (a worker does it; the page says so rather than waiting on it).
 */
export function StatsFreshness({ computedAt, attemptsSince, cohort }: { computedAt: string; attemptsSince: number; cohort?: string }) {
  const router = useRouter();
  const { run, pending, failure } = useAction(recomputeItemStats);
  const [queued, setQueued] = useState<string | null>(null);
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3 text-sm text-slate-700 dark:text-slate-300" data-testid="stats-freshness">
      <p>
        Figures as of <LocalTime at={computedAt} />
        {attemptsSince > 0
          ? `; ${attemptsSince} quiz attempt${attemptsSince === 1 ? " was" : "s were"} submitted since. A worker recomputes them every ten minutes.`
          : "; no quiz attempts since."}
      </p>
      <button
        type="button"
        className={buttonClass("secondary")}
        disabled={pending}
        onClick={async () => {
          const result = await run(cohort ? { cohort } : {});
          if (result.ok) {
            setQueued(result.data.existing ? "A recompute is already in progress; reload in a minute." : "Recompute queued; reload in a minute to see the new figures.");
            router.refresh();
          }
        }}
      >
        Recompute now
      </button>
      <p role="status" className="basis-full empty:hidden">
        {failure ? failure.error : queued}
      </p>
    </div>
  );
}
