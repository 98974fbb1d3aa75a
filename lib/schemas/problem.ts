import { z } from "zod";
import { scenarioSchema } from "@/lib/core/evaluator/schema";
import { validateDesign } from "@/lib/core/evaluator/validate";
import { estimatesSchema, followUpSchema, requirementOptionSchema } from "@/lib/schemas/interview";
import { learnLinkSchema, problemSlugSchema, rubricSchema } from "@/lib/schemas/problem-parts";
import { canonicalJson } from "@/lib/core/quiz/canonical";

// Practice problems: the file format of content/problems/<slug>.json (the single source). Starter and
// reference designs are design-format v1 documents and must pass the evaluator's own validation.

export { learnLinkSchema, problemSlugSchema };

const designDocumentSchema = z.unknown().superRefine((value, ctx) => {
  const checked = validateDesign(value);
  if (!checked.ok) {
    for (const e of checked.errors) ctx.addIssue({ code: "custom", message: `${e.path || "(root)"}: ${e.message}` });
  }
});

export const problemSchema = z
  .object({
    slug: problemSlugSchema,
    title: z.string().min(3).max(120),
    /** One sentence for the list on /practice. */
    summary: z.string().min(10).max(300),
    position: z.number().int().nonnegative(),
    difficulty: z.enum(["easy", "medium", "hard"]),
    /** Markdown. */
    brief: z.string().min(50),
    functional: z.array(z.string().min(3)).min(2),
    nonFunctional: z.array(z.string().min(3)).min(2),
    /** The load the design must carry; the same object as a design's `scenario`. */
    scenario: scenarioSchema.extend({
      rps: z.number().positive(),
      readRatio: z.number().min(0).max(1),
      targets: z.object({ p99Ms: z.number().positive(), availability: z.number().gt(0).lt(1) }),
    }),
    /** Where the users are: traffic share per region (the starter design has one client per entry). */
    clients: z
      .array(z.object({ region: z.string(), share: z.number().gt(0).max(1), platform: z.enum(["web", "mobile"]) }))
      .min(1),
    hints: z.array(z.object({ text: z.string().min(5), href: learnLinkSchema })).min(2),
    /** Stage 1: requirements to pick from (relevant ones and plausible distractors). */
    requirements: z.array(requirementOptionSchema).min(6).max(30),
    /** Stage 2: facts to estimate from and the worked answers. */
    estimates: estimatesSchema,
    /** Stage 4: follow-up rounds, in the order the interviewer asks them. */
    followUps: z.array(followUpSchema).min(3).max(8),
    /** How the design stage and follow-ups are scored for this problem; absent = the evaluator's standard weights, nothing required. */
    rubric: rubricSchema.optional(),
    starter: designDocumentSchema,
    reference: designDocumentSchema,
  })
  .superRefine((p, ctx) => {
    const relevant = p.requirements.filter((r) => r.relevant).length;
    if (relevant < 3 || p.requirements.length - relevant < 2) {
      ctx.addIssue({ code: "custom", path: ["requirements"], message: "requirements need at least 3 relevant options and 2 out-of-scope ones" });
    }
    for (const [name, list] of [
      ["requirements", p.requirements],
      ["followUps", p.followUps],
    ] as const) {
      const keys = list.map((x) => x.key);
      if (new Set(keys).size !== keys.length) ctx.addIssue({ code: "custom", path: [name], message: `${name} keys must be unique` });
    }
    const total = p.clients.reduce((s, c) => s + c.share, 0);
    if (Math.abs(total - 1) > 1e-6) {
      ctx.addIssue({ code: "custom", path: ["clients"], message: `client shares must add up to 1 (they add up to ${total})` });
    }
    for (const key of ["starter", "reference"] as const) {
      const doc = p[key] as { scenario?: unknown } | null;
      // Key order does not count: Postgres jsonb reorders keys.
      if (canonicalJson(doc?.scenario) !== canonicalJson(p.scenario)) {
        ctx.addIssue({ code: "custom", path: [key, "scenario"], message: `${key}.scenario must equal the problem's scenario` });
      }
    }
  });

export type Problem = z.infer<typeof problemSchema>;

/** What the workspace shows of a problem (the reference design never leaves the server): a security contract. */
export type ProblemBrief = Pick<Problem, "slug" | "title" | "functional" | "nonFunctional" | "scenario" | "clients" | "hints" | "difficulty" | "rubric"> & {
  briefHtml: string;
  /** The requirement lists are withheld until the interview's requirements stage is answered. */
  requirementsHidden?: boolean;
};
