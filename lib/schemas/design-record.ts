import { z } from "zod";
import { MOCK_MINUTES } from "./mock-limits";
import { problemSlugSchema } from "@/lib/schemas/problem-parts";

// Inputs of the saved-design actions. The design document itself stays `unknown` here: the evaluator's
// validateDesign checks it, so a bad document gets the evaluator's problem list with JSON paths.

export const designIdSchema = z.string().min(1, "designId is required").max(64, "designId is too long");
export const designNameSchema = z
  .string()
  .trim()
  .min(1, "name must not be empty")
  .max(200, "name must be at most 200 characters");

export const createDesignInput = z.object({
  name: designNameSchema,
  problemId: problemSlugSchema.nullable().optional(),
  document: z.unknown(),
});

export const saveDesignInput = z.object({ designId: designIdSchema, document: z.unknown() });

export const renameDesignInput = z.object({ designId: designIdSchema, name: designNameSchema });

export const designRefInput = z.object({ designId: designIdSchema });

export const evaluateDesignInput = z.object({
  designId: designIdSchema,
  /** When present, the document is saved first (refused on a locked design) and then scored. */
  document: z.unknown().optional(),
});

export const evaluationRefInput = z.object({ evaluationId: z.string().min(1, "evaluationId is required").max(64) });

export const startMockInput = z.object({
  problemId: problemSlugSchema,
  minutes: z
    .number({ error: "minutes must be a number" })
    .int("minutes must be a whole number")
    .min(MOCK_MINUTES.min, `minutes must be at least ${MOCK_MINUTES.min}`)
    .max(MOCK_MINUTES.max, `minutes must be at most ${MOCK_MINUTES.max}`),
});

export type CreateDesignInput = z.infer<typeof createDesignInput>;
