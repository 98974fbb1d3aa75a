import { z } from "zod";

/** A kebab-case name (a chapter's slug, a section's id); each message names which one is wrong. */
const kebabName = (owner: string, noun: string) =>
  z
    .string({ message: `Give the ${owner}'s ${noun}` })
    .trim()
    .min(1, { message: `Give the ${owner}'s ${noun}` })
    .max(80, { message: `That ${owner} ${noun} is too long` })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: `A ${owner} ${noun} is lowercase words joined by hyphens` });
const slug = kebabName("chapter", "slug");
const sectionId = kebabName("section", "id");

export const PROGRESS_SOURCES = ["manual", "scroll", "merged"] as const;
export type ProgressSource = (typeof PROGRESS_SOURCES)[number];

export const sectionRefSchema = z.object({ chapter: slug, section: sectionId });
export type SectionRef = z.infer<typeof sectionRefSchema>;

export const markSectionSchema = sectionRefSchema.extend({
  // "scroll": the reader scrolled through the section; "manual": they pressed "Mark as done".
  source: z.enum(["manual", "scroll"], { message: "source must be \"manual\" or \"scroll\"" }).default("manual"),
});
export type MarkSectionInput = z.infer<typeof markSectionSchema>;

/** The most a browser can hold: every section of every chapter, with room to spare. */
export const MAX_MERGE_ENTRIES = 500;

// Entries are checked one by one in the service (unknown ones are skipped), so a stale local copy never blocks a merge.
export const mergeProgressSchema = z.object({
  sections: z
    .array(z.object({ chapter: z.string().max(80), section: z.string().max(80) }), { message: "sections must be a list" })
    .max(MAX_MERGE_ENTRIES, { message: `At most ${MAX_MERGE_ENTRIES} sections can be merged at once` }),
});

export type ProgressEntry = { chapter: string; section: string; source: ProgressSource; completedAt: string };
