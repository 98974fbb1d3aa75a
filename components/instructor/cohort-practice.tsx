import Link from "next/link";
import type { ReactNode } from "react";
import type { CohortPracticeReport } from "@/lib/server/instructor/cohort-practice";
import type { ProblemBreakdown, Rate } from "@/lib/server/instructor/cohort-practice-core";
import { linkClass } from "@/components/ui/link";

// The cohort's practice results, per problem: score distribution, checklist failure rates, follow-up pass rates
// and the reference components most often missing. Server-rendered; aggregates only.

const box = "rounded-lg border border-slate-200 p-4 sm:p-6 dark:border-slate-800";
const th = "px-2 py-1.5 text-left text-sm font-semibold text-slate-700 dark:text-slate-300";
const td = "px-2 py-1.5 align-top text-sm";
const link = linkClass();

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const rateText = (r: Rate) => `${r.count} of ${r.of} (${r.percent} %)`;

/** A bar for a share; the number beside it carries the meaning, the bar only shows the size. */
function Bar({ percent, tone }: { percent: number; tone: "bad" | "good" | "neutral" }) {
  const colour = tone === "bad" ? "bg-red-500 dark:bg-red-400" : tone === "good" ? "bg-emerald-500 dark:bg-emerald-400" : "bg-brand-500 dark:bg-brand-300";
  return (
    <span aria-hidden="true" className="block h-2.5 w-full min-w-16 rounded bg-slate-100 dark:bg-slate-800">
      <span className={`block h-2.5 rounded ${colour}`} style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
    </span>
  );
}

function Empty({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className={box} data-testid="cohort-practice-empty">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-2 max-w-3xl space-y-2 text-slate-700 dark:text-slate-300">{children}</div>
    </div>
  );
}

export function CohortPractice({ report }: { report: CohortPracticeReport }) {
  const { cohort, totals, problems, minGroup } = report;
  if (problems === null) {
    return (
      <Empty title={cohort.members === 0 ? "No members yet" : "Too few members for a breakdown"}>
        {cohort.members === 0 ? (
          <p>
            Share the cohort’s invite link from the <Link href="/instructor/cohorts" className={link}>cohorts page</Link>. Results per
            problem appear once at least {minGroup} members have each finished an interview on it.
          </p>
        ) : (
          <>
            <p>
              With {plural(cohort.members, "member")}, any figure per problem would point at one person, so this page shows
              only cohort-wide counts until the cohort has at least {minGroup} members.
            </p>
            <dl className="grid max-w-xs grid-cols-[1fr_auto] gap-x-6 gap-y-1" data-testid="cohort-totals">
              <dt>Finished interviews</dt>
              <dd className="text-right font-semibold">{totals.finishedInterviews}</dd>
              <dt>Problems practised</dt>
              <dd className="text-right font-semibold">{totals.problemsPractised}</dd>
            </dl>
          </>
        )}
      </Empty>
    );
  }
  if (problems.length === 0) {
    return (
      <Empty title="No finished interviews yet">
        <p>
          None of the {plural(cohort.members, "member")} has finished an interview on a practice problem since joining. An
          interview counts once a candidate finishes every stage or gives up and opens the reference design.
        </p>
      </Empty>
    );
  }
  return (
    <div className="space-y-8" data-testid="cohort-practice">
      {problems.map((p) => (
        <section key={p.slug} aria-labelledby={`problem-${p.slug}`} className={box} data-testid="cohort-problem">
          <h2 id={`problem-${p.slug}`} className="text-xl font-semibold">
            {p.title}
          </h2>
          {p.breakdown ? (
            <Breakdown slug={p.slug} b={p.breakdown} />
          ) : (
            <p className="mt-2 text-slate-700 dark:text-slate-300" data-testid="problem-suppressed">
              {plural(p.candidates, "member")} finished an interview on this problem. The breakdown appears once {minGroup} have,
              so no one’s work can be singled out.
            </p>
          )}
        </section>
      ))}
    </div>
  );
}

function Breakdown({ slug, b }: { slug: string; b: ProblemBreakdown }) {
  const peak = Math.max(1, ...b.distribution.map((d) => d.count));
  return (
    <>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        {plural(b.candidates, "member")} finished an interview; {plural(b.scored, "design")} scored
        {b.meanScore !== null ? `: mean ${b.meanScore} points, median ${b.medianScore} points out of 100.` : "."}
      </p>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <table className="w-full" data-testid="score-distribution">
          <caption className="mb-1 text-left font-semibold">Design scores</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>Score band</th>
              <th scope="col" className={`${th} w-1/2`}><span className="sr-only">Bar</span></th>
              <th scope="col" className={`${th} text-right`}>Designs</th>
            </tr>
          </thead>
          <tbody>
            {[...b.distribution].reverse().map((d) => (
              <tr key={d.from}>
                <th scope="row" className={`${td} font-normal whitespace-nowrap`}>{d.from}–{d.to} points</th>
                <td className={td}><Bar percent={(d.count / peak) * 100} tone="neutral" /></td>
                <td className={`${td} text-right tabular-nums`}>{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="w-full" data-testid="checklist-failures">
          <caption className="mb-1 text-left font-semibold">Network design checklist: how often each item failed</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>Item</th>
              <th scope="col" className={`${th} w-1/4`}><span className="sr-only">Bar</span></th>
              <th scope="col" className={`${th} text-right`}>Failed in</th>
            </tr>
          </thead>
          <tbody>
            {b.checklist.length === 0 ? (
              <tr>
                <td colSpan={3} className={td}>No checklist item applied to these designs.</td>
              </tr>
            ) : (
              b.checklist.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className={`${td} font-normal`}>
                    {c.href ? <Link href={c.href} className={link}>{c.title}</Link> : c.title}
                  </th>
                  <td className={td}><Bar percent={c.failed.percent} tone="bad" /></td>
                  <td className={`${td} text-right whitespace-nowrap tabular-nums`}>{rateText(c.failed)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        <table className="w-full" data-testid="follow-up-rates">
          <caption className="mb-1 text-left font-semibold">Follow-up rounds: how many designs held</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>Round</th>
              <th scope="col" className={`${th} text-right`}>First answer passed</th>
              <th scope="col" className={`${th} text-right`}>Passed after changes</th>
            </tr>
          </thead>
          <tbody>
            {b.followUps.map((f) => (
              <tr key={f.key}>
                <th scope="row" className={`${td} font-normal`}>{f.title}</th>
                <td className={`${td} text-right whitespace-nowrap tabular-nums`}>{f.passedFirst.of ? rateText(f.passedFirst) : "not answered"}</td>
                <td className={`${td} text-right whitespace-nowrap tabular-nums`}>{f.passedEnd.of ? rateText(f.passedEnd) : "not answered"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div data-testid="missing-components">
          <h3 id={`missing-${slug}`} className="mb-1 font-semibold">Reference components most often missing</h3>
          {b.missing.length === 0 ? (
            <p className="text-sm">Every scored design had a counterpart for each component of the reference.</p>
          ) : (
            <ul aria-labelledby={`missing-${slug}`} className="space-y-1.5">
              {b.missing.slice(0, 8).map((m) => (
                <li key={m.component} className="grid grid-cols-[minmax(0,1fr)_6rem_auto] items-center gap-2 text-sm">
                  <span>{m.component}</span>
                  <Bar percent={m.missed.percent} tone="bad" />
                  <span className="whitespace-nowrap text-right tabular-nums">missing in {rateText(m.missed)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </>
  );
}
