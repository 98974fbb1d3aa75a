import type { Metadata } from "next";
import Link from "next/link";
import { PageShell } from "@/components/layout/page-shell";
import { Badge } from "@/components/ui/badge";
import { DesignActions } from "@/components/practice/pages/design-actions";
import { formatMs } from "@/lib/core/canvas/result-format";
import { LocalTime } from "@/components/ui/local-time";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { listDesigns } from "@/lib/server/designs/service";
import { linkClass } from "@/components/ui/link";

export const metadata: Metadata = { title: "My designs" };
export const dynamic = "force-dynamic";

export default async function DesignsPage() {
  const user = await requirePageRole("candidate");
  const designs = await listDesigns(user.id);
  return (
    <PageShell title="My designs" lead="Every design you saved, with its latest score. Open one to keep working, compare evaluations or share it.">
      {designs.length === 0 ? (
        <p>
          You have no saved designs yet.{" "}
          <Link href="/practice" className={linkClass("strong")}>
            Pick a practice problem
          </Link>{" "}
          to start one.
        </p>
      ) : (
        <ul className="space-y-3" aria-label="My designs" data-testid="design-list">
          {designs.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
                <h2 className="text-lg font-semibold">
                  <Link href={`/designs/${d.id}`} className={linkClass("title")}>
                    {d.name}
                  </Link>
                </h2>
                {d.lockedAt ? (
                  <Badge>mock interview, locked</Badge>
                ) : d.mockDeadline ? (
                  <Badge tone="warning">mock interview in progress</Badge>
                ) : d.whatIf ? (
                  <Badge tone="info">what-if copy, never counts</Badge>
                ) : null}
                <p className="ml-auto text-sm tabular-nums">
                  {d.latest ? (
                    <>
                      Latest score <strong>{d.latest.score}/100</strong> ({d.latest.grade}) · p99 {formatMs(d.latest.p99Ms)}
                    </>
                  ) : (
                    <span className="text-slate-600 dark:text-slate-400">Not evaluated yet</span>
                  )}
                </p>
              </div>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                {d.problemTitle ? <>Problem: {d.problemTitle} · </> : null}
                {d.evaluationCount} evaluation{d.evaluationCount === 1 ? "" : "s"} · updated <LocalTime at={d.updatedAt} />
              </p>
              <div className="mt-3">
                <DesignActions designId={d.id} name={d.name} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </PageShell>
  );
}
