"use client";

import { selfRatings } from "@/lib/schemas/quiz-limits";

export type SelfRating = (typeof selfRatings)[number];

const HINTS: Record<SelfRating, string> = {
  Again: "I guessed or forgot",
  Hard: "I got there with effort",
  Good: "I knew it",
  Easy: "Too easy",
};

/** Again/Hard/Good/Easy as a radio group; the score still caps it (a wrong answer is always "Again"). */
export function SelfRatingGroup({
  name,
  value,
  onChange,
  legend,
}: {
  name: string;
  value: SelfRating | null;
  onChange: (r: SelfRating) => void;
  legend: string;
}) {
  return (
    <fieldset className="mt-4">
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
        {selfRatings.map((r) => (
          <label
            key={r}
            className="flex cursor-pointer flex-col rounded-md border border-slate-300 p-2 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 dark:border-slate-700 dark:has-[:checked]:bg-slate-800"
          >
            <span className="flex items-center gap-2">
              <input type="radio" name={name} value={r} checked={value === r} onChange={() => onChange(r)} className="accent-brand-600" />
              <span className="font-medium">{r}</span>
            </span>
            <span className="text-xs text-slate-600 dark:text-slate-400">{HINTS[r]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
