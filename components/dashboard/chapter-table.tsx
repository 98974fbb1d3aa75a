import { IntentLink } from "@/components/ui/intent-link";
import type { ChapterStats } from "@/lib/server/quiz/dashboard";
import { linkClass } from "@/components/ui/link";

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)} %`);

function Meter({ value, label }: { value: number; label: string }) {
  return (
    <div className="flex items-center gap-2">
      <div className="h-2 w-16 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800" aria-hidden="true">
        <div className="h-full bg-brand-600" style={{ width: `${Math.round(value * 100)}%` }} />
      </div>
      <span className="tabular-nums">{label}</span>
    </div>
  );
}

/** Per chapter: reading, quiz scores, mastery and reviews due. Scrolls sideways on a phone rather than squashing. */
export function ChapterTable({ chapters }: { chapters: ChapterStats[] }) {
  return (
    <div className="overflow-x-auto" role="region" aria-label="Progress by chapter" tabIndex={0}>
      <table className="w-full min-w-[44rem] text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">Chapter</th>
            <th scope="col" className="py-2 pr-3 font-medium">Reading</th>
            <th scope="col" className="py-2 pr-3 font-medium">Best quiz</th>
            <th scope="col" className="py-2 pr-3 font-medium">Latest quiz</th>
            <th scope="col" className="py-2 pr-3 font-medium">Mastery</th>
            <th scope="col" className="py-2 pr-3 font-medium">Reviews due</th>
          </tr>
        </thead>
        <tbody>
          {chapters.map((c) => (
            <tr key={c.chapter} className="border-b border-slate-100 dark:border-slate-900" data-testid={`chapter-row-${c.chapter}`}>
              <th scope="row" className="py-2 pr-3 font-medium">
                <IntentLink href={`/learn/${c.chapter}`} className={linkClass("inherit", "inline-flex min-h-6 items-center")}>
                  {c.number}. {c.title}
                </IntentLink>
                <IntentLink href={`/quizzes/${c.chapter}`} className={linkClass("default", "ml-2 inline-flex min-h-6 min-w-6 items-center justify-center px-1 text-xs")} aria-label={`Quiz on ${c.title}`}>
                  Quiz
                </IntentLink>
              </th>
              <td className="py-2 pr-3">
                <Meter value={c.sectionsRequired ? c.sectionsRead / c.sectionsRequired : 0} label={`${c.sectionsRead}/${c.sectionsRequired}`} />
              </td>
              <td className="py-2 pr-3 tabular-nums" data-testid="best-score">{pct(c.bestScore)}</td>
              <td className="py-2 pr-3 tabular-nums" data-testid="latest-score">{pct(c.latestScore)}</td>
              <td className="py-2 pr-3">
                <Meter value={c.mastery} label={`${Math.round(c.mastery * 100)} %`} />
              </td>
              <td className="py-2 pr-3 tabular-nums" data-testid="reviews-due">
                {c.reviewsDue}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
