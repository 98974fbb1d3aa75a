"use client";

import Link from "next/link";
import { callAction } from "@/components/use-action";
import { useState, useTransition } from "react";
import { importProblems } from "@/lib/actions/problem-import";
import { buttonClass } from "@/components/ui/button";
import type { ImportOutcome } from "@/lib/schemas/problem-authoring";
import { ErrorText } from "@/components/ui/alert";
import { linkClass } from "@/components/ui/link";

const RESULT: Record<ImportOutcome["result"], string> = {
  created: "created as a draft",
  "new-version": "saved as a new draft version",
  unchanged: "unchanged (no new version)",
};

/** Paste or upload a JSON file of problems; all are imported, as drafts, or none. */
export function ProblemImportForm() {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ImportOutcome[] | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = () =>
    startTransition(async () => {
      setError(null);
      setDone(null);
      const result = await callAction(() => importProblems({ text }));
      if (result.ok) setDone(result.data);
      else setError(result.error);
    });

  return (
    <form
      aria-label="Import practice problems"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div>
        <label htmlFor="problem-file" className="block text-sm font-medium">
          JSON file
        </label>
        <input
          id="problem-file"
          type="file"
          accept="application/json,.json"
          className="mt-1 block text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) setText(await file.text());
          }}
        />
      </div>
      <div>
        <label htmlFor="problem-json" className="block text-sm font-medium">
          Or paste the JSON
        </label>
        <textarea
          id="problem-json"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={12}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "problem-json-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
        />
      </div>
      <button type="submit" disabled={pending || text.trim() === ""} className={buttonClass("primary")}>
        {pending ? "Importing…" : "Import as drafts"}
      </button>
      {error ? (
        <ErrorText id="problem-json-error">
          Nothing was imported. {error}
        </ErrorText>
      ) : null}
      <div role="status">
        {done ? (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {done.map((d) => (
              <li key={d.slug}>
                <Link href={`/instructor/problems/${d.slug}`} className={linkClass("inherit")}>
                  {d.title}
                </Link>{" "}
                {RESULT[d.result]}, version {d.version}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </form>
  );
}
