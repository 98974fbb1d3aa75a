import { z } from "zod";
import { STAGES } from "@/lib/core/canvas/interview";
import { RUBRIC_PARTS } from "@/lib/core/canvas/rubric";
import { CHECKLIST_IDS } from "@/lib/core/evaluator/links";
import { designSchema } from "@/lib/schemas/design";
import { evaluationResultSchema } from "@/lib/schemas/evaluation-result";
import { ESTIMATE_KEYS, type EstimateField } from "@/lib/schemas/interview";

// What the browser sees of an interview. lib/server/designs/interview.ts builds these from the stored stages
// and parses them here before they leave the server, so stored feedback is checked rather than cast; the pure
// scorers in lib/core/canvas produce the feedback types defined here.

export const requirementsFeedbackSchema = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      text: z.string(),
      kind: z.string(),
      relevant: z.boolean(),
      picked: z.boolean(),
      justification: z.string().nullable(),
      why: z.string(),
      verdict: z.enum(["right", "missed", "out-of-scope", "left-out"]),
    }),
  ),
  right: z.number(),
  wrong: z.number(),
  missed: z.number(),
});
export type RequirementsFeedback = z.infer<typeof requirementsFeedbackSchema>;

export const estimateVerdictSchema = z.enum(["close", "order-of-magnitude", "off"]);
export type EstimateVerdict = z.infer<typeof estimateVerdictSchema>;

export const estimatesFeedbackSchema = z.object({
  items: z.array(
    z.object({
      field: z.enum(ESTIMATE_KEYS as [EstimateField, ...EstimateField[]]),
      label: z.string(),
      unit: z.string(),
      given: z.number(),
      expected: z.number(),
      /** given / expected. */
      ratio: z.number(),
      verdict: estimateVerdictSchema,
      working: z.string(),
    }),
  ),
});
export type EstimatesFeedback = z.infer<typeof estimatesFeedbackSchema>;

const measurement = z.object({ score: z.number(), p99Ms: z.number(), availability: z.number() });
export const breakageSchema = z.object({ what: z.string(), before: z.string(), after: z.string(), by: z.string() });
export type Breakage = z.infer<typeof breakageSchema>;

/** A problem's rubric applied to one scored design (lib/core/canvas/rubric.ts applyRubric builds it). */
export const rubricOutcomeSchema = z.object({
  /** The score for this problem, 0–100. */
  score: z.number(),
  grade: z.enum(["A", "B", "C", "D", "F"]),
  /** The evaluator's own score on the standard weights. */
  evaluatorScore: z.number(),
  weighted: z.boolean(),
  /** Whole percentages per part of the score. */
  weights: z.record(z.enum(RUBRIC_PARTS), z.number()),
  required: z.array(
    z.object({ id: z.enum(CHECKLIST_IDS), title: z.string(), href: z.string(), status: z.enum(["pass", "fail", "n/a"]) }),
  ),
  cap: z.object({ max: z.number(), reason: z.string(), href: z.string() }).nullable(),
  requiredMet: z.boolean(),
});
export type RubricOutcome = z.infer<typeof rubricOutcomeSchema>;

export const followUpFeedbackSchema = z.object({
  passed: z.boolean(),
  /** The problem's rubric applied to the changed design (absent on rounds stored before rubrics existed). */
  rubric: rubricOutcomeSchema.optional(),
  measured: z.boolean(),
  targets: z.object({ p99Ms: z.number(), availability: z.number() }),
  before: measurement,
  after: measurement,
  broke: z.array(breakageSchema),
  newFindings: z.array(z.string()),
});
export type FollowUpFeedback = z.infer<typeof followUpFeedbackSchema>;

export const designStageFeedbackSchema = z.object({ evaluationId: z.string(), grade: z.string(), rubric: rubricOutcomeSchema.optional() });

/** One scored answer to a stage: points, pass mark, feedback and when (ISO 8601). */
export const submissionSchema = <F extends z.ZodType>(feedback: F) =>
  z.object({ score: z.number(), maxScore: z.number(), passed: z.boolean(), feedback, createdAt: z.string() });
export type Submission<F> = { score: number; maxScore: number; passed: boolean; feedback: F; createdAt: string };

export const interviewViewSchema = z.object({
  requirements: z.object({
    options: z.array(z.object({ key: z.string(), text: z.string(), kind: z.enum(["functional", "non-functional"]) })),
    submitted: submissionSchema(requirementsFeedbackSchema).nullable(),
  }),
  estimates: z.object({
    facts: z.array(z.string()),
    fields: z.array(z.object({ key: z.string(), label: z.string(), unit: z.string() })),
    submitted: submissionSchema(
      estimatesFeedbackSchema.extend({ values: z.record(z.string(), z.number()) }),
    ).nullable(),
  }),
  /** rubric: the problem's weights and required items applied (absent on stages stored before rubrics existed). */
  design: z.object({ submitted: submissionSchema(designStageFeedbackSchema).nullable() }),
  followUps: z.object({
    rounds: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        prompt: z.string(),
        changes: z.array(z.string()),
        attempts: z.array(submissionSchema(followUpFeedbackSchema)),
        /** What a strong answer does: shown once the round has been answered. */
        advice: z.object({ text: z.string(), href: z.string() }).nullable(),
      }),
    ),
    /** Index of the round being answered, or null before the design is submitted. */
    current: z.number().int().nullable(),
  }),
  /** ISO 8601, or null while the interview is open. */
  closedAt: z.string().nullable(),
  gaveUp: z.boolean(),
  /** The next thing to do, for the page's step indicator. */
  next: z.enum([...STAGES, "finish", "closed"]),
});
export type InterviewView = z.infer<typeof interviewViewSchema>;

export const diffItemSchema = z.object({
  kind: z.enum(["missing-node", "extra-node", "configured", "missing-edge", "extra-edge"]),
  /** "Cache (Codes cache)", "Load balancer → App": what the item is about. */
  subject: z.string(),
  /** What differs, in words. */
  text: z.string(),
  /**
   * Points: for missing and configured items, what the reference loses with this difference applied; for extra
   * items, what the candidate's score would gain (positive) or lose (negative) without it. Null when it cannot
   * be measured (the changed document is not valid).
   */
  points: z.number().nullable(),
});
export type DiffItem = z.infer<typeof diffItemSchema>;

/** The reference beside the candidate's design, once the interview is over. */
export const referenceComparisonSchema = z.object({
  reference: designSchema,
  referenceResult: evaluationResultSchema,
  candidate: designSchema,
  candidateResult: evaluationResultSchema,
  diff: z.object({
    items: z.array(diffItemSchema),
    referenceScore: z.number().nullable(),
    candidateScore: z.number().nullable(),
  }),
  gaveUp: z.boolean(),
});
export type ReferenceComparison = z.infer<typeof referenceComparisonSchema>;
