import type { MixedQuizSpec } from "@/lib/schemas/quiz-attempt";
import { buttonClass } from "@/components/ui/button";

type Props = {
  chapters: { slug: string; title: string }[];
  /** Values to show again after a refused choice. */
  initial?: Partial<MixedQuizSpec>;
  errors?: Record<string, string>;
};

/** A plain GET form, so it works before (and without) JavaScript and the choice is a shareable URL. */
export function MixedQuizForm({ chapters, initial, errors = {} }: Props) {
  const picked = new Set<string>(initial?.chapters ?? []);
  return (
    <form action="/quizzes/mixed" method="get" className="mt-4 space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <fieldset aria-describedby={errors.chapters ? "mixed-chapters-error" : undefined}>
        <legend className="font-medium">Chapters</legend>
        <div className="mt-2 grid gap-1 sm:grid-cols-2">
          {chapters.map((c) => (
            <label key={c.slug} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="chapters" value={c.slug} defaultChecked={picked.has(c.slug)} className="h-4 w-4 accent-brand-600" />
              {c.title}
            </label>
          ))}
        </div>
        {errors.chapters ? (
          <p id="mixed-chapters-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {errors.chapters}
          </p>
        ) : null}
      </fieldset>
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor="mixed-count" className="block text-sm font-medium">
            Questions
          </label>
          <input
            id="mixed-count"
            name="count"
            type="number"
            min={3}
            max={40}
            defaultValue={initial?.count ?? 10}
            aria-describedby={errors.count ? "mixed-count-error" : undefined}
            className="mt-1 w-24 rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
          />
          {errors.count ? (
            <p id="mixed-count-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
              {errors.count}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="mixed-difficulty" className="block text-sm font-medium">
            Difficulty
          </label>
          <select
            id="mixed-difficulty"
            name="difficulty"
            defaultValue={initial?.difficulty ?? "any"}
            className="mt-1 min-h-10 rounded-md border border-slate-300 bg-white px-2 py-2 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="any">Any</option>
            <option value="easy">Easy</option>
            <option value="medium">Medium</option>
            <option value="hard">Hard</option>
          </select>
        </div>
        <fieldset>
          <legend className="block text-sm font-medium">Layout</legend>
          <div className="mt-2 flex gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" value="one" defaultChecked={(initial?.mode ?? "one") === "one"} className="accent-brand-600" />
              One at a time
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" value="all" defaultChecked={initial?.mode === "all"} className="accent-brand-600" />
              All at once
            </label>
          </div>
        </fieldset>
      </div>
      <button type="submit" className={buttonClass("primary")}>
        Start mixed practice
      </button>
    </form>
  );
}
