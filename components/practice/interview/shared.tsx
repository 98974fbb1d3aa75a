"use client";

// Small pieces the interview stages share.

export type ActionFailureInfo = { error: string; fieldErrors?: { path: string; message: string }[] | undefined };
type Outcome<T> = { ok: true; data: T } | ({ ok: false; status: number } & ActionFailureInfo);

/** Runs a server action; a thrown error (network, server fault) becomes a failure the form can show. */
export async function callAction<T>(run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await run();
  } catch {
    return { ok: false, status: 500, error: "Something went wrong on our side. Please try again." };
  }
}

export const VERDICT_STYLE = {
  good: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  mid: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  bad: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
} as const;

export function ActionFailure({ failure }: { failure: ActionFailureInfo | null }) {
  if (!failure) return null;
  return (
    <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      {failure.error}
    </p>
  );
}

export function formatNumber(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
