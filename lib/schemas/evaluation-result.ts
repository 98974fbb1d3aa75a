import { z } from "zod";
import { CHECKLIST_IDS, FINDING_IDS, type EvaluationResult } from "@/lib/core/evaluator";

// The evaluator's result as it crosses to the browser (docs/design-format-v2.md, "Result"). The evaluator
// (lib/core/evaluator/index.ts) owns the shape; this schema mirrors it for parsing, and the check at the end
// of the file fails to compile when the two drift apart.

const severity = z.enum(["critical", "major", "minor", "info"]);
const category = z.enum(["latency", "reliability", "capacity", "security", "checklist"]);
const grade = z.enum(["A", "B", "C", "D", "F"]);
const findingId = z.enum(
  FINDING_IDS as [EvaluationResult["findings"][number]["id"], ...EvaluationResult["findings"][number]["id"][]],
);

const breakdownStep = z.object({
  step: z.enum(["dns", "tcp", "tls", "quic", "request", "processing", "queueing", "tail", "transfer"]),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  /** Milliseconds. */
  ms: z.number(),
});

const scoreCap = z.object({ max: z.number(), reason: z.string(), findingId: z.string().optional() });

export const findingSchema = z.object({
  id: findingId,
  severity,
  title: z.string(),
  detail: z.string(),
  fix: z.string(),
  nodeIds: z.array(z.string()),
  edgeIds: z.array(z.string()),
  chapter: z.string(),
  category,
  /** Share of requests, 0–1. */
  impact: z.number().optional(),
  cap: z.number().optional(),
  capReason: z.string().optional(),
});

export const evaluationResultSchema = z.object({
  version: z.literal(1),
  modelVersion: z.string(),
  /** 0–100 points. */
  score: z.number(),
  grade,
  categories: z.record(category, z.object({ score: z.number() })),
  scoreCap: scoreCap.nullable(),
  caps: z.array(scoreCap),
  latency: z.object({
    coldTtfbMs: z.number(),
    coldLastByteMs: z.number(),
    warmTtfbMs: z.number(),
    breakdown: z.array(breakdownStep),
    p50Ms: z.number(),
    p95Ms: z.number(),
    p99Ms: z.number(),
    clients: z.array(
      z.object({
        clientId: z.string(),
        share: z.number(),
        coldTtfbMs: z.number(),
        p50Ms: z.number(),
        p95Ms: z.number(),
        p99Ms: z.number(),
        targetMet: z.boolean(),
        breakdown: z.array(breakdownStep),
      }),
    ),
    delivery: z.array(
      z.object({ queueId: z.string(), consumerId: z.string(), expectedMs: z.number(), p99Ms: z.number() }),
    ),
    samples: z.number(),
    // Results stored before model 2.2.0 have no `exact`: their percentiles were all sampled.
    exact: z.boolean().default(false),
    // Results stored before model 2.5.0 have no warm last byte.
    warmLastByteMs: z.number().optional(),
  }),
  availability: z.object({
    estimate: z.number(),
    nines: z.number(),
    spofs: z.array(z.string()),
    rejectedShare: z.number(),
  }),
  capacity: z.object({
    nodes: z.array(
      z.object({ nodeId: z.string(), arrivalRps: z.number(), capacityRps: z.number(), utilization: z.number() }),
    ),
    bottleneckNodeId: z.string().nullable(),
  }),
  checklist: z.array(
    z.object({ id: z.enum(CHECKLIST_IDS), status: z.enum(["pass", "fail", "n/a"]), nodeIds: z.array(z.string()) }),
  ),
  findings: z.array(findingSchema),
  assumptions: z.array(z.string()),
  cost: z.object({
    /** USD per month. */
    monthlyUsd: z.number(),
    items: z.array(z.object({ nodeId: z.string(), what: z.string(), monthlyUsd: z.number() })),
    assumptions: z.array(z.string()),
  }),
});

type Parsed = z.infer<typeof evaluationResultSchema>;
// Compile-time: the schema and the evaluator's type accept exactly the same values.
const sameShape: [Parsed] extends [EvaluationResult] ? ([EvaluationResult] extends [Parsed] ? true : false) : false =
  true;
void sameShape;

/**
 * Reads a stored result (evaluations.result) back. Results stored by older models parse where their shape still
 * fits the current one (fields added since take their documented defaults, e.g. `latency.exact`); one that does
 * not is reported as needing a re-score, with the model version that wrote it, instead of being cast and
 * crashing a page later.
 */
export function readStoredResult(
  value: unknown,
  modelVersion: string,
): { ok: true; result: EvaluationResult } | { ok: false; reason: string } {
  const parsed = evaluationResultSchema.safeParse(value);
  if (parsed.success) return { ok: true, result: parsed.data };
  const field = parsed.error.issues[0]?.path.join(".") || "result";
  return {
    ok: false,
    reason: `This evaluation was scored by model ${modelVersion} and its stored result no longer reads (${field}): evaluate the design again for a current score.`,
  };
}

// The two figures a history row shows; every result the evaluator ever stored (from model 1.0.0) carries them.
const summaryFiguresSchema = z.object({
  latency: z.object({ p99Ms: z.number() }),
  availability: z.object({ estimate: z.number() }),
});

/** The p99 latency (ms) and availability (0–1) of a stored result of any model version, or null if unreadable. */
export function readStoredFigures(value: unknown): { p99Ms: number; availability: number } | null {
  const parsed = summaryFiguresSchema.safeParse(value);
  return parsed.success ? { p99Ms: parsed.data.latency.p99Ms, availability: parsed.data.availability.estimate } : null;
}
