import type { Metadata } from "next";
import Link from "next/link";
import { PageShell } from "@/components/layout/page-shell";
import { Badge, type Tone } from "@/components/ui/badge";
import { getActor } from "@/lib/server/kernel/auth";
import { listProblems } from "@/lib/server/designs/problems";
import { bestScoresByProblem } from "@/lib/server/designs/service";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = { title: "Practice" };
export const dynamic = "force-dynamic";

const DIFFICULTY_TONE = { easy: "success", medium: "warning", hard: "danger" } as const satisfies Record<string, Tone>;

export default async function PracticePage() {
  const [problems, user] = await Promise.all([listProblems(), getActor()]);
  const best = user ? await bestScoresByProblem(user.id) : {};
  return (
    <PageShell
      title="Practice"
      lead="Pick a problem, sketch the architecture on the canvas and get an explained score: latency, availability, capacity and what to fix."
    >
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Want a blank canvas instead? Open the{" "}
        <Link href="/practice/sandbox" className={linkClass("strong")}>
          sandbox
        </Link>
        {user ? (
          <>
            {" "}
            or go to{" "}
            <Link href="/designs" className={linkClass("strong")}>
              my designs
            </Link>
          </>
        ) : null}
        .
      </p>
      <ul className="grid gap-4 sm:grid-cols-2" aria-label="Practice problems">
        {problems.map((p) => {
          const score = best[p.slug];
          return (
            <li key={p.slug} className="flex flex-col rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <div className="flex items-start gap-2">
                <h2 className="text-lg font-semibold">
                  <Link href={`/practice/${p.slug}`} className={linkClass("title")}>
                    {p.title}
                  </Link>
                </h2>
                <Badge tone={DIFFICULTY_TONE[p.difficulty]} className="ml-auto">
                  {p.difficulty}
                </Badge>
              </div>
              <p className="mt-1 flex-1 text-sm text-slate-700 dark:text-slate-300">{p.summary}</p>
              <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
                {p.rps.toLocaleString("en-US")} req/s · p99 under {p.p99Ms} ms
                {user ? (
                  <span className="ml-2 font-semibold text-slate-900 dark:text-slate-100" data-testid={`best-${p.slug}`}>
                    {score !== undefined ? `My best: ${score}/100` : "Not scored yet"}
                  </span>
                ) : null}
              </p>
            </li>
          );
        })}
      </ul>
      {problems.length === 0 ? <p>No practice problems are loaded. Run npm run db:seed to load them.</p> : null}
    </PageShell>
  );
}
