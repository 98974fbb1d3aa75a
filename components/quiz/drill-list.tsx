"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "@/components/use-action";
import { rateDrill } from "@/lib/actions/rate-drill";
import { startDrill } from "@/lib/actions/start-drill";
import { undoDrillRating } from "@/lib/actions/undo-drill-rating";
import { ratingNames, type RatingName } from "@/lib/core/quiz";
import { card } from "@/components/quiz/styles";
import { buttonClass } from "@/components/ui/button";
import type { DrillEntry } from "@/lib/schemas/drill";
import { ErrorText } from "@/components/ui/alert";
import { linkClass } from "@/components/ui/link";

type Props = { drills: DrillEntry[] };

const STAGE_WHY: Record<DrillEntry["stage"], string> = {
  requirements: "Your requirements lost the most points last time.",
  estimates: "Your estimates lost the most points last time.",
  design: "Your design lost the most points last time.",
  followup: "The follow-up rounds lost the most points last time.",
};

/**
 * Redesign drills beside the question reviews: each practice problem the candidate finished comes back on an FSRS
 * schedule, at the stage they did worst. Opening one starts (or continues) the re-attempt at that stage.
 */
export function DrillList({ drills }: Props) {
  const due = drills.filter((d) => d.dueToday);
  const later = drills.filter((d) => !d.dueToday);
  return (
    <section aria-labelledby="drills-heading" className={card} data-testid="drills">
      <h2 id="drills-heading" className="text-lg font-semibold">
        Redesign drills
      </h2>
      {drills.length === 0 ? (
        <p className="mt-2 text-slate-700 dark:text-slate-300" data-testid="drills-empty">
          None yet. Finish an interview on a <Link href="/practice" className={linkClass()}>practice problem</Link>{" "}
          and it comes back here for a re-attempt, starting at the stage you found hardest, just before you would
          forget how you solved it.
        </p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Problems you finished come back for a re-attempt at the stage you did worst. The re-attempt’s score rates it
            (you may rate it lower if it felt harder), and the rating sets when it comes back next.
          </p>
          <DrillGroup title="Due today" drills={due} empty="Nothing due today." />
          {later.length ? <DrillGroup title="Coming up" drills={later} /> : null}
        </>
      )}
    </section>
  );
}

function DrillGroup({ title, drills, empty }: { title: string; drills: DrillEntry[]; empty?: string }) {
  return (
    <div className="mt-4">
      <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{title}</h3>
      {drills.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{empty}</p>
      ) : (
        <ul className="mt-2 space-y-3">
          {drills.map((d) => (
            <DrillItem key={d.problemId} drill={d} />
          ))}
        </ul>
      )}
    </div>
  );
}

const RATING_HINTS: Record<RatingName, string> = {
  Again: "it went badly: soon",
  Hard: "a struggle: a short gap",
  Good: "solid: a longer gap",
  Easy: "easy: the longest gap",
};

function DrillItem({ drill }: { drill: DrillEntry }) {
  const router = useRouter();
  const { run, pending, failure } = useAction(startDrill);
  const rating = useAction(rateDrill);
  const undo = useAction(undoDrillRating);
  const [leaving, setLeaving] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const errorId = `drill-error-${drill.problemId}`;
  const rateId = `drill-rate-${drill.problemId}`;
  const busy = pending || leaving || rating.pending || undo.pending;

  async function open() {
    const result = await run({ problemId: drill.problemId });
    if (result.ok) {
      setLeaving(true);
      router.push(result.data.href);
    }
  }

  async function rate(r: RatingName) {
    const result = await rating.run({ problemId: drill.problemId, rating: r });
    if (result.ok) {
      setSaid(`Rated ${result.data.rating}: this drill is ${result.data.dueWords} (${result.data.dueDate}).`);
      router.refresh();
    }
  }

  async function takeBack() {
    const result = await undo.run({ problemId: drill.problemId });
    if (result.ok) {
      setSaid(`Rating undone: back to ${result.data.rating}, ${result.data.dueWords} (${result.data.dueDate}).`);
      router.refresh();
    }
  }

  const label = drill.inProgress ? "Continue the re-attempt" : "Start the re-attempt";
  const max = ratingNames.indexOf(drill.maxRating);
  const problem = failure ?? rating.failure ?? undo.failure;
  return (
    <li className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="drill" data-problem={drill.problemId}>
      <p className="font-semibold">{drill.title}</p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-slate-600 dark:text-slate-400">Starts at</dt>
        <dd data-testid="drill-stage">{drill.stageLabel}</dd>
        <dt className="text-slate-600 dark:text-slate-400">When</dt>
        <dd>
          <time dateTime={drill.due} data-testid="drill-due">
            {drill.dueWords}
          </time>{" "}
          <span className="text-slate-600 dark:text-slate-400" data-testid="drill-due-date">
            ({drill.dueDate})
          </span>
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Last time</dt>
        <dd data-testid="drill-last">
          {drill.lastScorePercent} % on {drill.lastStageLabel.toLowerCase()}, rated {drill.rating}
        </dd>
      </dl>
      {drill.stageScores.length > 0 ? (
        <div className="mt-2 text-sm" data-testid="drill-why">
          <p className="text-slate-600 dark:text-slate-400">
            Why it starts there: your last attempt, stage by stage. A stage you did not pass counts as weaker than one
            you passed with a lower score.
          </p>
          <ul className="mt-1 grid grid-cols-[1fr_auto] gap-x-3">
            {drill.stageScores.map((s) => (
              <li key={s.stage} className="contents">
                <span className={s.stage === drill.stage ? "font-semibold" : undefined}>
                  {s.label}
                  {s.stage === drill.stage ? " (weakest)" : ""}
                </span>
                <span className={`tabular-nums ${s.stage === drill.stage ? "font-semibold" : ""}`}>{s.percent} %</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{STAGE_WHY[drill.stage]}</p>
      )}
      <button
        type="button"
        className={buttonClass(drill.dueToday ? "primary" : "secondary", "md", "mt-3")}
        onClick={open}
        disabled={busy}
        aria-describedby={problem ? errorId : undefined}
      >
        {pending || leaving ? "Opening…" : label}
        <span className="sr-only">{`: ${drill.title}, from ${drill.stageLabel.toLowerCase()}`}</span>
      </button>
      {drill.history.length > 0 && max === 0 ? (
        <p className="mt-3 text-sm" data-testid="drill-rating-note">
          {drill.lastScorePercent} % on {drill.lastStageLabel.toLowerCase()} counts as {drill.maxRating}, so it comes back soon; a stronger
          re-attempt earns a longer gap.
        </p>
      ) : drill.history.length > 0 ? (
        <div role="group" aria-labelledby={rateId} className="mt-3" data-testid="drill-rating">
          <p id={rateId} className="text-sm font-medium">
            How did your last attempt go? {drill.lastScorePercent} % on {drill.lastStageLabel.toLowerCase()} earns up to {drill.maxRating};
            rate it lower if it felt harder. Your rating sets when this drill comes back.
          </p>
          <div className="mt-2 grid grid-cols-2 gap-2">
            {ratingNames.map((r, i) => (
              <button
                key={r}
                type="button"
                className={`${buttonClass("secondary")} flex-col ${drill.rating === r ? "ring-2 ring-brand-600 dark:ring-brand-100" : ""}`}
                aria-pressed={drill.rating === r}
                disabled={busy || i > max}
                onClick={() => void rate(r)}
              >
                <span>{r}</span>
                <span className="text-xs font-normal text-slate-600 dark:text-slate-400">{RATING_HINTS[r]}</span>
              </button>
            ))}
          </div>
        </div>
      ) : null}
      {said || drill.canUndo ? (
        <div className="mt-2 flex flex-wrap items-center gap-3 text-sm" role="status" data-testid="drill-rated">
          {said ? <span>{said}</span> : null}
          {drill.canUndo ? (
            <button type="button" className={buttonClass("secondary")} onClick={() => void takeBack()} disabled={busy}>
              Undo rating<span className="sr-only">{`: ${drill.title}`}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      {problem ? (
        <ErrorText id={errorId} className="mt-2">
          {problem.error}
        </ErrorText>
      ) : null}
      {drill.history.length > 0 ? (
        <details className="mt-3 text-sm" data-testid="drill-history">
          <summary className="cursor-pointer font-medium">
            Rating history ({drill.history.length} attempt{drill.history.length === 1 ? "" : "s"})
          </summary>
          <ol className="mt-1 space-y-1">
            {drill.history.map((h) => (
              <li key={h.finishedAt}>
                <time dateTime={h.finishedAt}>{h.finishedText}</time>: {h.scorePercent} % on {h.stageLabel.toLowerCase()}, rated {h.rating}
                {h.rating !== h.scoreRating ? ` (you lowered it from ${h.scoreRating})` : ""}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}
