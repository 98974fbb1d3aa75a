import "server-only";
import { loadChapters } from "@/lib/content/chapters";
import type { LinkTitles } from "@/lib/core/canvas/labels";

let cached: LinkTitles | null = null;

/** Every /learn link a result can hold → "Chapter title › Section title" (plus the checklist page's items). */
export function linkTitles(): LinkTitles {
  if (cached) return cached;
  const out: LinkTitles = {};
  for (const chapter of loadChapters()) {
    const short = chapter.title.split(":")[0]?.trim() ?? chapter.title;
    out[`/learn/${chapter.slug}`] = short;
    for (const section of chapter.sections) out[`/learn/${chapter.slug}#${section.id}`] = `${short} › ${section.title}`;
  }
  cached = out;
  return out;
}
