import "server-only";
import { cache } from "react";
import { db } from "@/lib/server/kernel/db";
import { problemSchema, type Problem } from "@/lib/schemas/problem";

// Practice problems as stored in Postgres (seeded from content/problems by scripts/lib/seed-problems.ts, authored
// at /instructor/problems). Candidates only ever get a published version: `problems.data` is the published
// content, and a problem with no published version is filtered out here.

export type ProblemListItem = Pick<Problem, "slug" | "title" | "summary" | "difficulty" | "position"> & {
  rps: number;
  p99Ms: number;
};

function parse(data: unknown): Problem | null {
  const parsed = problemSchema.safeParse(data);
  if (!parsed.success) {
    console.error("A stored practice problem does not match its schema", parsed.error.issues.slice(0, 3));
    return null;
  }
  return parsed.data;
}

export const listProblems = cache(async (): Promise<ProblemListItem[]> => {
  const rows = await db.problem.findMany({ where: { publishedVersion: { not: null } }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { data: true } });
  return rows
    .map((r) => parse(r.data))
    .filter((p): p is Problem => p !== null)
    .map((p) => ({
      slug: p.slug,
      title: p.title,
      summary: p.summary,
      difficulty: p.difficulty,
      position: p.position,
      rps: p.scenario.rps,
      p99Ms: p.scenario.targets.p99Ms,
    }));
});

export const getProblem = cache(async (slug: string): Promise<Problem | null> => {
  const row = await db.problem.findFirst({ where: { id: slug, publishedVersion: { not: null } }, select: { data: true } });
  return row ? parse(row.data) : null;
});

/** The published version number of a problem, recorded on a design when it is created; null if unpublished. */
export async function publishedVersionOf(slug: string): Promise<number | null> {
  const row = await db.problem.findUnique({ where: { id: slug }, select: { publishedVersion: true } });
  return row?.publishedVersion ?? null;
}

/**
 * The problem as a design attempted it: the version recorded on the design (so a later publish never rescores
 * an attempt), or the published one for designs made before versions were recorded.
 */
export async function getProblemForDesign(design: { problemId: string | null; problemVersion: number | null }): Promise<Problem | null> {
  if (!design.problemId) return null;
  if (design.problemVersion === null) return getProblem(design.problemId);
  const row = await db.problemVersion.findUnique({
    where: { problemId_version: { problemId: design.problemId, version: design.problemVersion } },
    select: { data: true, publishedAt: true },
  });
  // Only a version that was published once can back a candidate's design; anything else falls back.
  return row?.publishedAt ? parse(row.data) : getProblem(design.problemId);
}
