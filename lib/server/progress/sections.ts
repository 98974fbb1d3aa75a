import "server-only";
import { sectionIndex } from "@/lib/content/chapters";
import { db } from "@/lib/server/kernel/db";
import type { MarkSectionInput, ProgressEntry, ProgressSource, SectionRef } from "@/lib/schemas/progress";
import { AppError } from "@/lib/server/kernel/errors";

/** Only sections that exist and count towards progress can be recorded; the error names the field that is wrong. */
export function assertTrackableSection({ chapter, section }: SectionRef): void {
  const entry = sectionIndex().get(chapter);
  if (!entry) throw new AppError(400, `chapter: there is no chapter "${chapter}"`);
  if (!entry.trackable.has(section)) throw new AppError(400, `section: chapter "${chapter}" has no section "${section}" that tracks progress`);
}

export function isTrackableSection({ chapter, section }: SectionRef): boolean {
  return sectionIndex().get(chapter)?.trackable.has(section) ?? false;
}

function toEntry(row: { chapter: string; section: string; source: string; completedAt: Date }): ProgressEntry {
  return { chapter: row.chapter, section: row.section, source: row.source as ProgressSource, completedAt: row.completedAt.toISOString() };
}

export async function listProgress(userId: string): Promise<ProgressEntry[]> {
  const rows = await db.sectionProgress.findMany({
    where: { userId },
    orderBy: [{ chapter: "asc" }, { section: "asc" }],
    select: { chapter: true, section: true, source: true, completedAt: true },
  });
  // A section renamed after it was recorded no longer exists on any page; leave it out rather than miscount.
  return rows.filter(isTrackableSection).map(toEntry);
}

/** Idempotent: marking a section twice keeps the first record (and its source). */
export async function markSection(userId: string, input: MarkSectionInput): Promise<ProgressEntry> {
  assertTrackableSection(input);
  const row = await db.sectionProgress.upsert({
    where: { userId_chapter_section: { userId, chapter: input.chapter, section: input.section } },
    create: { userId, chapter: input.chapter, section: input.section, source: input.source },
    update: {},
    select: { chapter: true, section: true, source: true, completedAt: true },
  });
  return toEntry(row);
}

export async function unmarkSection(userId: string, ref: SectionRef): Promise<{ removed: boolean }> {
  assertTrackableSection(ref);
  const { count } = await db.sectionProgress.deleteMany({ where: { userId, chapter: ref.chapter, section: ref.section } });
  return { removed: count > 0 };
}

/**
 * Folds a browser's progress into the account. Unknown sections are skipped and sections already recorded keep
 * their record, so sending the same list twice changes nothing.
 */
export async function mergeProgress(userId: string, sections: readonly SectionRef[]): Promise<{ added: number; ignored: number; progress: ProgressEntry[] }> {
  const valid = new Map<string, SectionRef>();
  let ignored = 0;
  for (const ref of sections) {
    if (isTrackableSection(ref)) valid.set(`${ref.chapter}#${ref.section}`, ref);
    else ignored++;
  }
  const added = await db.$transaction(async (tx) => {
    const { count } = await tx.sectionProgress.createMany({
      data: [...valid.values()].map((ref) => ({ userId, chapter: ref.chapter, section: ref.section, source: "merged" })),
      skipDuplicates: true,
    });
    return count;
  });
  return { added, ignored, progress: await listProgress(userId) };
}
