"use client";

import { useMemo } from "react";
import type { z } from "zod";
import { pathKey } from "./schema-form";
import { ErrorText } from "@/components/ui/alert";

// What the question editor and the problem editor share: the draft checked against its schema on every change
// (the first message per field, for the form), and the saved / refused messages under the Save button.

export function useDraftCheck<T>(schema: z.ZodType<T>, draft: unknown) {
  const parsed = useMemo(() => schema.safeParse(draft), [schema, draft]);
  const issues = useMemo(() => (parsed.success ? [] : parsed.error.issues), [parsed]);
  const errors = useMemo(() => {
    const map = new Map<string, string>();
    for (const issue of issues) {
      const key = pathKey(issue.path as (string | number)[]);
      if (!map.has(key)) map.set(key, issue.message);
    }
    return map;
  }, [issues]);
  return { parsed, issues, errors };
}

/**
 * A refused save in words: every field the server named with its message, else the message. `field` turns the
 * server's path ("problem.followUps[1].key") into the form's words; without it the path is shown as sent.
 */
export function refusalText(
  result: { error: string; field?: string | undefined; fieldErrors?: { path: string; message: string }[] | undefined },
  field: (path: string) => string = (path) => path,
): string {
  if (result.fieldErrors?.length) return result.fieldErrors.map((f) => `${field(f.path)}: ${f.message}`).join("; ");
  // A refusal about one field ("problem.slug: … already exists") names it the same way.
  const own = result.field ? `${result.field}: ` : null;
  return own && result.error.startsWith(own) ? `${field(result.field!)}: ${result.error.slice(own.length)}` : result.error;
}

/** "Saved as version 3" as a polite status, and a refusal as an alert (both announced by screen readers). */
export function SaveMessages({ saved, error }: { saved: string | null; error: string | null }) {
  return (
    <>
      <p role="status" className="text-sm text-green-700 dark:text-green-400">
        {saved}
      </p>
      {error ? (
        <ErrorText className="w-full">
          {error}
        </ErrorText>
      ) : null}
    </>
  );
}
