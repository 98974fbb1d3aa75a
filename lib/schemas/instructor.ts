import { z } from "zod";
import type { GiftProblem } from "@/lib/core/gift";
import { dbPositiveInt } from "@/lib/schemas/boundary";
import { chapterSlugs, difficultySchema, questionSchema, questionTypes } from "@/lib/schemas/question";

export const questionStatuses = ["DRAFT", "PUBLISHED", "RETIRED"] as const;
export type QuestionStatus = (typeof questionStatuses)[number];

const questionIdSchema = z.string().min(3).max(200);

/** Filters of the authoring list; every field is optional and an empty string means "any". */
export const questionFiltersSchema = z.object({
  chapter: z.enum(chapterSlugs).optional(),
  type: z.enum(questionTypes).optional(),
  tag: z.string().trim().max(60).optional(),
  difficulty: difficultySchema.optional(),
  status: z.enum(questionStatuses).optional(),
  q: z.string().trim().max(200).optional(),
});
export type QuestionFilters = z.infer<typeof questionFiltersSchema>;

export const createQuestionSchema = z.object({ question: questionSchema });

export const updateQuestionSchema = z.object({
  id: questionIdSchema,
  /** The version the author started from; a save on top of someone else's newer save is refused. */
  baseVersion: dbPositiveInt,
  question: questionSchema,
});

export const questionTransitions = ["publish", "unpublish", "retire"] as const;
export type QuestionTransition = (typeof questionTransitions)[number];
export const setQuestionStatusSchema = z.object({ id: questionIdSchema, transition: z.enum(questionTransitions) });

export const deleteQuestionSchema = z.object({ id: questionIdSchema });

export const importFormats = ["json", "gift", "xml"] as const;
export type ImportFormat = (typeof importFormats)[number];

export const MAX_IMPORT_CHARS = 1_000_000;

export const importDefaultsSchema = z.object({
  chapter: z.enum(chapterSlugs),
  section: z.string().trim().min(1, "choose a section"),
  difficulty: difficultySchema,
  tags: z
    .array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "tags are lowercase kebab-case"))
    .min(1, "give at least one tag")
    .max(6),
  unit: z.string().trim().min(1, "give a unit for numeric questions").max(40),
});

export const importQuestionsSchema = z.object({
  format: z.enum(importFormats),
  text: z
    .string()
    .min(1, "paste or upload a file to import")
    .max(MAX_IMPORT_CHARS, `the file is larger than ${MAX_IMPORT_CHARS} characters`),
  defaults: importDefaultsSchema,
  publish: z.boolean(),
});
export type ImportQuestionsInput = z.infer<typeof importQuestionsSchema>;

export const exportQuerySchema = z.object({
  format: z.enum(importFormats),
  chapter: z.enum(chapterSlugs).optional(),
  status: z.enum(questionStatuses).optional(),
});

export const cohortNameSchema = z.string().trim().min(1, "give the cohort a name").max(80, "use at most 80 characters");
export const createCohortSchema = z.object({ name: cohortNameSchema });
export const cohortIdSchema = z.object({ cohortId: z.string().min(1).max(64) });
export const joinCohortSchema = z.object({ token: z.string().min(10).max(64) });

export const statsFiltersSchema = z.object({
  cohort: z.string().min(1).max(64).optional(),
  chapter: z.enum(chapterSlugs).optional(),
});

/** An instructor asks for one group's statistics to be recomputed now: everyone (no cohort) or one own cohort. */
export const recomputeStatsSchema = z.strictObject({ cohort: z.string().min(1, "cohort must be a cohort's id").max(64, "cohort must be a cohort's id").optional() });

/** The import preview and its problems, as the instructor's import page receives them. */
export type ImportPreviewItem = { line: number; id: string; type: string; chapter: string; section: string; prompt: string };
export type ImportReport =
  | { ok: true; questions: ImportPreviewItem[]; warnings: GiftProblem[] }
  | { ok: false; errors: GiftProblem[]; warnings: GiftProblem[] };
