import { z } from "zod";
import { dbPositiveInt } from "@/lib/schemas/boundary";
import { problemSchema, problemSlugSchema } from "@/lib/schemas/problem";

// What the instructor's problem-authoring actions accept. The problem itself is checked by problemSchema, the
// same schema content/problems/*.json and the import use, so the form, the files and the import cannot drift.

export const createProblemSchema = z.object({ problem: problemSchema });

export const updateProblemSchema = z.object({
  slug: problemSlugSchema,
  /** The version the author started from; a save on top of someone else's newer save is refused. */
  baseVersion: dbPositiveInt,
  problem: problemSchema,
});

export const problemTransitions = ["publish", "unpublish"] as const;
export type ProblemTransition = (typeof problemTransitions)[number];

export const setProblemStatusSchema = z.object({
  slug: problemSlugSchema,
  transition: z.enum(problemTransitions),
  /** The version the instructor looked at when they pressed Publish: publishing something else is refused. */
  version: dbPositiveInt,
});

export const previewProblemSchema = z.object({ problem: problemSchema });

export const MAX_PROBLEM_IMPORT_CHARS = 900_000;

export const importProblemsSchema = z.object({
  text: z
    .string()
    .min(1, "paste or upload a JSON file to import")
    .max(MAX_PROBLEM_IMPORT_CHARS, `the file is larger than ${MAX_PROBLEM_IMPORT_CHARS} characters`),
});

/** The export/import file: one JSON array of problems (a single problem object is accepted on import too). */
export const problemFileSchema = z.array(problemSchema).min(1).max(50);

export const exportProblemsQuerySchema = z.object({ slug: problemSlugSchema.optional() });

/** The reference design's evaluation, as the authoring pages show it. */
export type ReferenceCheck = { score: number; grade: string; p99Ms: number | null; availability: number | null };

/** draft: never published (or withdrawn); published: the latest version is live; changed: a newer draft waits. */
export type ProblemStatus = "draft" | "published" | "changed";

export type ImportOutcome = { slug: string; title: string; result: "created" | "new-version" | "unchanged"; version: number };
