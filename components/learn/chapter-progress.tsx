"use client";

import { sectionKey, useProgress } from "@/components/learn/progress-store";
import { ErrorText } from "@/components/ui/alert";

/** "3 of 6 sections done" with a bar; for the course map and the top of each chapter. */
export function ChapterProgress({
  chapter,
  title,
  sections,
  showStorageNote = false,
}: {
  chapter: string;
  title: string;
  sections: string[];
  showStorageNote?: boolean;
}) {
  const { mode, done, error } = useProgress();
  const count = sections.filter((s) => done.has(sectionKey(chapter, s))).length;
  const percent = sections.length === 0 ? 0 : Math.round((count / sections.length) * 100);
  return (
    <div className="min-h-10" data-testid={`progress-${chapter}`}>
      {mode === "loading" ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">Loading your progress…</p>
      ) : (
        <>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            <span data-testid="progress-count">{count}</span> of {sections.length} sections done
            {showStorageNote && mode === "local" ? (
              <span className="text-slate-500 dark:text-slate-400"> · saved in this browser; sign in to keep it in your account</span>
            ) : null}
          </p>
          <div
            role="progressbar"
            aria-label={`Sections done in ${title}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="mt-1 h-1.5 w-full max-w-xs overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
          >
            <div className="h-full rounded-full bg-emerald-600 dark:bg-emerald-500" style={{ width: `${percent}%` }} />
          </div>
        </>
      )}
      {showStorageNote && error ? (
        <ErrorText className="mt-1">
          {error}
        </ErrorText>
      ) : null}
    </div>
  );
}
