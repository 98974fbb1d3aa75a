import "server-only";
import { db } from "@/lib/server/kernel/db";
import { z } from "zod";
import { structuralDiff } from "@/lib/core/canvas/diff";
import { readStoredDocument } from "@/lib/schemas/design";
import { readStoredResult } from "@/lib/schemas/evaluation-result";
import { getProblem, listProblems } from "@/lib/server/designs/problems";
import { AppError } from "@/lib/server/kernel/errors";
import { problemBreakdown, type CandidateOutcome, type ProblemBreakdown } from "./cohort-practice-core";
import { assertInstructor, type Actor } from "./gate";
import { MIN_GROUP } from "./stats";

export type CohortPracticeReport = {
  cohort: { id: string; name: string; members: number };
  /** Cohort-wide counts, shown at any size. */
  totals: { finishedInterviews: number; problemsPractised: number };
  /** Null for a cohort under MIN_GROUP members: then only `totals` is shown. */
  problems: { slug: string; title: string; candidates: number; breakdown: ProblemBreakdown | null }[] | null;
  minGroup: number;
};

/**
 * Practice results of a cohort, per problem, from each member's last finished interview on it (finished or given
 * up, while a member, never a what-if copy). Only the cohort's own instructor may see it; another instructor's
 * cohort reads as missing so ids cannot be probed. A cohort under MIN_GROUP members gets cohort-wide counts only,
 * and a problem finished by fewer than MIN_GROUP members gets only its count: nothing that pins one person.
 */
// The design stage's stored feedback names the evaluation it scored; parsed, as all stored JSON is.
const designFeedbackSchema = z.object({ evaluationId: z.string() });
const evaluationIdOf = (feedback: unknown): string | null => designFeedbackSchema.safeParse(feedback).data?.evaluationId ?? null;

export async function loadCohortPractice(actor: Actor, cohortId: string): Promise<CohortPracticeReport> {
  assertInstructor(actor);
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: { id: true, name: true, ownerId: true, members: { select: { userId: true, joinedAt: true } } },
  });
  if (!cohort || cohort.ownerId !== actor.id) throw new AppError(404, "No such cohort.");
  const joined = new Map(cohort.members.map((m) => [m.userId, m.joinedAt]));
  const designs = await db.design.findMany({
    where: { userId: { in: [...joined.keys()] }, problemId: { not: null }, whatIf: false, closedAt: { not: null } },
    orderBy: { closedAt: "desc" },
    select: { userId: true, problemId: true, closedAt: true, data: true, stages: { orderBy: { createdAt: "asc" }, select: { stage: true, round: true, passed: true, score: true, feedback: true } } },
  });
  // Only what members did while they were members; each member's last finished interview per problem.
  const latest = new Map<string, (typeof designs)[number]>();
  for (const d of designs) {
    if (d.closedAt! < joined.get(d.userId)!) continue;
    const key = `${d.problemId}\u0000${d.userId}`;
    if (!latest.has(key)) latest.set(key, d);
  }
  const byProblem = new Map<string, (typeof designs)[number][]>();
  for (const d of latest.values()) byProblem.set(d.problemId!, [...(byProblem.get(d.problemId!) ?? []), d]);

  const base = {
    cohort: { id: cohort.id, name: cohort.name, members: cohort.members.length },
    totals: { finishedInterviews: latest.size, problemsPractised: byProblem.size },
    minGroup: MIN_GROUP,
  };
  if (cohort.members.length < MIN_GROUP) return { ...base, problems: null };

  const evaluationIds = [...latest.values()].flatMap((d) => {
    const row = d.stages.filter((s) => s.stage === "design").at(-1);
    const id = evaluationIdOf(row?.feedback);
    return id === null ? [] : [id];
  });
  const evaluations = new Map(
    (await db.evaluation.findMany({ where: { id: { in: evaluationIds } }, select: { id: true, result: true, document: true, modelVersion: true } })).map((e) => [e.id, e]),
  );

  const problems: NonNullable<CohortPracticeReport["problems"]> = [];
  for (const item of await listProblems()) {
    const group = byProblem.get(item.slug);
    if (!group) continue;
    if (group.length < MIN_GROUP) {
      problems.push({ slug: item.slug, title: item.title, candidates: group.length, breakdown: null });
      continue;
    }
    const problem = await getProblem(item.slug);
    if (!problem) continue;
    const reference = readStoredDocument(problem.reference);
    if (!reference.ok) continue;
    const outcomes: CandidateOutcome[] = group.map((d) => {
      const designRow = d.stages.filter((s) => s.stage === "design").at(-1);
      const evaluation = evaluations.get(evaluationIdOf(designRow?.feedback) ?? "");
      // A result stored by a model whose shape no longer reads leaves the checklist unknown rather than guessed.
      const stored = evaluation ? readStoredResult(evaluation.result, evaluation.modelVersion) : null;
      const result = stored?.ok ? stored.result : undefined;
      // The design as scored in the design stage; follow-up fixes change it later, but the stage is what is compared.
      const scored = readStoredDocument(evaluation?.document ?? d.data);
      const missing = designRow && scored.ok
        ? structuralDiff(scored.document, reference.document, () => null).items.filter((i) => i.kind === "missing-node").map((i) => i.subject)
        : null;
      return {
        designScore: designRow ? designRow.score : null,
        checklist: designRow && result ? result.checklist.map((c) => ({ id: c.id, status: c.status })) : null,
        followUps: problem.followUps.flatMap((f) => {
          const attempts = d.stages.filter((s) => s.stage === "followup" && s.round === f.key);
          return attempts.length ? [{ key: f.key, firstPassed: attempts[0]!.passed, lastPassed: attempts.at(-1)!.passed }] : [];
        }),
        missing,
      };
    });
    problems.push({
      slug: item.slug,
      title: item.title,
      candidates: group.length,
      breakdown: problemBreakdown(outcomes, problem.followUps.map((f) => ({ key: f.key, title: f.title }))),
    });
  }
  return { ...base, problems };
}
