import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/server/kernel/db";
import { DEFAULT_SEED, validateDesign, type EvaluationResult, type ValidationError } from "@/lib/core/evaluator";
import type { Design as DesignDocument } from "@/lib/core/evaluator/schema";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EvaluationSummary } from "@/lib/schemas/evaluation-summary";
import type { CreateDesignInput } from "@/lib/schemas/design-record";
import { readStoredDocument } from "@/lib/schemas/design";
import { readStoredFigures, readStoredResult } from "@/lib/schemas/evaluation-result";
import { scenarioViolations } from "@/lib/core/canvas/scenario-lock";
import { getProblem, getProblemForDesign, publishedVersionOf } from "@/lib/server/designs/problems";
import { EVALUATION_LIMITS, evaluateInPool } from "@/lib/server/evaluation/pool";
import { AppError } from "@/lib/server/kernel/errors";

// Saved designs and their evaluations. Every function takes the caller's user id and only ever touches that
// user's rows: a design that belongs to someone else is reported exactly like one that does not exist.

/** An expected failure with the HTTP-style status the action reports. */
export class DesignError extends AppError {
  constructor(
    override readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(status, message);
  }
}

export type Invalid = { ok: false; errors: ValidationError[] };

export type StoredEvaluation = EvaluationSummary & { result: EvaluationResult; document: DesignDocument };

export type DesignView = {
  id: string;
  name: string;
  problemId: string | null;
  problemTitle: string | null;
  document: DesignDocument;
  createdAt: string;
  updatedAt: string;
  shareToken: string | null;
  mockStartedAt: string | null;
  mockDeadline: string | null;
  lockedAt: string | null;
  /** A what-if copy: may change the scenario, never counts. */
  whatIf: boolean;
  /** When the interview ended (finished or given up): the reference comparison is open from then on. */
  closedAt: string | null;
  gaveUp: boolean;
  latest: StoredEvaluation | null;
  /** Why the latest evaluation is not in `latest`: its result was stored by a model whose shape no longer reads. */
  latestNeedsRescore: string | null;
};

export type DesignListItem = {
  id: string;
  name: string;
  problemId: string | null;
  problemTitle: string | null;
  updatedAt: string;
  lockedAt: string | null;
  mockDeadline: string | null;
  whatIf: boolean;
  latest: EvaluationSummary | null;
  evaluationCount: number;
};

type Clock = { now?: Date };

const NOT_FOUND = "No such design.";

const evaluationRow = {
  id: true,
  createdAt: true,
  score: true,
  grade: true,
  modelVersion: true,
  seed: true,
  result: true,
  document: true,
} as const;

type EvaluationRow = {
  id: string;
  createdAt: Date;
  score: number;
  grade: string;
  modelVersion: string;
  seed: number;
  result: Prisma.JsonValue;
  document: Prisma.JsonValue;
};

function summarize(row: Omit<EvaluationRow, "document">): EvaluationSummary {
  const figures = readStoredFigures(row.result);
  if (!figures) throw new DesignError(409, `evaluation ${row.id}: its stored result has no latency or availability figures`);
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    score: row.score,
    grade: row.grade,
    modelVersion: row.modelVersion,
    seed: row.seed,
    ...figures,
  };
}

/** A stored document, parsed: a row that no longer fits the design format is refused by field, never cast. */
function storedDocument(value: unknown): DesignDocument {
  const read = readStoredDocument(value);
  if (!read.ok) throw new DesignError(409, `${read.field}: the stored design no longer fits the design format`);
  return read.document;
}

/** A stored document that breaks the problem's scenario, or no longer parses at all, is not an honest score. */
function keepsScenario(problem: Parameters<typeof scenarioViolations>[0], value: unknown): boolean {
  const read = readStoredDocument(value);
  return read.ok && scenarioViolations(problem, read.document).length === 0;
}

/** The evaluation as stored, or why it needs a re-score (a result from a model whose shape no longer reads). */
function readStored(row: EvaluationRow): { ok: true; stored: StoredEvaluation } | { ok: false; reason: string } {
  const read = readStoredResult(row.result, row.modelVersion);
  if (!read.ok) return read;
  return { ok: true, stored: { ...summarize(row), result: read.result, document: storedDocument(row.document) } };
}

function toStored(row: EvaluationRow): StoredEvaluation {
  const read = readStored(row);
  if (!read.ok) throw new DesignError(409, read.reason);
  return read.stored;
}

/** The latest evaluation for a design page: one that needs a re-score is left out and said so, not thrown. */
function latestOf(row: EvaluationRow | null): { latest: StoredEvaluation | null; latestNeedsRescore: string | null } {
  if (!row) return { latest: null, latestNeedsRescore: null };
  const read = readStored(row);
  return read.ok ? { latest: read.stored, latestNeedsRescore: null } : { latest: null, latestNeedsRescore: read.reason };
}

const json = (value: unknown) => value as Prisma.InputJsonValue;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Validates a document for storage; the evaluator's own check, so the problem list is the evaluator's. */
export function checkDocument(document: unknown): { ok: true; design: DesignDocument } | Invalid {
  const checked = validateDesign(document);
  return checked.ok ? { ok: true, design: checked.design } : { ok: false, errors: checked.errors };
}

/**
 * A problem's design is scored under the problem's own scenario: a document that changes the load, the mix, the
 * user groups or the targets is refused (400, naming the field). What-if copies are exempt and never count.
 */
async function assertProblemScenario(
  problemId: string | null,
  whatIf: boolean,
  document: DesignDocument,
  problemVersion: number | null = null,
): Promise<void> {
  if (!problemId || whatIf) return;
  const problem = await getProblemForDesign({ problemId, problemVersion });
  if (!problem) return;
  const [first] = scenarioViolations(problem, document);
  if (first) throw new DesignError(400, first.message);
}

async function ownedDesign(userId: string, designId: string) {
  const design = await db.design.findFirst({ where: { id: designId, userId } });
  if (!design) throw new DesignError(404, NOT_FOUND);
  return design;
}

/** Whether the mock-interview clock has run out for this design (locked designs are always over). */
function mockExpired(design: { mockDeadline: Date | null }, now: Date): boolean {
  return design.mockDeadline !== null && now.getTime() >= design.mockDeadline.getTime();
}

export async function listDesigns(userId: string): Promise<DesignListItem[]> {
  const rows = await db.design.findMany({
    where: { userId },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      name: true,
      problemId: true,
      updatedAt: true,
      lockedAt: true,
      mockDeadline: true,
      whatIf: true,
      problem: { select: { title: true } },
      _count: { select: { evaluations: true } },
      evaluations: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, createdAt: true, score: true, grade: true, modelVersion: true, seed: true, result: true },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    problemId: r.problemId,
    problemTitle: r.problem?.title ?? null,
    updatedAt: r.updatedAt.toISOString(),
    lockedAt: iso(r.lockedAt),
    mockDeadline: iso(r.mockDeadline),
    whatIf: r.whatIf,
    latest: r.evaluations[0] ? summarize(r.evaluations[0]) : null,
    evaluationCount: r._count.evaluations,
  }));
}

/** The caller's design with its latest evaluation, or null (also for someone else's id). */
export async function getDesign(userId: string, designId: string, clock: Clock = {}): Promise<DesignView | null> {
  let design = await db.design.findFirst({ where: { id: designId, userId }, include: { problem: { select: { title: true } } } });
  if (!design) return null;
  if (!design.lockedAt && mockExpired(design, clock.now ?? new Date())) {
    await finishMock(userId, designId, clock);
    design = await db.design.findFirst({ where: { id: designId, userId }, include: { problem: { select: { title: true } } } });
    if (!design) return null;
  }
  const latest = await db.evaluation.findFirst({
    where: { designId },
    orderBy: { createdAt: "desc" },
    select: evaluationRow,
  });
  return {
    id: design.id,
    name: design.name,
    problemId: design.problemId,
    problemTitle: design.problem?.title ?? null,
    document: storedDocument(design.data),
    createdAt: design.createdAt.toISOString(),
    updatedAt: design.updatedAt.toISOString(),
    shareToken: design.shareToken,
    mockStartedAt: iso(design.mockStartedAt),
    mockDeadline: iso(design.mockDeadline),
    lockedAt: iso(design.lockedAt),
    whatIf: design.whatIf,
    closedAt: iso(design.closedAt),
    gaveUp: design.gaveUp,
    ...latestOf(latest),
  };
}

export async function createDesign(
  userId: string,
  input: CreateDesignInput,
): Promise<{ ok: true; id: string } | Invalid> {
  const checked = checkDocument(input.document);
  if (!checked.ok) return checked;
  const problemVersion = input.problemId ? await publishedVersionOf(input.problemId) : null;
  if (input.problemId && (problemVersion === null || !(await getProblem(input.problemId)))) throw new DesignError(400, "problemId: no such problem");
  await assertProblemScenario(input.problemId ?? null, false, checked.design, problemVersion);
  const created = await db.design.create({
    data: { userId, name: input.name, problemId: input.problemId ?? null, problemVersion, data: json(checked.design) },
    select: { id: true },
  });
  return { ok: true, id: created.id };
}

/** Autosave: replaces the document. Refused once the design is locked or its mock deadline has passed. */
export async function saveDesignDocument(
  userId: string,
  designId: string,
  document: unknown,
  clock: Clock = {},
): Promise<{ ok: true; updatedAt: string } | Invalid> {
  const design = await ownedDesign(userId, designId);
  if (design.lockedAt) throw new DesignError(409, "This design is locked: the mock interview is over.");
  if (mockExpired(design, clock.now ?? new Date())) {
    await finishMock(userId, designId, clock);
    throw new DesignError(409, "Time is up: the mock interview has ended and the design is now locked.");
  }
  const checked = checkDocument(document);
  if (!checked.ok) return checked;
  await assertProblemScenario(design.problemId, design.whatIf, checked.design, design.problemVersion);
  const updated = await db.design.update({ where: { id: designId }, data: { data: json(checked.design) }, select: { updatedAt: true } });
  return { ok: true, updatedAt: updated.updatedAt.toISOString() };
}

export async function renameDesign(userId: string, designId: string, name: string): Promise<{ id: string; name: string }> {
  await ownedDesign(userId, designId);
  await db.design.update({ where: { id: designId }, data: { name } });
  return { id: designId, name };
}

/** A fresh, editable copy (no evaluations, no share link, no mock clock). */
export async function duplicateDesign(userId: string, designId: string): Promise<{ id: string; name: string }> {
  const design = await ownedDesign(userId, designId);
  const name = `${design.name} (copy)`.slice(0, 200);
  const copy = await db.design.create({
    data: { userId, name, problemId: design.problemId, problemVersion: design.problemVersion, whatIf: design.whatIf, data: design.data ?? {} },
    select: { id: true },
  });
  return { id: copy.id, name };
}

/**
 * A "what if" copy: the same design, free to change the problem's scenario (ten times the load, other targets).
 * Its evaluations are stored like any other but never count toward best scores, mocks or interview stages.
 */
export async function createWhatIf(userId: string, designId: string): Promise<{ id: string; name: string }> {
  const design = await ownedDesign(userId, designId);
  if (!design.problemId) throw new DesignError(400, "designId: only a problem's design has a fixed scenario to explore");
  const name = `What if: ${design.name}`.slice(0, 200);
  const copy = await db.design.create({
    data: { userId, name, problemId: design.problemId, problemVersion: design.problemVersion, whatIf: true, data: design.data ?? {} },
    select: { id: true },
  });
  return { id: copy.id, name };
}

export async function deleteDesign(userId: string, designId: string): Promise<{ id: string }> {
  const { count } = await db.design.deleteMany({ where: { id: designId, userId } });
  if (count === 0) throw new DesignError(404, NOT_FOUND);
  return { id: designId };
}

export type EvaluateOutcome = { ok: true; evaluation: StoredEvaluation; previous: EvaluationSummary | null } | Invalid;

/**
 * Scores the design on the server and stores the evaluation with the exact document, result, model version
 * and seed. With a document, the design is saved first (same rules as autosave); both happen in one
 * transaction, so an invalid document leaves nothing behind.
 */
export async function evaluateAndStore(
  userId: string,
  designId: string,
  document?: unknown,
  clock: Clock = {},
): Promise<EvaluateOutcome> {
  const design = await ownedDesign(userId, designId);
  const now = clock.now ?? new Date();
  if (document !== undefined) {
    if (design.lockedAt) throw new DesignError(409, "This design is locked: the mock interview is over.");
    if (mockExpired(design, now)) {
      await finishMock(userId, designId, clock);
      throw new DesignError(409, "Time is up: the mock interview has ended and the design is now locked.");
    }
  }
  const source = document === undefined ? design.data : document;
  const outcome = await evaluateInPool(source, { owner: userId, seed: DEFAULT_SEED });
  if (!outcome.ok) return { ok: false, errors: outcome.errors };
  const checked = checkDocument(source);
  if (!checked.ok) return checked;
  await assertProblemScenario(design.problemId, design.whatIf, checked.design, design.problemVersion);
  const { result } = outcome;

  return db.$transaction(async (tx) => {
    const previous = await tx.evaluation.findFirst({
      where: { designId },
      orderBy: { createdAt: "desc" },
      select: { id: true, createdAt: true, score: true, grade: true, modelVersion: true, seed: true, result: true },
    });
    if (document !== undefined) await tx.design.update({ where: { id: designId }, data: { data: json(checked.design) } });
    else await tx.design.update({ where: { id: designId }, data: { updatedAt: now } });
    const row = await tx.evaluation.create({
      data: {
        designId,
        document: json(checked.design),
        result: json(result),
        score: result.score,
        grade: result.grade,
        modelVersion: result.modelVersion,
        seed: DEFAULT_SEED,
      },
      select: evaluationRow,
    });
    return { ok: true as const, evaluation: toStored(row), previous: previous ? summarize(previous) : null };
  });
}

export async function listEvaluations(userId: string, designId: string): Promise<EvaluationSummary[]> {
  await ownedDesign(userId, designId);
  const rows = await db.evaluation.findMany({
    where: { designId },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, score: true, grade: true, modelVersion: true, seed: true, result: true },
  });
  return rows.map(summarize);
}

/** One stored evaluation of one of the caller's designs, or null. */
export async function getEvaluation(userId: string, evaluationId: string): Promise<(StoredEvaluation & { designId: string }) | null> {
  const row = await db.evaluation.findFirst({
    where: { id: evaluationId, design: { userId } },
    select: { ...evaluationRow, designId: true },
  });
  return row ? { ...toStored(row), designId: row.designId } : null;
}

/**
 * Scores an old evaluation's exact document again with the current model (and its stored seed). Nothing is
 * stored: the stored evaluation stays as history and the fresh result is shown beside it. A stored result that
 * no longer reads is refused (409, saying it needs a re-score) before anything is scored.
 */
export async function rescoreEvaluation(
  userId: string,
  evaluationId: string,
): Promise<{ ok: true; stored: StoredEvaluation; current: EvaluationResult } | Invalid> {
  const stored = await getEvaluation(userId, evaluationId);
  if (!stored) throw new DesignError(404, "No such evaluation.");
  const outcome = await evaluateInPool(stored.document, { owner: userId, seed: stored.seed });
  if (!outcome.ok) return { ok: false, errors: outcome.errors };
  return { ok: true, stored, current: outcome.result };
}

// ─── Share links ─────────────────────────────────────────────────────────────────────────────────────────

export async function enableShare(userId: string, designId: string): Promise<{ token: string }> {
  const design = await ownedDesign(userId, designId);
  if (design.shareToken) return { token: design.shareToken };
  const token = randomBytes(18).toString("base64url");
  await db.design.update({ where: { id: designId }, data: { shareToken: token } });
  return { token };
}

export async function revokeShare(userId: string, designId: string): Promise<{ id: string }> {
  await ownedDesign(userId, designId);
  await db.design.update({ where: { id: designId }, data: { shareToken: null } });
  return { id: designId };
}

export type SharedDesign = {
  name: string;
  problemTitle: string | null;
  document: DesignDocument;
  updatedAt: string;
  latest: StoredEvaluation | null;
  latestNeedsRescore: string | null;
};

/** The read-only view behind a share link, or null when the token is unknown or was revoked. */
export async function getSharedDesign(token: string): Promise<SharedDesign | null> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
  const design = await db.design.findUnique({ where: { shareToken: token }, include: { problem: { select: { title: true } } } });
  if (!design) return null;
  const latest = await db.evaluation.findFirst({ where: { designId: design.id }, orderBy: { createdAt: "desc" }, select: evaluationRow });
  return {
    name: design.name,
    problemTitle: design.problem?.title ?? null,
    document: storedDocument(design.data),
    updatedAt: design.updatedAt.toISOString(),
    ...latestOf(latest),
  };
}

// ─── Mock interviews ─────────────────────────────────────────────────────────────────────────────────────

/** Starts a timed attempt at a problem: a new design from the problem's starter with a server-side deadline. */
export async function startMock(
  userId: string,
  problemId: string,
  minutes: number,
  clock: Clock = {},
): Promise<{ id: string; deadline: string }> {
  const problem = await getProblem(problemId);
  const problemVersion = await publishedVersionOf(problemId);
  if (!problem || problemVersion === null) throw new DesignError(404, "No such problem.");
  const now = clock.now ?? new Date();
  const deadline = new Date(now.getTime() + minutes * 60_000);
  const stamp = now.toISOString().slice(0, 16).replace("T", " ");
  const design = await db.design.create({
    data: {
      userId,
      problemId,
      problemVersion,
      name: `Mock interview: ${problem.title} (${stamp} UTC)`.slice(0, 200),
      data: json(problem.starter),
      mockStartedAt: now,
      mockDeadline: deadline,
    },
    select: { id: true },
  });
  return { id: design.id, deadline: deadline.toISOString() };
}

/**
 * Ends a mock attempt: scores the last saved document and locks the design, once. Called when the clock
 * runs out (by the page, by any refused save) or when the candidate hands in early.
 */
export async function finishMock(
  userId: string,
  designId: string,
  clock: Clock = {},
): Promise<{ lockedAt: string; evaluation: EvaluationSummary | null }> {
  const now = clock.now ?? new Date();
  return db.$transaction(async (tx) => {
    // Row lock: two tabs finishing at the same moment must not both score and lock.
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM designs WHERE id = ${designId} AND user_id = ${userId} FOR UPDATE`;
    if (rows.length === 0) throw new DesignError(404, NOT_FOUND);
    const design = await tx.design.findUniqueOrThrow({ where: { id: designId } });
    if (!design.mockDeadline) throw new DesignError(409, "This design is not a mock interview.");
    if (design.lockedAt) return { lockedAt: design.lockedAt.toISOString(), evaluation: null };
    // The transaction waits here for the pool; its timeout (below) allows for the pool's wait and time budget.
    const outcome = await evaluateInPool(design.data, { owner: userId, seed: DEFAULT_SEED });
    let evaluation: EvaluationSummary | null = null;
    // A document saved before the scenario was enforced is locked without a score rather than scored on its own terms.
    const problem = await getProblemForDesign(design);
    const honest = !problem || (outcome.ok && keepsScenario(problem, design.data));
    if (outcome.ok && honest) {
      const row = await tx.evaluation.create({
        data: {
          designId,
          document: design.data ?? {},
          result: json(outcome.result),
          score: outcome.result.score,
          grade: outcome.result.grade,
          modelVersion: outcome.result.modelVersion,
          seed: DEFAULT_SEED,
        },
        select: { id: true, createdAt: true, score: true, grade: true, modelVersion: true, seed: true, result: true },
      });
      evaluation = summarize(row);
    }
    // A mock that ran out ended at its deadline, whenever the page (or a refused save) noticed it.
    const endedAt = now.getTime() > design.mockDeadline.getTime() ? design.mockDeadline : now;
    await tx.design.update({ where: { id: designId }, data: { lockedAt: endedAt } });
    return { lockedAt: endedAt.toISOString(), evaluation };
  }, { timeout: EVALUATION_LIMITS.queueWaitMs + EVALUATION_LIMITS.timeoutMs + 5_000 });
}

/**
 * Best stored score per problem for the caller (problems never evaluated are absent). What-if copies never count,
 * and neither does an evaluation whose document departs from the problem's scenario (stored before it was enforced).
 */
export async function bestScoresByProblem(userId: string): Promise<Record<string, number>> {
  const rows = await db.design.findMany({
    where: { userId, problemId: { not: null }, whatIf: false },
    select: { problemId: true, evaluations: { orderBy: { score: "desc" }, take: 5, select: { score: true, document: true } } },
  });
  const best: Record<string, number> = {};
  for (const r of rows) {
    if (!r.problemId) continue;
    const problem = await getProblem(r.problemId);
    if (!problem) continue;
    const honest = r.evaluations.find((e) => keepsScenario(problem, e.document));
    if (honest) best[r.problemId] = Math.max(best[r.problemId] ?? 0, honest.score);
  }
  return best;
}

/** The design the caller last worked on for a problem, excluding mock attempts (they have their own page). */
export async function latestWorkingDesignId(userId: string, problemId: string): Promise<string | null> {
  const row = await db.design.findFirst({
    where: { userId, problemId, mockDeadline: null, whatIf: false },
    orderBy: { updatedAt: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}
