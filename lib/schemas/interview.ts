import { z } from "zod";
import { learnLinkSchema, problemSlugSchema } from "@/lib/schemas/problem-parts";
import { designIdSchema } from "@/lib/schemas/design-record";

// The interview stages of a practice problem: what a problem file defines for them, and what the candidate
// sends. Answers are scored on the server (lib/core/canvas/interview.ts); the browser never sees which
// requirements are relevant or the estimate answers before its own answer is stored.

const keySchema = problemSlugSchema;

/** A requirement the candidate may pick: some belong to the brief, some are plausible but out of scope. */
export const requirementOptionSchema = z.object({
  key: keySchema,
  text: z.string().min(5).max(300),
  kind: z.enum(["functional", "non-functional"]),
  relevant: z.boolean(),
  /** Shown after submission: why it is (or is not) part of this problem. */
  why: z.string().min(10).max(500),
});

/** The estimates every problem asks for, in fixed units. */
export const ESTIMATE_FIELDS = {
  qps: { label: "Average queries per second", unit: "req/s", max: 1e9 },
  peakQps: { label: "Peak queries per second", unit: "req/s", max: 1e10 },
  storagePerYearGb: { label: "New storage per year", unit: "GB", max: 1e9 },
  bandwidthMbps: { label: "Peak outbound bandwidth", unit: "Mbit/s", max: 1e10 },
  cacheGb: { label: "Cache size", unit: "GB", max: 1e8 },
} as const;
export type EstimateField = keyof typeof ESTIMATE_FIELDS;
export const ESTIMATE_KEYS = Object.keys(ESTIMATE_FIELDS) as EstimateField[];

const estimateAnswerSchema = z.object({ value: z.number().positive(), working: z.string().min(20).max(1500) });

export const estimatesSchema = z.object({
  /** The facts the candidate estimates from (shown in the estimates stage). */
  facts: z.array(z.string().min(5).max(300)).min(2),
  answers: z.object({
    qps: estimateAnswerSchema,
    peakQps: estimateAnswerSchema,
    storagePerYearGb: estimateAnswerSchema,
    bandwidthMbps: estimateAnswerSchema,
    cacheGb: estimateAnswerSchema,
  }),
});

/** One change of scenario a follow-up round applies to the candidate's own design. */
export const followUpChangeSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("scale-load"), factor: z.number().gt(1).max(1000) }),
  z.object({ op: z.literal("read-ratio"), readRatio: z.number().min(0).max(1) }),
  z.object({ op: z.literal("cold-connections"), coldRatio: z.number().min(0).max(1) }),
  z.object({ op: z.literal("region-down"), region: z.string().min(2).max(40) }),
  z.object({
    op: z.literal("slow-dependency"),
    kind: z.enum(["external_api", "database", "cache", "object_storage"]),
    medianMs: z.number().positive(),
    p99Ms: z.number().positive(),
  }),
  z.object({ op: z.literal("cache-flush"), hitRatio: z.number().min(0).max(1) }),
]);
export type FollowUpChange = z.infer<typeof followUpChangeSchema>;

export const followUpSchema = z.object({
  key: keySchema,
  title: z.string().min(3).max(120),
  /** What the interviewer says. */
  prompt: z.string().min(20).max(800),
  change: z.array(followUpChangeSchema).min(1).max(5),
  /** The bar under the changed scenario; absent figures use the problem's targets. */
  pass: z
    .object({ p99Ms: z.number().positive().optional(), availability: z.number().gt(0).lt(1).optional() })
    .default({}),
  /** Shown after the first submission of the round: what a strong answer does. */
  advice: z.string().min(20).max(800),
  href: learnLinkSchema,
});
export type FollowUp = z.infer<typeof followUpSchema>;

// ─── Candidate input ──────────────────────────────────────────────────────────────────────────────────────

export const requirementsInput = z.object({
  designId: designIdSchema,
  picks: z
    .array(
      z.object({
        key: keySchema,
        justification: z
          .string()
          .trim()
          .min(10, "each justification needs at least 10 characters: say why the brief needs it")
          .max(500, "a justification is at most 500 characters"),
      }),
    )
    .min(1, "pick at least one requirement")
    .max(40)
    .refine((picks) => new Set(picks.map((p) => p.key)).size === picks.length, "each requirement can be picked once"),
});
export type RequirementsInput = z.infer<typeof requirementsInput>;

/**
 * One estimate as typed: digits with optional thousands separators and decimals. Letters (units, "k", "1e6"),
 * negatives, zero and absurd magnitudes are refused with a message naming the field.
 */
function estimateValue(field: EstimateField) {
  const { label, unit, max } = ESTIMATE_FIELDS[field];
  return z
    .string({ error: `${label}: enter a number` })
    .max(40, `${label}: at most 40 characters`)
    .transform((raw, ctx) => {
      const text = raw.trim().replace(/[\s,_]/g, "");
      if (text === "") {
        ctx.addIssue({ code: "custom", message: `${label}: enter a number in ${unit}` });
        return z.NEVER;
      }
      if (text.startsWith("-")) {
        ctx.addIssue({ code: "custom", message: `${label}: must not be negative` });
        return z.NEVER;
      }
      if (!/^\d+(\.\d+)?$/.test(text)) {
        ctx.addIssue({ code: "custom", message: `${label}: use digits only, in ${unit} (no letters or units)` });
        return z.NEVER;
      }
      const value = Number(text);
      if (!(value > 0)) {
        ctx.addIssue({ code: "custom", message: `${label}: must be more than 0` });
        return z.NEVER;
      }
      if (value > max) {
        ctx.addIssue({ code: "custom", message: `${label}: ${text} ${unit} is beyond any real system; check the magnitude` });
        return z.NEVER;
      }
      return value;
    });
}

export const estimatesInput = z.object({
  designId: designIdSchema,
  values: z.object({
    qps: estimateValue("qps"),
    peakQps: estimateValue("peakQps"),
    storagePerYearGb: estimateValue("storagePerYearGb"),
    bandwidthMbps: estimateValue("bandwidthMbps"),
    cacheGb: estimateValue("cacheGb"),
  }),
});
export type EstimatesInput = z.infer<typeof estimatesInput>;

export const followUpInput = z.object({
  designId: designIdSchema,
  round: keySchema,
});

export const finishInterviewInput = z.object({ designId: designIdSchema, giveUp: z.boolean() });
