import type { Metadata } from "next";
import { IntentLink } from "@/components/ui/intent-link";
import { notFound } from "next/navigation";
import { InterviewPanel, StartInterview } from "@/components/practice/interview/interview-panel";
import { DesignWorkspace } from "@/components/practice/pages/design-workspace";
import { MockStart } from "@/components/practice/pages/mock-start";
import { getActor } from "@/lib/server/kernel/auth";
import type { Design } from "@/lib/schemas/design";
import { toProblemBrief } from "@/lib/server/designs/brief";
import { getInterview } from "@/lib/server/designs/interview";
import { getProblem } from "@/lib/server/designs/problems";
import { getDesign, latestWorkingDesignId } from "@/lib/server/designs/service";
import { linkClass } from "@/components/ui/link";
import { layoutOf } from "@/lib/core/canvas/auto-layout";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ problem: string }>; searchParams: Promise<{ design?: string | string[]; new?: string | string[] }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const problem = await getProblem((await params).problem);
  return { title: problem ? `${problem.title} · Practice` : "Practice" };
}

export default async function ProblemPage({ params, searchParams }: Params) {
  const { problem: slug } = await params;
  const query = await searchParams;
  const problem = await getProblem(slug);
  if (!problem) notFound();
  const user = await getActor();

  // Signed in: continue the requested design, else the last one worked on for this problem, unless ?new=1.
  let design = null;
  if (user) {
    const requested = typeof query.design === "string" ? query.design : null;
    const id = requested ?? (query.new === "1" ? null : await latestWorkingDesignId(user.id, slug));
    if (id) {
      design = await getDesign(user.id, id);
      if (requested && (!design || design.problemId !== slug)) notFound();
    }
  }

  const interview = user && design && !design.whatIf && !design.mockDeadline ? await getInterview(user.id, design.id, problem) : null;
  // Requirements are the first stage: the brief keeps its own list back until they are answered.
  const hideRequirements = interview !== null && interview.requirements.submitted === null && interview.closedAt === null;
  const initialDocument = (design?.document ?? problem.starter) as Design;
  const signInHref = `/sign-in?callbackUrl=${encodeURIComponent(`/practice/${slug}`)}`;
  return (
    <div className="mx-auto max-w-[110rem] px-4 py-6">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <div>
          <p className="text-sm">
            <IntentLink href="/practice" className={linkClass()}>
              Practice
            </IntentLink>
          </p>
          <h1 className="text-2xl font-bold tracking-tight">{problem.title}</h1>
          <p className="mt-1 max-w-3xl text-slate-600 dark:text-slate-400">{problem.summary}</p>
        </div>
        <div className="ml-auto flex flex-wrap items-end gap-4">
          {design ? (
            <IntentLink href={`/practice/${slug}?new=1`} className={linkClass("default", "text-sm")}>
              Start a new design from the starter
            </IntentLink>
          ) : null}
          <MockStart problemId={slug} signedIn={user !== null} signInHref={signInHref} />
        </div>
      </div>
      {user && !design?.whatIf && !design?.mockDeadline ? (
        <div className="mt-4">
          {design && interview ? (
            <InterviewPanel designId={design.id} interview={interview} />
          ) : (
            <StartInterview problemSlug={slug} title={problem.title} starter={problem.starter as Design} />
          )}
        </div>
      ) : null}
      <div className="mt-4">
        <DesignWorkspace
          key={design?.id ?? "new"}
          problem={toProblemBrief(problem, { hideRequirements })}
          initialDocument={initialDocument}
          initialLayout={layoutOf(initialDocument)}
          design={
            design
              ? { id: design.id, name: design.name, lockedAt: design.lockedAt, mockDeadline: design.mockDeadline, updatedAt: design.updatedAt, whatIf: design.whatIf }
              : null
          }
          signedIn={user !== null}
          latest={design?.latest ? { result: design.latest.result, document: design.latest.document } : null}
          latestId={design?.latest?.id ?? null}
          signInHref={signInHref}
        />
      </div>
    </div>
  );
}
