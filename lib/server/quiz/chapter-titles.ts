import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chapterSections, chapterSlugs, type ChapterSlug } from "@/lib/schemas/question";

export type ChapterInfo = { slug: ChapterSlug; number: number; title: string; sectionTitles: Map<string, string> };

let cached: Map<string, ChapterInfo> | undefined;

/**
 * Chapter and section titles straight from the headings of content/chapters/*.md (front-matter `title:` and
 * `## Title {#id}`). Only the titles are needed here, so the full chapter renderer is not pulled in; a section
 * whose heading cannot be found falls back to its id.
 */
export function chapterInfo(): Map<string, ChapterInfo> {
  if (cached) return cached;
  const dir = path.join(process.cwd(), "content", "chapters");
  const titles = new Map<string, { title: string; number: number | null; sections: Map<string, string> }>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /^\d+-.+\.md$/.test(f));
  } catch {
    files = [];
  }
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), "utf8");
    const slug = /^slug:\s*"?([a-z0-9-]+)"?\s*$/m.exec(text)?.[1];
    if (!slug) continue;
    const title = /^title:\s*"?(.+?)"?\s*$/m.exec(text)?.[1] ?? slug;
    // Chapter numbers need not be contiguous on every branch, so the front matter, not the list index, decides.
    const numberText = /^number:\s*(\d+)\s*$/m.exec(text)?.[1];
    const sections = new Map<string, string>();
    for (const m of text.matchAll(/^##\s+(.+?)\s*\{#([a-z0-9-]+)\}\s*$/gm)) sections.set(m[2] as string, (m[1] as string).replace(/`/g, ""));
    titles.set(slug, { title, number: numberText ? Number(numberText) : null, sections });
  }
  cached = new Map(
    chapterSlugs.map((slug, i) => {
      const found = titles.get(slug);
      const sectionTitles = new Map<string, string>(chapterSections[slug].map((id) => [id, found?.sections.get(id) ?? id]));
      return [slug, { slug, number: found?.number ?? i + 1, title: found?.title ?? slug, sectionTitles }];
    }),
  );
  return cached;
}

export function chapterTitle(slug: string): string {
  return chapterInfo().get(slug)?.title ?? slug;
}

export function sectionTitle(chapter: string, section: string): string {
  return chapterInfo().get(chapter)?.sectionTitles.get(section) ?? section;
}

export function sectionHref(chapter: string, section: string): string {
  return `/learn/${chapter}#${section}`;
}
