import { z } from "zod";
import { CHAPTER_SECTIONS } from "@/lib/core/evaluator/links";

// The small schemas a problem file and the interview stages share (kept apart so neither imports the other).

export const problemSlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug must be lowercase kebab-case")
  .max(80);

/** A hint links to a chapter section that exists: /learn/<slug>#<section-id>. */
export const learnLinkSchema = z.string().refine((href) => {
  const m = /^\/learn\/([a-z-]+)#([a-z0-9-]+)$/.exec(href);
  if (!m) return false;
  const sections = (CHAPTER_SECTIONS as Record<string, readonly string[]>)[m[1] ?? ""];
  return sections !== undefined && sections.includes(m[2] ?? "");
}, "href must be /learn/<chapter-slug>#<section-id> for a section that exists");
