import { z } from "zod";
import { CHAPTER_SECTIONS, CHECKLIST_IDS } from "@/lib/core/evaluator/links";

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

const weightSchema = z
  .number({ error: "a whole percentage from 0 to 100" })
  .int("a whole percentage from 0 to 100")
  .min(0, "a whole percentage from 0 to 100")
  .max(100, "a whole percentage from 0 to 100");

/**
 * A problem's rubric (lib/core/canvas/rubric.ts applies it): the weight of each part of the design score in whole
 * percentages adding up to 100, and the checklist items a design must meet to pass (each caps a failing design).
 */
export const rubricSchema = z.object({
  weights: z
    .object({ latency: weightSchema, reliability: weightSchema, capacity: weightSchema, security: weightSchema, checklist: weightSchema })
    .strict()
    .refine((w) => Object.values(w).reduce((s, x) => s + x, 0) === 100, {
      message: "the weights must add up to 100 %",
    })
    .optional(),
  required: z
    .array(z.enum(CHECKLIST_IDS, { error: "not one of the ten design checklist items" }))
    .max(CHECKLIST_IDS.length)
    .refine((ids) => new Set(ids).size === ids.length, { message: "each checklist item may be required once" })
    .optional(),
}).strict();
