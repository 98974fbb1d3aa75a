import type { Metadata } from "next";
import { JoinCohortPanel, LeaveCohortButton } from "@/components/instructor/join-cohort-panel";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { getInvite, myCohorts } from "@/lib/server/instructor/cohorts";
import { formatDay } from "@/lib/core/util/format";

export const metadata: Metadata = { title: "Join a cohort" };

export default async function JoinCohortPage({ params }: { params: Promise<{ token: string }> }) {
  const user = await requirePageRole("candidate");
  const { token } = await params;
  const invite = await getInvite(user, token);
  const mine = await myCohorts(user);
  return (
    <PageShell title={invite ? `Cohort “${invite.name}”` : "Invite link not valid"}>
      {invite ? (
        <div className="max-w-2xl space-y-4">
          <p className="text-slate-700 dark:text-slate-300">
            Run by {invite.owner}, {invite.members} member{invite.members === 1 ? "" : "s"}. Members&apos; quiz results count
            toward the instructor&apos;s question statistics, only ever as totals and averages: nobody sees your individual answers.
          </p>
          {invite.isOwner ? (
            <p>You run this cohort; share this page&apos;s address with your candidates.</p>
          ) : (
            <JoinCohortPanel token={token} cohortId={invite.id} name={invite.name} isMember={invite.isMember} />
          )}
        </div>
      ) : (
        <p className="max-w-2xl text-slate-700 dark:text-slate-300">
          This invite link does not lead to a cohort any more. It may have been replaced by a newer one; ask your instructor for the current link.
        </p>
      )}
      {mine.length > 0 ? (
        <section aria-labelledby="my-cohorts" className="mt-10 max-w-2xl">
          <h2 id="my-cohorts" className="text-lg font-semibold">Your cohorts</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {mine.map((c) => (
              <li key={c.id}>
                {c.name} (run by {c.owner}), joined {formatDay(c.joinedAt)}
                <LeaveCohortButton cohortId={c.id} name={c.name} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </PageShell>
  );
}
