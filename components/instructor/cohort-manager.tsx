"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, useTransition } from "react";
import { createCohort } from "@/lib/actions/create-cohort";
import { deleteCohort } from "@/lib/actions/delete-cohort";
import { renewCohortInvite } from "@/lib/actions/renew-cohort-invite";
import { selectClass } from "./ui";

type Cohort = { id: string; name: string; inviteToken: string; members: number; createdAt: string };

const button =
  "rounded-md border px-3 py-1.5 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-brand-500 focus:ring-offset-2 disabled:opacity-50 dark:focus:ring-offset-slate-950";

const noop = () => () => {};

export function CohortManager({ cohorts }: { cohorts: Cohort[] }) {
  const router = useRouter();
  const origin = useSyncExternalStore(noop, () => window.location.origin, () => "");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const run = (fn: () => Promise<{ ok: boolean; error?: string }>, success: string) =>
    startTransition(async () => {
      const result = await fn();
      if (!result.ok) setError(result.error ?? "That did not work.");
      else {
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
          run(async () => {
            const r = await createCohort({ name });
            if (r.ok) setName("");
            return r;
          }, `Cohort “${name.trim()}” created; share its invite link.`);
        }}
      >
        <div className="min-w-64 flex-1">
          <label htmlFor="cohort-name" className="block text-sm font-medium">New cohort name</label>
          <input id="cohort-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required aria-describedby={error ? "cohort-error" : undefined} className={selectClass} />
        </div>
        <button type="submit" disabled={pending || name.trim() === ""} className={`${button} border-brand-600 bg-brand-600 px-4 py-2 text-white hover:bg-brand-700`}>
          Create cohort
        </button>
      </form>
      <div aria-live="polite">
        {error ? <p id="cohort-error" role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p> : null}
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
                  <input id={`invite-${c.id}`} readOnly value={link} className={`${selectClass} mt-0 flex-1 font-mono`} onFocus={(e) => e.currentTarget.select()} data-testid="invite-link" />
                  <button type="button" className={`${button} border-slate-300 dark:border-slate-700`} onClick={() => navigator.clipboard?.writeText(link).then(() => setMessage("Invite link copied."), () => setMessage("Copy the link from the box."))}>
                    Copy
                  </button>
                </div>
                <div className="mt-3 flex flex-wrap gap-2">
                  <Link href={`/instructor/stats?cohort=${c.id}`} className={`${button} border-slate-300 dark:border-slate-700`}>
                    Statistics
                  </Link>
                  <button type="button" disabled={pending} className={`${button} border-slate-300 dark:border-slate-700`} onClick={() => run(() => renewCohortInvite({ cohortId: c.id }), "A new invite link replaces the old one.")}>
                    New invite link
                  </button>
                  {confirmDelete === c.id ? (
                    <>
                      <button type="button" disabled={pending} className={`${button} border-red-700 bg-red-700 text-white`} onClick={() => run(() => deleteCohort({ cohortId: c.id }), `Cohort “${c.name}” deleted.`)}>
                        Confirm: delete cohort
                      </button>
                      <button type="button" className={`${button} border-slate-300 dark:border-slate-700`} onClick={() => setConfirmDelete(null)}>
                        Keep it
                      </button>
                    </>
                  ) : (
                    <button type="button" className={`${button} border-red-300 text-red-700 dark:border-red-800 dark:text-red-400`} onClick={() => setConfirmDelete(c.id)}>
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
