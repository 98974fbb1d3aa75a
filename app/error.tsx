"use client";

import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

// Only the digest is shown: the message of a server error may contain internals and never reaches a user.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 text-center">
      <p className="text-sm font-semibold text-red-600">Something went wrong</p>
      <h1 className="mt-2 text-3xl font-bold">We could not show this page</h1>
      <p className="mt-4 text-slate-600 dark:text-slate-400">
        It is our fault, not yours. Try again; if it keeps happening, the server log has the details
        {error.digest ? <> under reference <code className="font-mono">{error.digest}</code></> : null}.
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" onClick={reset} className={buttonClass("primary")}>
          Try again
        </button>
        <Link href="/" className="rounded-md border px-4 py-2 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">Go home</Link>
      </div>
    </div>
  );
}
