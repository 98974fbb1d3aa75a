"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";

// Only the digest is shown: the message of a server error may contain internals and never reaches a user.
// A full page load of a page that failed on the database gets server.mjs's 503 page instead; this boundary shows
// for failures after the page loaded (client navigations), so it asks /api/health whether the database is away.
export function ErrorView({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [databaseDown, setDatabaseDown] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/health", { cache: "no-store", signal: controller.signal })
      .then((res) => setDatabaseDown(res.status === 503))
      .catch(() => {});
    return () => controller.abort();
  }, [error]);

  return (
    <div className="mx-auto max-w-2xl px-4 py-20 text-center">
      <p className="text-sm font-semibold text-red-700 dark:text-red-300">{databaseDown ? "Service briefly unavailable" : "Something went wrong"}</p>
      <h1 className="mt-2 text-3xl font-bold">{databaseDown ? "We cannot reach our database right now" : "We could not show this page"}</h1>
      {databaseDown ? (
        <p className="mt-4 text-slate-600 dark:text-slate-400">
          The database is offline, full or accepting reads only. Nothing you saved before is lost, but anything you were
          sending just now was not stored. It usually comes back within a minute: try again shortly.
        </p>
      ) : (
        <p className="mt-4 text-slate-600 dark:text-slate-400">
          It is our fault, not yours. Try again; if it keeps happening, the server log has the details
          {error.digest ? <> under reference <code className="font-mono">{error.digest}</code></> : null}.
        </p>
      )}
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" onClick={reset} className={buttonClass("primary")}>
          Try again
        </button>
        <Link href="/" className="rounded-md border px-4 py-2 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">Go home</Link>
      </div>
    </div>
  );
}
