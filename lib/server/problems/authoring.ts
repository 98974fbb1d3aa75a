import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/kernel/db";
import { DEFAULT_SEED } from "@/lib/core/evaluator";
import { AppError } from "@/lib/server/kernel/errors";
import { evaluateInPool } from "@/lib/server/evaluation/pool";
import { assertInstructor, type Actor } from "@/lib/server/instructor/gate";
import { audit, changedFields } from "@/lib/server/instructor/questions";
import { appendVersion, auditTrail, isUniqueViolation, orConflict, parsedCurrentVersions, savedMeanwhile, type AuditEntry } from "@/lib/server/instructor/versions";
import { problemSchema, type Problem } from "@/lib/schemas/problem";
import { problemFileSchema, type ImportOutcome, type ProblemStatus, type ProblemTransition, type ReferenceCheck } from "@/lib/schemas/problem-authoring";
import { toProblemBrief } from "@/lib/server/designs/brief";

// Practice-problem authoring, shaped like question authoring (lib/server/instructor/questions.ts): every save
// appends an immutable version, publishing points candidates at one version, and every change writes an audit
// entry. `problems.data` always holds the published version, so the candidate side reads one column and can
// never see a draft (lib/server/designs/problems.ts filters out problems with no published version).

type Tx = Prisma.TransactionClient;
const ENTITY = "problem";
const asJson = (p: Problem) => p as unknown as Prisma.InputJsonValue;
const columns = (p: Problem) => ({ title: p.title, summary: p.summary, position: p.position });


export type AuthoringRow = {
  slug: string;
  title: string;
  difficulty: Problem["difficulty"] | null;
  currentVersion: number;
  publishedVersion: number | null;
  /** draft: never published (or withdrawn); published: the latest version is live; changed: a newer draft waits. */
  status: ProblemStatus;
  followUps: number;
  updatedAt: Date;
};

function statusOf(currentVersion: number, publishedVersion: number | null): ProblemStatus {
  if (publishedVersion === null) return "draft";
  return publishedVersion === currentVersion ? "published" : "changed";
}

export async function listAuthoringProblems(actor: Actor): Promise<AuthoringRow[]> {
  assertInstructor(actor);
  const rows = await db.problem.findMany({
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      currentVersion: true,
      publishedVersion: true,
      updatedAt: true,
      versions: { select: { version: true, data: true }, orderBy: { version: "desc" }, take: 1 },
    },
  });
  return rows.map((r) => {
    const parsed = problemSchema.safeParse(r.versions[0]?.data);
    return {
      slug: r.id,
      title: parsed.success ? parsed.data.title : r.id,
      difficulty: parsed.success ? parsed.data.difficulty : null,
      currentVersion: r.currentVersion,
      publishedVersion: r.publishedVersion,
      status: statusOf(r.currentVersion, r.publishedVersion),
      followUps: parsed.success ? parsed.data.followUps.length : 0,
      updatedAt: r.updatedAt,
    };
  });
}

export type ProblemDetail = {
  slug: string;
  problem: Problem;
  currentVersion: number;
  publishedVersion: number | null;
  status: ProblemStatus;
  versions: { version: number; createdAt: Date; author: string | null; publishedAt: Date | null; referenceScore: number | null; designs: number }[];
  audit: AuditEntry[];
};

export async function getProblemDetail(actor: Actor, slug: string): Promise<ProblemDetail | null> {
  assertInstructor(actor);
  const row = await db.problem.findUnique({
    where: { id: slug },
    select: {
      id: true,
      currentVersion: true,
      publishedVersion: true,
      versions: { orderBy: { version: "desc" }, select: { version: true, data: true, createdAt: true, createdById: true, publishedAt: true, referenceScore: true } },
    },
  });
  if (!row) return null;
  const current = row.versions.find((v) => v.version === row.currentVersion) ?? row.versions[0];
  const parsed = problemSchema.safeParse(current?.data);
  if (!parsed.success) return null;
  const [logs, designCounts] = await Promise.all([
    auditTrail(ENTITY, slug),
    db.design.groupBy({ by: ["problemVersion"], where: { problemId: slug }, _count: { _all: true } }),
  ]);
  const authorIds = [...new Set(row.versions.flatMap((v) => (v.createdById ? [v.createdById] : [])))];
  const authors = new Map(
    (await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const designs = new Map(designCounts.map((d) => [d.problemVersion, d._count._all]));
  return {
    slug: row.id,
    problem: parsed.data,
    currentVersion: row.currentVersion,
    publishedVersion: row.publishedVersion,
    status: statusOf(row.currentVersion, row.publishedVersion),
    versions: row.versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      author: v.createdById ? (authors.get(v.createdById) ?? null) : null,
      publishedAt: v.publishedAt,
      referenceScore: v.referenceScore,
      designs: designs.get(v.version) ?? 0,
    })),
    audit: logs,
  };
}

const TAKEN = (slug: string) => new AppError(400, `problem.slug: a problem called "${slug}" already exists; choose another slug`, "problem.slug");

/** Inside a transaction: a new problem as an unpublished draft at version 1. */
async function insertProblem(tx: Tx, actorId: string, problem: Problem, action: string, detail: Record<string, unknown> = {}): Promise<void> {
  const taken = await tx.problem.findUnique({ where: { id: problem.slug }, select: { id: true } });
  if (taken) throw TAKEN(problem.slug);
  await tx.problem.create({
    data: {
      id: problem.slug,
      ...columns(problem),
      // Never read by candidates while publishedVersion is null; kept so the column stays non-null.
      data: asJson(problem),
      currentVersion: 1,
      publishedVersion: null,
      createdById: actorId,
      versions: { create: { version: 1, data: asJson(problem), createdById: actorId } },
    },
  });
  await audit(tx, actorId, action, problem.slug, { version: 1, ...detail }, ENTITY);
}

/** Inside a transaction: append a version if the content changed. Returns the version now current. */
async function appendProblemVersion(
  tx: Tx,
  actorId: string,
  slug: string,
  baseVersion: number | null,
  problem: Problem,
  action: string,
): Promise<{ version: number; changed: string[] }> {
  const row = await tx.problem.findUnique({ where: { id: slug }, select: { currentVersion: true, publishedVersion: true } });
  if (!row) throw new AppError(404, "No such problem.");
  if (problem.slug !== slug) throw new AppError(400, "problem.slug: the slug of a saved problem cannot change; import it as a new problem instead", "problem.slug");
  return appendVersion({
    noun: "problem",
    baseVersion,
    currentVersion: row.currentVersion,
    current: async () => {
      const current = await tx.problemVersion.findUnique({ where: { problemId_version: { problemId: slug, version: row.currentVersion } }, select: { data: true } });
      return problemSchema.safeParse(current?.data);
    },
    next: problem,
    changedFields,
    write: async (version, from) => {
      await tx.problemVersion.create({ data: { problemId: slug, version, data: asJson(problem), createdById: actorId } });
      const updated = await tx.problem.updateMany({
        where: { id: slug, currentVersion: from },
        // A published problem keeps serving its published content; an unpublished one mirrors the draft.
        data: { currentVersion: version, ...(row.publishedVersion === null ? { ...columns(problem), data: asJson(problem) } : {}) },
      });
      return updated.count;
    },
    audit: (version, changed) => audit(tx, actorId, action, slug, { version, fields: changed }, ENTITY),
  });
}

export async function createProblem(actor: Actor, problem: Problem): Promise<{ slug: string; version: number }> {
  assertInstructor(actor);
  await orConflict(() => db.$transaction((tx) => insertProblem(tx, actor.id, problem, "create")), () => TAKEN(problem.slug));
  return { slug: problem.slug, version: 1 };
}

/** Save an edit as a new version (versions are immutable: designs point at the one they attempted). */
export async function updateProblem(
  actor: Actor,
  slug: string,
  baseVersion: number,
  problem: Problem,
): Promise<{ slug: string; version: number; changed: string[] }> {
  assertInstructor(actor);
  const result = await orConflict(() => db.$transaction((tx) => appendProblemVersion(tx, actor.id, slug, baseVersion, problem, "edit")), () => savedMeanwhile("problem"));
  return { slug, ...result };
}

/**
 * Scores a problem's reference design under its own scenario (the problem schema has already checked that
 * the reference carries the problem's scenario and validates through the evaluator). Throws 400 naming the
 * reference when the evaluator refuses it.
 */
export async function checkReference(actor: Actor, problem: Problem): Promise<ReferenceCheck> {
  assertInstructor(actor);
  const outcome = await evaluateInPool(problem.reference, { owner: actor.id, seed: DEFAULT_SEED });
  if (!outcome.ok) {
    const first = outcome.errors[0];
    throw new AppError(400, `problem.reference: ${first ? `${first.path || "(root)"}: ${first.message}` : "the evaluator refused the reference design"}`, "problem.reference");
  }
  const r = outcome.result;
  return { score: r.score, grade: r.grade, p99Ms: Number.isFinite(r.latency.p99Ms) ? r.latency.p99Ms : null, availability: r.availability.estimate };
}

/**
 * Publish the version the instructor saw (it must be the current one), after re-validating it with the problem
 * schema (the evaluator's scenario schema included) and scoring its reference design; or withdraw the problem.
 * Designs already made keep the version they attempted either way.
 */
export async function setProblemStatus(
  actor: Actor,
  slug: string,
  transition: ProblemTransition,
  version: number,
): Promise<{ slug: string; publishedVersion: number | null; reference: ReferenceCheck | null }> {
  assertInstructor(actor);
  const row = await db.problem.findUnique({ where: { id: slug }, select: { currentVersion: true, publishedVersion: true } });
  if (!row) throw new AppError(404, "No such problem.");
  if (row.currentVersion !== version) {
    throw new AppError(409, `This problem has changed since you opened it (now version ${row.currentVersion}); reload it and check it again.`);
  }
  if (transition === "unpublish") {
    if (row.publishedVersion === null) throw new AppError(409, "This problem is not published.");
    await db.$transaction(async (tx) => {
      const updated = await tx.problem.updateMany({ where: { id: slug, publishedVersion: row.publishedVersion }, data: { publishedVersion: null } });
      if (updated.count !== 1) throw new AppError(409, "The problem changed meanwhile; reload and try again.");
      await audit(tx, actor.id, "unpublish", slug, { version: row.publishedVersion }, ENTITY);
    });
    return { slug, publishedVersion: null, reference: null };
  }
  if (row.publishedVersion === version) throw new AppError(409, `Version ${version} is already published.`);
  const stored = await db.problemVersion.findUnique({ where: { problemId_version: { problemId: slug, version } }, select: { data: true } });
  const parsed = problemSchema.safeParse(stored?.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = `problem.${issue?.path.join(".") ?? ""}`;
    throw new AppError(400, `${path}: ${issue?.message ?? "invalid"}; fix it before publishing`, path);
  }
  // Scored outside the transaction: the pool may queue, and a row lock must not wait on it.
  const reference = await checkReference(actor, parsed.data);
  await db.$transaction(async (tx) => {
    const updated = await tx.problem.updateMany({
      where: { id: slug, currentVersion: version },
      data: { ...columns(parsed.data), data: asJson(parsed.data), publishedVersion: version },
    });
    if (updated.count !== 1) throw new AppError(409, "The problem changed meanwhile; reload and try again.");
    await tx.problemVersion.update({
      where: { problemId_version: { problemId: slug, version } },
      data: { publishedAt: new Date(), referenceScore: reference.score },
    });
    await audit(tx, actor.id, "publish", slug, { version, from: row.publishedVersion, referenceScore: reference.score, grade: reference.grade }, ENTITY);
  });
  return { slug, publishedVersion: version, reference };
}

/** The latest version of each problem (or of one), for export. Drafts included: the file is for instructors. */
export async function exportProblems(actor: Actor, slug?: string): Promise<Problem[]> {
  assertInstructor(actor);
  const rows = await db.problem.findMany({
    where: slug ? { id: slug } : {},
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, currentVersion: true },
  });
  const load = async (wanted: { id: string; version: number }[]) =>
    (await db.problemVersion.findMany({ where: { OR: wanted.map((w) => ({ problemId: w.id, version: w.version })) }, select: { problemId: true, data: true } })).map((v) => ({ id: v.problemId, data: v.data }));
  return parsedCurrentVersions(rows, load, problemSchema);
}


/** The problems in a JSON file (docs/problem-json.md): one problem or a list; a 400 on `text` says where it is wrong. */
export function parseProblemFile(text: string): Problem[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError(400, `text: not valid JSON (${(error as Error).message})`, "text");
  }
  const parsed = problemFileSchema.safeParse(Array.isArray(raw) ? raw : [raw]);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const [index, ...rest] = issue?.path ?? [];
  const where = typeof index === "number" ? `problem ${index + 1}${rest.length ? `, ${rest.join(".")}` : ""}` : "file";
  throw new AppError(400, `${where}: ${issue?.message ?? "invalid"}`, "text");
}

/**
 * The brief exactly as a candidate gets it (the same projection the workspace uses) and the reference design's
 * score, for a problem being edited; a reference that does not validate is reported beside the brief. Nothing is saved.
 */
export async function previewProblem(actor: Actor, problem: Problem) {
  const brief = toProblemBrief(problem);
  try {
    return { brief, reference: await checkReference(actor, problem), referenceError: null };
  } catch (error) {
    if (error instanceof AppError && error.status === 400) return { brief, reference: null, referenceError: error.message };
    throw error;
  }
}

/**
 * Imports problems all or nothing: a new slug becomes a draft, a known slug gets a new draft version (if its
 * content differs). Nothing is published by an import; the instructor checks and publishes each one.
 */
export async function importProblems(actor: Actor, problems: Problem[]): Promise<ImportOutcome[]> {
  assertInstructor(actor);
  const slugs = problems.map((p) => p.slug);
  const dupe = slugs.find((s, i) => slugs.indexOf(s) !== i);
  if (dupe) throw new AppError(400, `problems: "${dupe}" appears twice in the file`, "problems");
  try {
    return await db.$transaction(async (tx) => {
      const out: ImportOutcome[] = [];
      for (const problem of problems) {
        const exists = await tx.problem.findUnique({ where: { id: problem.slug }, select: { id: true } });
        if (!exists) {
          await insertProblem(tx, actor.id, problem, "import");
          out.push({ slug: problem.slug, title: problem.title, result: "created", version: 1 });
        } else {
          const { version, changed } = await appendProblemVersion(tx, actor.id, problem.slug, null, problem, "import");
          out.push({ slug: problem.slug, title: problem.title, result: changed.length ? "new-version" : "unchanged", version });
        }
      }
      return out;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, "Someone saved one of these problems at the same time; import again.");
    throw error;
  }
}
