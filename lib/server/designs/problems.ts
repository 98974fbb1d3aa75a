import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { problemSchema, type Problem } from "@/lib/schemas/problem";

// Practice problems as stored in Postgres (seeded from content/problems by scripts/lib/seed-problems.ts).

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
  const rows = await db.problem.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }], select: { data: true } });
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
  const row = await db.problem.findUnique({ where: { id: slug }, select: { data: true } });
  return row ? parse(row.data) : null;
});
