import "server-only";
import { chapterTitle, sectionHref, sectionTitle } from "@/lib/server/quiz/chapter-titles";

export type ReadNext = { chapter: string; section: string; title: string; chapterTitle: string; href: string; missed: number };

/** Sections behind the missed questions (score below 1), most missed first, then in course order. */
export function readNextFor(answers: readonly { chapter: string; section: string; score: number }[]): ReadNext[] {
  const bySection = new Map<string, ReadNext & { order: number }>();
  answers.forEach((a, i) => {
    if (a.score >= 1) return;
    const key = `${a.chapter}#${a.section}`;
    const hit = bySection.get(key);
    if (hit) hit.missed++;
    else
      bySection.set(key, {
        chapter: a.chapter,
        section: a.section,
        title: sectionTitle(a.chapter, a.section),
        chapterTitle: chapterTitle(a.chapter),
        href: sectionHref(a.chapter, a.section),
        missed: 1,
        order: i,
      });
  });
  return [...bySection.values()]
    .sort((a, b) => b.missed - a.missed || a.order - b.order)
    .map(({ order: _order, ...rest }) => rest);
}
