"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { joinCohort } from "@/lib/actions/join-cohort";
import { leaveCohort } from "@/lib/actions/leave-cohort";
import { callAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/alert";

export function JoinCohortPanel({ token, cohortId, name, isMember }: { token: string; cohortId: string; name: string; isMember: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = (join: boolean) =>
    startTransition(async () => {
      const result = await callAction(() => (join ? joinCohort({ token }) : leaveCohort({ cohortId })));
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setMessage(join ? `You joined “${name}”.` : `You left “${name}”.`);
      router.refresh();
    });

  return (
    <div className="space-y-3">
      {isMember ? (
        <>
          <p>You are a member of this cohort.</p>
          <button type="button" disabled={pending} onClick={() => act(false)} className={buttonClass("secondary")}>
            Leave cohort
          </button>
        </>
      ) : (
        <button type="button" disabled={pending} onClick={() => act(true)} className={buttonClass("primary")}>
          Join cohort
        </button>
      )}
      <div aria-live="polite">
        {message ? <p className="text-sm text-green-700 dark:text-green-400">{message}</p> : null}
        {error ? <ErrorText>{error}</ErrorText> : null}
      </div>
    </div>
  );
}

/** A compact leave button for lists of the candidate's cohorts. */
export function LeaveCohortButton({ cohortId, name }: { cohortId: string; name: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        aria-label={`Leave ${name}`}
        onClick={() =>
          startTransition(async () => {
            const result = await callAction(() => leaveCohort({ cohortId }));
            if (result.ok) router.refresh();
            else setError(result.error);
          })
        }
        className="ml-2 rounded border border-slate-300 px-2 py-0.5 text-xs focus:outline-none focus:ring-2 focus:ring-brand-500 disabled:opacity-50 dark:border-slate-700"
      >
        Leave
      </button>
      {error ? <span role="alert" className="ml-2 text-xs text-red-700 dark:text-red-400">{error}</span> : null}
    </>
  );
}
