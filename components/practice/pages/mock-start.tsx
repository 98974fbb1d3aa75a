"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { startMockDesign } from "@/lib/actions/start-mock-design";
import { MOCK_MINUTES } from "@/lib/schemas/mock-limits";
import { callAction } from "@/components/use-action";
import { buttonClass } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/alert";
import { linkClass } from "@/components/ui/link";

/** Starts a timed mock interview: a fresh design from the starter with a deadline kept on the server. */
export function MockStart({ problemId, signedIn, signInHref }: { problemId: string; signedIn: boolean; signInHref: string }) {
  const router = useRouter();
  const id = useId();
  const [minutes, setMinutes] = useState(String(MOCK_MINUTES.default));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!signedIn) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <a href={signInHref} className={linkClass("strong")}>
          Sign in
        </a>{" "}
        to take this problem as a timed mock interview.
      </p>
    );
  }

  async function start(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const value = Number(minutes);
    if (!Number.isInteger(value) || value < MOCK_MINUTES.min || value > MOCK_MINUTES.max) {
      setError(`Minutes must be a whole number from ${MOCK_MINUTES.min} to ${MOCK_MINUTES.max}.`);
      return;
    }
    setBusy(true);
    const res = await callAction(() => startMockDesign({ problemId, minutes: value }));
    setBusy(false);
    if (res.ok) router.push(`/designs/${res.data.id}`);
    else setError(res.error);
  }

  return (
    <form onSubmit={start} noValidate className="flex flex-wrap items-end gap-2" aria-label="Mock interview">
      <div>
        <label htmlFor={`${id}-minutes`} className="block text-xs font-medium">
          Mock interview length (minutes, {MOCK_MINUTES.min}–{MOCK_MINUTES.max})
        </label>
        <input
          id={`${id}-minutes`}
          type="number"
          inputMode="numeric"
          min={MOCK_MINUTES.min}
          max={MOCK_MINUTES.max}
          step={1}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-1 w-24 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      </div>
      <button type="submit" className={buttonClass("secondary", "sm")} disabled={busy}>
        {busy ? "Starting…" : "Start mock interview"}
      </button>
      {error ? (
        <ErrorText id={`${id}-error`} className="w-full">
          {error}
        </ErrorText>
      ) : null}
    </form>
  );
}
