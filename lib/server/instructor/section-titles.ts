import "server-only";
import { chapterInfo } from "@/lib/server/quiz/chapter-titles";

/** Section titles as a plain object the editor (a client component) can take as a prop. */
export function sectionTitles(): Record<string, Record<string, string>> {
  return Object.fromEntries([...chapterInfo().values()].map((c) => [c.slug, Object.fromEntries(c.sectionTitles)]));
}

/** Each chapter's title by slug, for choosers that must not show slugs. */
export function chapterTitles(): Record<string, string> {
  return Object.fromEntries([...chapterInfo().values()].map((c) => [c.slug, c.title]));
}
