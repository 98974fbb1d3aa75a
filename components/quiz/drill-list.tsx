"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "@/components/use-action";
import { startDrill } from "@/lib/actions/start-drill";
import { card } from "@/components/quiz/styles";
import { buttonClass } from "@/components/ui/button";
import type { DrillEntry } from "@/lib/schemas/drill";

type Props = { drills: DrillEntry[] };

const STAGE_WHY: Record<DrillEntry["stage"], string> = {
  requirements: "Your requirements lost the most points last time.",
  estimates: "Your estimates lost the most points last time.",
  design: "Your design lost the most points last time.",
  followup: "The follow-up rounds lost the most points last time.",
};

const fullDate = (iso: string) => new Intl.DateTimeFormat("en", { dateStyle: "full", timeStyle: "short" }).format(new Date(iso));

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
          None yet. Finish an interview on a <Link href="/practice" className="text-brand-600 underline underline-offset-2 dark:text-brand-100">practice problem</Link>{" "}
          and it comes back here for a re-attempt, starting at the stage you found hardest, just before you would
          forget how you solved it.
        </p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Problems you finished come back for a re-attempt at the stage you did worst. How the re-attempt scores sets
            when it comes back next.
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

function DrillItem({ drill }: { drill: DrillEntry }) {
  const router = useRouter();
  const { run, pending, failure } = useAction(startDrill);
  const [leaving, setLeaving] = useState(false);
  const errorId = `drill-error-${drill.problemId}`;

  async function open() {
    const result = await run({ problemId: drill.problemId });
    if (result.ok) {
      setLeaving(true);
      router.push(result.data.href);
    }
  }

  const label = drill.inProgress ? "Continue the re-attempt" : "Start the re-attempt";
  return (
    <li className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="drill" data-problem={drill.problemId}>
      <p className="font-semibold">{drill.title}</p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-slate-600 dark:text-slate-400">Starts at</dt>
        <dd data-testid="drill-stage">{drill.stageLabel}</dd>
        <dt className="text-slate-600 dark:text-slate-400">When</dt>
        <dd>
          <time dateTime={drill.due} title={fullDate(drill.due)} data-testid="drill-due">
            {drill.dueWords}
          </time>
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Last time</dt>
        <dd>{drill.lastScorePercent} % on this stage</dd>
      </dl>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{STAGE_WHY[drill.stage]}</p>
      <button
        type="button"
        className={buttonClass(drill.dueToday ? "primary" : "secondary", "md", "mt-3")}
        onClick={open}
        disabled={pending || leaving}
        aria-describedby={failure ? errorId : undefined}
      >
        {pending || leaving ? "Opening…" : label}
        <span className="sr-only">{`: ${drill.title}, from ${drill.stageLabel.toLowerCase()}`}</span>
      </button>
      {failure ? (
        <p id={errorId} role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {failure.error}
        </p>
      ) : null}
    </li>
  );
}
