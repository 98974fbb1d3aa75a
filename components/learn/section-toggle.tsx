"use client";

import { markSection, sectionKey, unmarkSection, useProgress } from "@/components/learn/progress-store";

const SOURCE_NOTE = { manual: "Marked as done", scroll: "Read to the end", merged: "Saved from this browser" } as const;

export function SectionToggle({ chapter, section, title }: { chapter: string; section: string; title: string }) {
  const { mode, done } = useProgress();
  const source = done.get(sectionKey(chapter, section));
  const isDone = source !== undefined;
  return (
    <div className="mt-6 flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
      <button
        type="button"
        aria-pressed={isDone}
        // One name in both states: a toggle announces its state through aria-pressed, not by renaming itself.
        aria-label={`Mark as done: ${title}`}
        disabled={mode === "loading"}
        onClick={() => void (isDone ? unmarkSection(chapter, section) : markSection(chapter, section, "manual"))}
        className={`inline-flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm font-medium disabled:opacity-50 ${
          isDone
            ? "border-emerald-600 bg-emerald-50 text-emerald-800 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-200"
            : "border-slate-300 text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
        }`}
      >
        {isDone ? (
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
            <path d="M7.6 13.2 4.4 10l-1.4 1.4 4.6 4.6 10-10-1.4-1.4z" />
          </svg>
        ) : (
          <span aria-hidden="true" className="h-4 w-4 rounded border border-current opacity-60" />
        )}
        Mark as done
      </button>
      <span className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {source ? SOURCE_NOTE[source] : ""}
      </span>
    </div>
  );
}
