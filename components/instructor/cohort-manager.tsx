"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, useTransition } from "react";
import { createCohort } from "@/lib/actions/create-cohort";
import { deleteCohort } from "@/lib/actions/delete-cohort";
import { renewCohortInvite } from "@/lib/actions/renew-cohort-invite";
import { Field, inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { callAction } from "@/components/use-action";
import type { ActionResult } from "@/lib/schemas/action-result";
import { ErrorText } from "@/components/ui/alert";

type Cohort = { id: string; name: string; inviteToken: string; members: number; createdAt: string };

const noop = () => () => {};

export function CohortManager({ cohorts }: { cohorts: Cohort[] }) {
  const router = useRouter();
  const origin = useSyncExternalStore(noop, () => window.location.origin, () => "");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const run = <T,>(fn: () => Promise<ActionResult<T>>, success: string, onOk?: () => void) =>
    startTransition(async () => {
      const result = await callAction(fn);
      if (!result.ok) setError(result.error);
      else {
        onOk?.();
        setError(null);
        setMessage(success);
        router.refresh();
      }
    });

  return (
    <div className="space-y-8">
      <form
        aria-label="Create a cohort"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          run(
            () => createCohort({ name }),
            `Cohort “${name.trim()}” created; share its invite link.`,
            () => setName(""),
          );
        }}
      >
        <Field label="New cohort name" className="min-w-64 flex-1">
          {(control) => (
            <input {...control} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required aria-describedby={error ? "cohort-error" : undefined} className={inputClass} />
          )}
        </Field>
        <button type="submit" disabled={pending || name.trim() === ""} className={buttonClass("primary")}>
          Create cohort
        </button>
      </form>
      <div aria-live="polite">
        {error ? <ErrorText id="cohort-error">{error}</ErrorText> : null}
        {message && !error ? <p className="text-sm text-green-700 dark:text-green-400">{message}</p> : null}
      </div>
      {cohorts.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">You have no cohort yet. Create one and send its invite link to your candidates.</p>
      ) : (
        <ul className="space-y-4" aria-label="Your cohorts">
          {cohorts.map((c) => {
            const link = `${origin}/cohorts/join/${c.inviteToken}`;
            return (
              <li key={c.id} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-testid="cohort">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="text-lg font-semibold">{c.name}</h3>
                  <span className="text-sm text-slate-600 dark:text-slate-400">
                    {c.members} member{c.members === 1 ? "" : "s"} · since {c.createdAt.slice(0, 10)}
                  </span>
                </div>
                <label htmlFor={`invite-${c.id}`} className="mt-3 block text-sm font-medium">Invite link</label>
                <div className="mt-1 flex flex-wrap gap-2">
                  <input id={`invite-${c.id}`} readOnly value={link} className={`${inputClass} mt-0 flex-1 font-mono`} onFocus={(e) => e.currentTarget.select()} data-testid="invite-link" />
                  <button type="button" className={buttonClass("secondary", "sm")} onClick={() => navigator.clipboard?.writeText(link).then(() => setMessage("Invite link copied."), () => setMessage("Copy the link from the box."))}>
                    Copy
                  </button>
                </div>
                <div className="mt-3 flex flex-wrap gap-2">
                  <Link href={`/instructor/cohorts/${c.id}`} className={buttonClass("secondary", "sm")} aria-label={`Practice results of ${c.name}`}>
                    Practice results
                  </Link>
                  <Link href={`/instructor/stats?cohort=${c.id}`} className={buttonClass("secondary", "sm")} aria-label={`Quiz statistics of ${c.name}`}>
                    Quiz statistics
                  </Link>
                  <button type="button" disabled={pending} className={buttonClass("secondary", "sm")} onClick={() => run(() => renewCohortInvite({ cohortId: c.id }), "A new invite link replaces the old one.")}>
                    New invite link
                  </button>
                  {confirmDelete === c.id ? (
                    <>
                      <button type="button" disabled={pending} className={buttonClass("danger", "sm")} onClick={() => run(() => deleteCohort({ cohortId: c.id }), `Cohort “${c.name}” deleted.`)}>
                        Confirm: delete cohort
                      </button>
                      <button type="button" className={buttonClass("secondary", "sm")} onClick={() => setConfirmDelete(null)}>
                        Keep it
                      </button>
                    </>
                  ) : (
                    <button type="button" className={buttonClass("danger-outline", "sm")} onClick={() => setConfirmDelete(c.id)}>
                      Delete
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
