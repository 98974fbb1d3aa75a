import "server-only";
import { db } from "@/lib/server/kernel/db";
import { DEFAULT_SEED, validateDesign, type EvaluationResult, type ValidationError } from "@/lib/core/evaluator";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  applyFollowUp,
  describeChange,
  judgeFollowUp,
  scoreEstimates,
  scoreRequirements,
  type Stage,
} from "@/lib/core/canvas/interview";
import { componentNames } from "@/lib/core/canvas/kinds";
import { applyRubric, type RubricOutcome } from "@/lib/core/canvas/rubric";
import { scenarioViolations } from "@/lib/core/canvas/scenario-lock";
import {
  estimatesFeedbackSchema,
  interviewViewSchema,
  referenceComparisonSchema,
  type EstimatesFeedback,
  type FollowUpFeedback,
  type InterviewView,
  type ReferenceComparison,
  type RequirementsFeedback,
  type Submission,
} from "@/lib/schemas/interview-view";
import { designSchema } from "@/lib/schemas/design";
import { ESTIMATE_FIELDS, ESTIMATE_KEYS, type EstimatesInput, type RequirementsInput } from "@/lib/schemas/interview";
import type { Problem } from "@/lib/schemas/problem";
import { getProblemForDesign } from "@/lib/server/designs/problems";
import { recordDrill } from "@/lib/server/designs/drills";
import { DesignError, evaluateAndStore } from "@/lib/server/designs/service";
import { compareInPool, EVALUATION_LIMITS, evaluateInPool } from "@/lib/server/evaluation/pool";

// The interview on a problem's design, stage by stage: requirements → estimates → design → follow-up rounds,
// then the reference comparison. Every submission is scored here and stored as one InterviewStage row.

const json = (v: unknown) => v as Prisma.InputJsonValue;

type Tx = Prisma.TransactionClient;

/** 400 naming the design's first problem. */
const invalidDocument = (errors: ValidationError[]) =>
  new DesignError(400, `document: ${errors[0]?.path ?? ""} ${errors[0]?.message ?? "is not valid"}`.trim());

/** Locks the design row and returns it with its problem, after the checks every stage shares. */
async function openDesign(tx: Tx, userId: string, designId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM designs WHERE id = ${designId} AND user_id = ${userId} FOR UPDATE`;
  if (rows.length === 0) throw new DesignError(404, "No such design.");
  const design = await tx.design.findUniqueOrThrow({ where: { id: designId } });
  if (!design.problemId) throw new DesignError(400, "designId: this design does not belong to a practice problem");
  if (design.whatIf) throw new DesignError(400, "designId: a what-if copy has no interview; use the original design");
  const problem = await getProblemForDesign(design);
  if (!problem) throw new DesignError(404, "No such problem.");
  if (design.closedAt) throw new DesignError(409, "This interview is over; open the reference comparison or start a new design.");
  if (design.lockedAt) throw new DesignError(409, "This design is locked: the mock interview is over.");
  return { design, problem };
}

async function latest(tx: Tx, designId: string, stage: Stage, round = "") {
  return tx.interviewStage.findFirst({ where: { designId, stage, round }, orderBy: { createdAt: "desc" } });
}

async function requireDone(tx: Tx, designId: string, stage: Stage, message: string) {
  if (!(await latest(tx, designId, stage))) throw new DesignError(409, message);
}

export async function submitRequirements(userId: string, input: RequirementsInput): Promise<Submission<RequirementsFeedback>> {
  return db.$transaction(async (tx) => {
    const { problem } = await openDesign(tx, userId, input.designId);
    if (await latest(tx, input.designId, "requirements")) throw new DesignError(409, "The requirements are already answered; their feedback is shown below.");
    const scored = scoreRequirements(problem.requirements, input.picks);
    if ("error" in scored) throw new DesignError(400, scored.error);
    const row = await tx.interviewStage.create({
      data: { designId: input.designId, stage: "requirements", answer: json(input.picks), feedback: json(scored.feedback), score: scored.score, maxScore: scored.maxScore, passed: scored.passed },
    });
    return { ...scored, createdAt: row.createdAt.toISOString() };
  });
}

export async function submitEstimates(userId: string, input: EstimatesInput): Promise<Submission<EstimatesFeedback>> {
  return db.$transaction(async (tx) => {
    const { problem } = await openDesign(tx, userId, input.designId);
    await requireDone(tx, input.designId, "requirements", "Answer the requirements first: estimates follow from them.");
    if (await latest(tx, input.designId, "estimates")) throw new DesignError(409, "The estimates are already answered; the worked calculation is shown below.");
    const scored = scoreEstimates(problem.estimates, input.values);
    const row = await tx.interviewStage.create({
      data: { designId: input.designId, stage: "estimates", answer: json(input.values), feedback: json(scored.feedback), score: scored.score, maxScore: scored.maxScore, passed: scored.passed },
    });
    return { ...scored, createdAt: row.createdAt.toISOString() };
  });
}

/** Submits the saved design as the design stage: it is evaluated and stored like any evaluation. May be repeated until the follow-ups start. */
export async function submitDesignStage(userId: string, designId: string): Promise<Submission<{ evaluationId: string; grade: string; rubric: RubricOutcome }>> {
  await db.$transaction(async (tx) => {
    await openDesign(tx, userId, designId);
    await requireDone(tx, designId, "estimates", "Give your estimates first: the design should be sized by them.");
    if (await tx.interviewStage.findFirst({ where: { designId, stage: "followup" } })) {
      throw new DesignError(409, "The follow-up rounds have started: change the design inside the current round instead.");
    }
  });
  const outcome = await evaluateAndStore(userId, designId);
  if (!outcome.ok) throw invalidDocument(outcome.errors);
  const { evaluation } = outcome;
  // The problem's rubric (weights, required checklist items) comes from the stored problem version only.
  const problem = await problemOf(userId, designId);
  const rubric = applyRubric(evaluation.result, problem.rubric);
  const passed = evaluation.result.findings.every((f) => f.id !== "no-backend") && rubric.requiredMet;
  const feedback = { evaluationId: evaluation.id, grade: rubric.grade, rubric };
  const row = await db.interviewStage.create({
    data: { designId, stage: "design", answer: json({ evaluationId: evaluation.id }), feedback: json(feedback), score: rubric.score, maxScore: 100, passed },
  });
  return { score: rubric.score, maxScore: 100, passed, feedback, createdAt: row.createdAt.toISOString() };
}

async function problemOf(userId: string, designId: string): Promise<Problem> {
  const design = await db.design.findFirst({ where: { id: designId, userId } });
  const problem = design ? await getProblemForDesign(design) : null;
  if (!problem) throw new DesignError(404, "No such problem.");
  return problem;
}

/** Scores in the evaluator pool (off the event loop, with its size limits and time budget). */
async function evaluateOrThrow(userId: string, doc: unknown): Promise<EvaluationResult> {
  const outcome = await evaluateInPool(doc, { owner: userId, seed: DEFAULT_SEED });
  if (!outcome.ok) throw invalidDocument(outcome.errors);
  return outcome.result;
}

/**
 * Answers a follow-up round with the design as it is saved now: the round's change of scenario is applied to the
 * candidate's own design and both versions are evaluated. Rounds go in order: the current round may be answered
 * again (after changing the design), the next one opens once the current one has an answer; any other → 400.
 */
export async function submitFollowUp(userId: string, designId: string, round: string): Promise<Submission<FollowUpFeedback> & { round: string }> {
  return db.$transaction(async (tx) => {
    const { design, problem } = await openDesign(tx, userId, designId);
    await requireDone(tx, designId, "design", "Submit your design first: the follow-up rounds change its scenario.");
    const index = problem.followUps.findIndex((f) => f.key === round);
    if (index < 0) throw new DesignError(400, "round: not a follow-up round of this problem");
    const answered = await tx.interviewStage.findMany({ where: { designId, stage: "followup" }, select: { round: true } });
    const opened = new Set(answered.map((a) => a.round));
    const current = problem.followUps.reduce((last, f, i) => (opened.has(f.key) ? i : last), -1);
    const allowed = current < 0 ? [0] : [current, current + 1];
    if (!allowed.includes(index)) {
      const now = problem.followUps[Math.max(0, current)];
      throw new DesignError(400, `round: this is not the current round; the current round is “${now?.title ?? ""}”`);
    }
    const followUp = problem.followUps[index]!;
    const checked = validateDesign(design.data);
    if (!checked.ok) throw invalidDocument(checked.errors);
    const doc = checked.design;
    const [violation] = scenarioViolations(problem, doc);
    if (violation) throw new DesignError(400, violation.message);
    const before = await evaluateOrThrow(userId, doc);
    const after = await evaluateOrThrow(userId, applyFollowUp(doc, followUp.change));
    const names = componentNames(doc.nodes);
    const judged = judgeFollowUp(followUp, problem.scenario.targets, before, after, (id) => names.get(id) ?? "a component");
    const rubric = applyRubric(after, problem.rubric);
    const feedback: FollowUpFeedback = { ...judged, passed: judged.passed && rubric.requiredMet, rubric };
    const row = await tx.interviewStage.create({
      data: { designId, stage: "followup", round, answer: json({ document: doc }), feedback: json(feedback), score: rubric.score, maxScore: 100, passed: feedback.passed },
    });
    return { round, score: rubric.score, maxScore: 100, passed: feedback.passed, feedback, createdAt: row.createdAt.toISOString() };
    // Two evaluations wait for the pool inside this transaction; its timeout allows for the pool's wait and budget.
  }, { timeout: 2 * (EVALUATION_LIMITS.queueWaitMs + EVALUATION_LIMITS.timeoutMs) + 5_000 });
}

/** Ends the interview: after every stage (finish) or at any point (give up). The reference comparison opens. */
export async function finishInterview(userId: string, designId: string, giveUp: boolean, now = new Date()): Promise<{ closedAt: string; gaveUp: boolean }> {
  return db.$transaction(async (tx) => {
    const { design, problem } = await openDesign(tx, userId, designId);
    if (!giveUp) {
      const rounds = await tx.interviewStage.findMany({ where: { designId, stage: "followup" }, select: { round: true } });
      const answered = new Set(rounds.map((r) => r.round));
      const open = problem.followUps.filter((f) => !answered.has(f.key));
      if (open.length) throw new DesignError(409, `Answer every follow-up round first (${open.length} left), or give up to see the reference.`);
    }
    await tx.design.update({ where: { id: designId }, data: { closedAt: now, gaveUp: giveUp } });
    // A finished interview schedules its redesign drill (lib/server/designs/drills.ts).
    await recordDrill(tx, userId, { id: designId, problemId: problem.slug, drillStage: design.drillStage }, problem, now);
    return { closedAt: now.toISOString(), gaveUp: giveUp };
  });
}

/** A stored stage as the view holds it; its feedback is checked when the whole view is parsed. */
function submission(row: { score: number; maxScore: number; passed: boolean; feedback: Prisma.JsonValue; createdAt: Date }) {
  return { score: row.score, maxScore: row.maxScore, passed: row.passed, feedback: row.feedback, createdAt: row.createdAt.toISOString() };
}

/** The interview's state for the page: what is answered, with feedback, and what comes next. Never the answers of unanswered stages. */
export async function getInterview(userId: string, designId: string, problem: Problem): Promise<InterviewView | null> {
  const design = await db.design.findFirst({ where: { id: designId, userId }, select: { id: true, closedAt: true, gaveUp: true, whatIf: true } });
  if (!design || design.whatIf) return null;
  const rows = await db.interviewStage.findMany({ where: { designId }, orderBy: { createdAt: "asc" } });
  const last = (stage: Stage) => rows.filter((r) => r.stage === stage).at(-1) ?? null;
  const req = last("requirements");
  const est = last("estimates");
  const des = last("design");
  const rounds = problem.followUps.map((f) => {
    const attempts = rows.filter((r) => r.stage === "followup" && r.round === f.key).map(submission);
    return { key: f.key, title: f.title, prompt: f.prompt, changes: describeChange(f.change), attempts, advice: attempts.length ? { text: f.advice, href: f.href } : null };
  });
  const current = des ? rounds.reduce((lastIndex, r, i) => (r.attempts.length ? i : lastIndex), 0) : null;
  const allAnswered = rounds.every((r) => r.attempts.length > 0);
  const next: InterviewView["next"] = design.closedAt ? "closed" : !req ? "requirements" : !est ? "estimates" : !des ? "design" : allAnswered ? "finish" : "followup";
  // Parsed on the way out: stored feedback is checked against the view's schema, never cast.
  return interviewViewSchema.parse({
    requirements: { options: problem.requirements.map((o) => ({ key: o.key, text: o.text, kind: o.kind })), submitted: req ? submission(req) : null },
    estimates: {
      facts: problem.estimates.facts,
      fields: ESTIMATE_KEYS.map((k) => ({ key: k, label: ESTIMATE_FIELDS[k].label, unit: ESTIMATE_FIELDS[k].unit })),
      submitted: est ? { ...submission(est), feedback: { ...estimatesFeedbackSchema.parse(est.feedback), values: est.answer } } : null,
    },
    design: { submitted: des ? submission(des) : null },
    followUps: { rounds, current },
    closedAt: design.closedAt?.toISOString() ?? null,
    gaveUp: design.gaveUp,
    next,
  });
}

/**
 * The reference design beside the candidate's, with the structural diff: only once the interview is over
 * (finished or given up), so the reference never reaches the browser while it could still be copied.
 */
export async function getReferenceComparison(userId: string, designId: string): Promise<ReferenceComparison | null> {
  const design = await db.design.findFirst({ where: { id: designId, userId } });
  if (!design?.problemId || !design.closedAt) return null;
  const problem = await getProblemForDesign(design);
  if (!problem) return null;
  const reference = designSchema.parse(problem.reference);
  // A design saved after its last evaluation may no longer be valid: there is nothing to compare then.
  const candidate = designSchema.safeParse(design.data);
  if (!candidate.success) return null;
  // Off the request thread, under the per-user cap and time budget like every evaluation: the diff scores the
  // reference once per difference, which for a large design is seconds of CPU.
  const compared = await compareInPool(candidate.data, reference, { owner: userId, seed: DEFAULT_SEED });
  if (!compared) return null;
  return referenceComparisonSchema.parse({ reference, candidate: candidate.data, ...compared, gaveUp: design.gaveUp });
}
