import "server-only";
import { db } from "@/lib/server/kernel/db";
import { questionSchema, type Question } from "@/lib/schemas/question";

export type PinnedQuestion = { versionId: string; version: number; question: Question };

/**
 * Question versions are immutable (an edit makes a new version), so their parsed content is cached in memory for
 * the life of the process, keyed by question and version: the submit path then needs no query to score. Nothing
 * in an entry can go stale, so nothing is re-read (a question unpublished after an attempt was dealt is still
 * scored at the version the attempt pinned). Bounded: past MAX_ENTRIES the cache starts again.
 */
const MAX_ENTRIES = 5_000;
const cache = new Map<string, PinnedQuestion>();

const keyOf = (questionId: string, version: number) => `${questionId}@${version}`;

/** Loads the given versions (from cache when seen before); missing ones are simply absent from the result. */
export async function getPinnedQuestions(
  refs: readonly { questionId: string; version: number }[],
): Promise<Map<string, PinnedQuestion>> {
  const out = new Map<string, PinnedQuestion>();
  const missing: { questionId: string; version: number }[] = [];
  for (const ref of refs) {
    const hit = cache.get(keyOf(ref.questionId, ref.version));
    if (hit) out.set(keyOf(ref.questionId, ref.version), hit);
    else missing.push(ref);
  }
  if (missing.length === 0) return out;
  const rows = await db.questionVersion.findMany({
    where: { OR: missing.map((m) => ({ questionId: m.questionId, version: m.version })) },
    select: { id: true, questionId: true, version: true, data: true },
  });
  if (cache.size + rows.length > MAX_ENTRIES) cache.clear();
  for (const row of rows) {
    const key = keyOf(row.questionId, row.version);
    const entry: PinnedQuestion = { versionId: row.id, version: row.version, question: questionSchema.parse(row.data) };
    cache.set(key, entry);
    out.set(key, entry);
  }
  return out;
}

export function pinnedKey(questionId: string, version: number): string {
  return keyOf(questionId, version);
}

/** The current version of every published question matching the filter, in a stable order. */
export async function publishedQuestions(filter: {
  chapters?: readonly string[];
  difficulty?: "easy" | "medium" | "hard";
  ids?: readonly string[];
}): Promise<PinnedQuestion[]> {
  const rows = await db.question.findMany({
    where: {
      status: "PUBLISHED",
      ...(filter.chapters ? { chapter: { in: [...filter.chapters] } } : {}),
      ...(filter.difficulty ? { difficulty: filter.difficulty } : {}),
      ...(filter.ids ? { id: { in: [...filter.ids] } } : {}),
    },
    select: { id: true, currentVersion: true },
    orderBy: { id: "asc" },
  });
  const pinned = await getPinnedQuestions(rows.map((r) => ({ questionId: r.id, version: r.currentVersion })));
  return rows.flatMap((r) => {
    const p = pinned.get(keyOf(r.id, r.currentVersion));
    return p ? [p] : [];
  });
}

/** Test hook: forget everything (integration tests edit versions directly in the database). */
export function clearQuestionCache(): void {
  cache.clear();
}
