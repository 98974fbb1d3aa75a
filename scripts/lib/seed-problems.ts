import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Prisma, PrismaClient } from "../../lib/generated/prisma/client.ts";
import { problemSchema, type Problem } from "../../lib/schemas/problem.ts";

export const PROBLEMS_DIR = fileURLToPath(new URL("../../content/problems/", import.meta.url));

/**
 * Reads and validates every content/problems/*.json file. Throws with every problem of every file at once,
 * so a broken problem never reaches the database half-checked.
 */
export function readProblemFiles(dir: string = PROBLEMS_DIR): Problem[] {
  const problems: Problem[] = [];
  const errors: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    } catch (error) {
      errors.push(`${file}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = problemSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
      continue;
    }
    if (`${parsed.data.slug}.json` !== file) errors.push(`${file}: slug "${parsed.data.slug}" must match the file name`);
    problems.push(parsed.data);
  }
  const slugs = new Set<string>();
  for (const p of problems) {
    if (slugs.has(p.slug)) errors.push(`duplicate slug ${p.slug}`);
    slugs.add(p.slug);
  }
  if (errors.length) throw new Error(`Invalid practice problems:\n${errors.join("\n")}`);
  return problems;
}

/**
 * Loads content/problems/*.json into the problems table as published version 1: inserts new ones, updates
 * changed ones, skips the rest. A problem an instructor has created or edited in the app (any version with an
 * author) belongs to the app from then on: its file is ignored, so a re-seed never overwrites their work.
 */
export async function seedProblems(prisma: PrismaClient, log: (m: string) => void): Promise<void> {
  const problems = readProblemFiles();
  const existing = new Map(
    (
      await prisma.problem.findMany({
        select: {
          id: true,
          title: true,
          summary: true,
          position: true,
          data: true,
          createdById: true,
          versions: { where: { createdById: { not: null } }, select: { id: true }, take: 1 },
        },
      })
    ).map((p) => [p.id, p]),
  );
  let written = 0;
  const appOwned: string[] = [];
  await prisma.$transaction(async (tx) => {
    for (const p of problems) {
      const data = p as unknown as Prisma.InputJsonValue;
      const row = { title: p.title, summary: p.summary, position: p.position, data };
      const current = existing.get(p.slug);
      if (current && (current.createdById || current.versions.length > 0)) {
        appOwned.push(p.slug);
        continue;
      }
      if (
        current &&
        current.title === p.title &&
        current.summary === p.summary &&
        current.position === p.position &&
        sameJson(current.data, p)
      ) {
        continue;
      }
      await tx.problem.upsert({
        where: { id: p.slug },
        create: { id: p.slug, ...row, currentVersion: 1, publishedVersion: 1 },
        update: { ...row, currentVersion: 1, publishedVersion: 1 },
      });
      await tx.problemVersion.upsert({
        where: { problemId_version: { problemId: p.slug, version: 1 } },
        create: { problemId: p.slug, version: 1, data, publishedAt: new Date() },
        update: { data },
      });
      written += 1;
    }
    // Prisma's defaults (2 s to start, 5 s to finish) failed the cluster tests' seeding at load 40-56 on 2 cores.
  }, { maxWait: 30_000, timeout: 120_000 });
  log(written ? `Seeded ${written} practice problem(s).` : "Practice problems already up to date.");
  if (appOwned.length) log(`Left ${appOwned.length} practice problem(s) edited in the app as they are: ${appOwned.join(", ")}.`);
}

// jsonb does not keep key order, so compare structurally.
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}
