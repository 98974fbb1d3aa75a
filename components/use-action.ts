"use client";

import { useCallback, useState } from "react";
import type { ActionFailure, ActionResult } from "@/lib/schemas/action-result";

// The one way client code calls a server action. Expected failures arrive as the AppError envelope
// (status, message, field errors); a thrown error (network down, server fault) is turned into the same shape,
// so every form shows one kind of failure.

const UNEXPECTED: ActionFailure = { ok: false, status: 500, error: "Something went wrong on our side. Please try again." };

/** Runs an action outside a hook (queued saves, effects); never throws. */
export async function callAction<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch {
    return UNEXPECTED;
  }
}

/** An action with its pending state and its last failure, for forms and buttons. */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  const run = useCallback(
    async (input: I): Promise<ActionResult<T>> => {
      setPending(true);
      setFailure(null);
      const result = await callAction(() => action(input));
      if (!result.ok) setFailure(result);
      setPending(false);
      return result;
    },
    [action],
  );

  /** The message for one input, from the field errors of the last failure. */
  const fieldError = useCallback(
    (path: string): string | undefined =>
      failure?.fieldErrors?.find((e) => e.path === path)?.message ?? (failure?.field === path ? failure.error : undefined),
    [failure],
  );

  return { run, pending, failure, setFailure, fieldError };
}
