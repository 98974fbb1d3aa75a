import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { questionFileSchema, type Question } from "../../lib/schemas/question.ts";
import { canonicalJson } from "../../lib/core/quiz/canonical.ts";

export const QUESTIONS_DIR = path.resolve("content/questions");

/** Every question in content/questions/*.json, validated; a broken file stops the seed with the file named. */
export function readQuestionBank(dir = QUESTIONS_DIR): Question[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  const all: Question[] = [];
  for (const file of files) {
    const parsed = questionFileSchema.safeParse(JSON.parse(readFileSync(path.join(dir, file), "utf8")));
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(`${file}: ${first?.path.join(".") ?? ""} ${first?.message ?? "invalid question file"}`);
    }
    all.push(...parsed.data);
  }
  return all;
}

/**
 * Loads the question bank into the question tables. Idempotent: a question whose content is unchanged (same
 * canonical hash as its current version) is left alone; a changed one gets a new immutable version, so past
 * attempts keep pointing at the version they were scored against. Questions that left the files are retired,
 * never deleted (answers reference their versions); questions authored in the app (createdById set) are not
 * the files' business and are not touched.
 */
export async function seedQuestions(
  prisma: PrismaClient,
  log: (m: string) => void,
  bank: Question[] = readQuestionBank(),
): Promise<{ created: number; updated: number; retired: number }> {
  const existing = await prisma.question.findMany({
    select: {
      id: true,
      status: true,
      currentVersion: true,
      createdById: true,
      versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, data: true } },
    },
  });
  const byId = new Map(existing.map((q) => [q.id, q]));
  // The question row's copy of a bundled question's metadata; bundled questions are always published.
  const metaOf = (q: Question) => ({
    chapter: q.chapter,
    section: q.section,
    type: q.type,
    difficulty: q.difficulty,
    tags: q.tags,
    status: "PUBLISHED" as const,
  });
  let created = 0;
  let updated = 0;
  let retired = 0;

  await prisma.$transaction(
    async (tx) => {
      const fresh: Question[] = [];
      for (const q of bank) {
        const meta = metaOf(q);
        const row = byId.get(q.id);
        if (!row) {
          fresh.push(q);
          continue;
        }
        const latest = row.versions[0];
        if (latest && canonicalJson(latest.data) === canonicalJson(q)) {
          if (row.status !== "PUBLISHED" || row.currentVersion !== latest.version) {
            await tx.question.update({ where: { id: q.id }, data: { ...meta, currentVersion: latest.version } });
          }
          continue;
        }
        const version = (latest?.version ?? 0) + 1;
        await tx.questionVersion.create({ data: { questionId: q.id, version, data: q } });
        await tx.question.update({ where: { id: q.id }, data: { ...meta, currentVersion: version } });
        updated++;
      }
      // New questions go in two statements rather than two per question: a fresh database gets all 200+.
      if (fresh.length > 0) {
        await tx.question.createMany({
          data: fresh.map((q) => ({ id: q.id, ...metaOf(q), currentVersion: 1 })),
        });
        await tx.questionVersion.createMany({ data: fresh.map((q) => ({ questionId: q.id, version: 1, data: q })) });
        created = fresh.length;
      }
      const inBank = new Set(bank.map((q) => q.id));
      const gone = existing.filter((q) => !inBank.has(q.id) && q.createdById === null && q.status === "PUBLISHED");
      if (gone.length > 0) {
        const res = await tx.question.updateMany({
          where: { id: { in: gone.map((q) => q.id) } },
          data: { status: "RETIRED" },
        });
        retired = res.count;
      }
    },
    // Prisma waits 2 s by default for a connection to start the transaction: too little at load 40-56 on 2 cores.
    { maxWait: 30_000, timeout: 120_000 },
  );
  log(
    created + updated + retired === 0
      ? `Questions up to date (${bank.length}).`
      : `Questions: ${created} created, ${updated} new version(s), ${retired} retired.`,
  );
  return { created, updated, retired };
}
