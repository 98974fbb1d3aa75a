import { z } from "zod";
import { estimateIssues } from "../quiz/estimate";
import { CHAPTER_SECTIONS } from "./chapters";

/**
 * Question bank schemas: the single source for the file format in docs/content-format.md.
 *
 * Two families live here:
 * - the full question (answers, feedback, explanation) that only the server ever holds;
 * - the public question and the per-type response shapes that cross the wire to and from the browser.
 *
 * Everything a browser receives before it submits is a `PublicQuestion`, which by construction has no field
 * that could carry an answer. Converting is done by `toPublicQuestion` in lib/quiz.
 */

// ---------------------------------------------------------------------------------------------------------
// Chapters and the section ids a question may link to (the required `##` ids of content-format.md).
// ---------------------------------------------------------------------------------------------------------

export const chapterSections = CHAPTER_SECTIONS;

export type ChapterSlug = keyof typeof chapterSections;

// Object.keys loses the literal types; the cast is safe because the keys come from the literal above.
export const chapterSlugs = Object.keys(chapterSections) as [ChapterSlug, ...ChapterSlug[]];

export const questionTypes = ["single", "multiple", "true_false", "numeric", "ordering", "matching", "estimate"] as const;
export type QuestionType = (typeof questionTypes)[number];

export const difficulties = ["easy", "medium", "hard"] as const;
export const difficultySchema = z.enum(difficulties);
export type Difficulty = z.infer<typeof difficultySchema>;

// ---------------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------------

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const nonEmpty = z.string().trim().min(1);

/** Short ids for choices, items and pairs ("a", "b", "c2"): they appear in responses, so keep them tame. */
const localIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,23}$/, 'a short id such as "a"');

const tagSchema = z.string().regex(kebab, "tags are lowercase kebab-case");

/** `<chapter-slug>/<kebab-name>`; the prefix is checked against `chapter` in the question refinement. */
const questionIdSchema = z
  .string()
  .regex(/^[a-z0-9-]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/, "id is <chapter-slug>/<kebab-name>");

const baseFields = {
  id: questionIdSchema,
  chapter: z.enum(chapterSlugs),
  section: z.string().regex(kebab),
  difficulty: difficultySchema,
  tags: z.array(tagSchema).min(1).max(6),
  prompt: nonEmpty,
  explanation: nonEmpty,
};

export const choiceSchema = z.strictObject({
  id: localIdSchema,
  text: nonEmpty,
  correct: z.boolean(),
  feedback: nonEmpty,
});
export type Choice = z.infer<typeof choiceSchema>;

export const toleranceSchema = z.strictObject({
  kind: z.enum(["absolute", "relative"]),
  /** Absolute: in the question's unit. Relative: a fraction of the answer (0.05 = ±5 %). Never defaulted. */
  value: z.number({ error: "give the tolerance (0 for an exact answer)" }).min(0),
});
export type Tolerance = z.infer<typeof toleranceSchema>;

export const orderingItemSchema = z.strictObject({ id: localIdSchema, text: nonEmpty });
export type OrderingItem = z.infer<typeof orderingItemSchema>;

export const matchingPairSchema = z.strictObject({ id: localIdSchema, left: nonEmpty, right: nonEmpty });
export type MatchingPair = z.infer<typeof matchingPairSchema>;

type Issue = { message: string; path: (string | number)[] };

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dups.add(v);
    seen.add(v);
  }
  return [...dups];
}

/** Report duplicates inside `values` as issues at `path` (ids and texts must both be unique). */
function uniqueIssues(values: readonly string[], what: string, path: (string | number)[]): Issue[] {
  return duplicates(values).map((d) => ({ message: `duplicate ${what} "${d}"`, path }));
}

// ---------------------------------------------------------------------------------------------------------
// Full (answerful) questions: server side only
// ---------------------------------------------------------------------------------------------------------

export const singleQuestionSchema = z.strictObject({
  ...baseFields,
  type: z.literal("single"),
  choices: z.array(choiceSchema).min(3).max(6),
});

export const multipleQuestionSchema = z.strictObject({
  ...baseFields,
  type: z.literal("multiple"),
  choices: z.array(choiceSchema).min(3).max(6),
});

export const trueFalseQuestionSchema = z.strictObject({
  ...baseFields,
  type: z.literal("true_false"),
  answer: z.boolean(),
  /** Shown to someone who answered "true" (right or wrong). */
  feedbackTrue: nonEmpty,
  /** Shown to someone who answered "false". */
  feedbackFalse: nonEmpty,
});

export const numericQuestionSchema = z.strictObject({
  ...baseFields,
  type: z.literal("numeric"),
  /** Required: an author must state the right value; nothing defaults to 0. */
  answer: z.number({ error: "give the right answer as a number" }),
  tolerance: toleranceSchema,
  unit: nonEmpty,
  /** Shown when the answer is below the accepted range (a common wrong answer, e.g. forgetting a step). */
  feedbackLow: nonEmpty.optional(),
  feedbackHigh: nonEmpty.optional(),
});

export const orderingQuestionSchema = z.strictObject({
  ...baseFields,
  type: z.literal("ordering"),
  /** In the correct order; the public question shows them shuffled under opaque ids. */
  items: z.array(orderingItemSchema).min(3).max(7),
});

export const matchingQuestionSchema = z.strictObject({
  ...baseFields,
  type: z.literal("matching"),
  pairs: z.array(matchingPairSchema).min(3).max(6),
  /** Extra right-hand options that match nothing, so the last pair cannot be found by elimination. */
  distractors: z.array(nonEmpty).optional(),
});

// ---------------------------------------------------------------------------------------------------------
// Generated estimation questions: variables drawn per attempt, the answer computed by a formula (lib/quiz/estimate.ts
// checks formulas and templates; this schema only fixes the shape).
// ---------------------------------------------------------------------------------------------------------

/** A formula variable: lowerCamel or snake, so it cannot clash with the few functions a formula may call. */
export const estimateVariableNameSchema = z
  .string()
  .regex(/^[a-z][A-Za-z0-9_]{0,23}$/, "a variable name such as dau or reqPerUser (letters, digits, _)");

export const estimateVariableSchema = z.strictObject({
  name: estimateVariableNameSchema,
  min: z.number().positive(),
  max: z.number().positive(),
  /**
   * linear: min, min + step, … up to max, each equally likely. log: log-uniform between min and max, rounded to
   * `sig` significant figures (so "12 million", not 12,034,117), which suits quantities spanning decades.
   */
  scale: z.enum(["linear", "log"]),
  step: z.number().positive().optional(),
  sig: z.number().int().min(1).max(4).optional(),
  /** Shown after the value: "DAU", "ms", "KB", "%". */
  unit: nonEmpty.max(40),
});
export type EstimateVariable = z.infer<typeof estimateVariableSchema>;

/**
 * relative: within ±value of the answer (0.1 = ±10 %). factor: between answer ÷ value and answer × value.
 * magnitude: the same power of ten as the answer (1 000–9 999 all match 4 200).
 */
export const estimateToleranceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("relative"), value: z.number().positive().max(1) }),
  z.strictObject({ kind: z.literal("factor"), value: z.number().gt(1).max(100) }),
  z.strictObject({ kind: z.literal("magnitude") }),
]);
export type EstimateTolerance = z.infer<typeof estimateToleranceSchema>;

export const estimateQuestionSchema = z.strictObject({
  ...baseFields,
  type: z.literal("estimate"),
  /** The prompt names every variable as {{name}}; each is replaced by the drawn value and its unit. */
  variables: z.array(estimateVariableSchema).min(1).max(8),
  /** mathjs syntax restricted to arithmetic (see lib/quiz/estimate.ts); evaluates to the answer in `unit`. */
  formula: nonEmpty.max(500),
  unit: nonEmpty.max(40),
  tolerance: estimateToleranceSchema,
  /**
   * The worked solution, shown only after the answer is committed: {{name}} for a drawn value,
   * {{= expression | unit}} for an intermediate step, {{answer}} for the result.
   */
  solution: nonEmpty.max(4000),
});
export type EstimateQuestion = z.infer<typeof estimateQuestionSchema>;

const questionUnion = z.discriminatedUnion("type", [
  singleQuestionSchema,
  multipleQuestionSchema,
  trueFalseQuestionSchema,
  numericQuestionSchema,
  orderingQuestionSchema,
  matchingQuestionSchema,
  estimateQuestionSchema,
]);

/** Cross-field rules a plain shape can't express; each returns the issues it finds. */
function questionIssues(q: z.infer<typeof questionUnion>): Issue[] {
  const issues: Issue[] = [];
  if (!q.id.startsWith(`${q.chapter}/`)) {
    issues.push({ message: `id must start with "${q.chapter}/"`, path: ["id"] });
  }
  const sections: readonly string[] = chapterSections[q.chapter];
  if (!sections.includes(q.section)) {
    issues.push({
      message: `section "${q.section}" is not a required section of ${q.chapter} (${sections.join(", ")})`,
      path: ["section"],
    });
  }
  issues.push(...uniqueIssues(q.tags, "tag", ["tags"]));

  switch (q.type) {
    case "single":
    case "multiple": {
      issues.push(
        ...uniqueIssues(
          q.choices.map((c) => c.id),
          "choice id",
          ["choices"],
        ),
      );
      issues.push(
        ...uniqueIssues(
          q.choices.map((c) => c.text),
          "choice text",
          ["choices"],
        ),
      );
      const correct = q.choices.filter((c) => c.correct).length;
      if (q.type === "single" && correct !== 1) {
        issues.push({ message: `single-choice needs exactly one correct choice, found ${correct}`, path: ["choices"] });
      }
      if (q.type === "multiple" && correct < 1) {
        issues.push({ message: "multiple-choice needs at least one correct choice", path: ["choices"] });
      }
      break;
    }
    case "ordering":
      issues.push(
        ...uniqueIssues(
          q.items.map((i) => i.id),
          "item id",
          ["items"],
        ),
      );
      issues.push(
        ...uniqueIssues(
          q.items.map((i) => i.text),
          "item text",
          ["items"],
        ),
      );
      break;
    case "matching": {
      issues.push(
        ...uniqueIssues(
          q.pairs.map((p) => p.id),
          "pair id",
          ["pairs"],
        ),
      );
      issues.push(
        ...uniqueIssues(
          q.pairs.map((p) => p.left),
          "left text",
          ["pairs"],
        ),
      );
      // Right texts and distractors share one option list, so they must be unique together.
      issues.push(
        ...uniqueIssues([...q.pairs.map((p) => p.right), ...(q.distractors ?? [])], "right-hand option", ["pairs"]),
      );
      break;
    }
    case "estimate": {
      issues.push(
        ...uniqueIssues(
          q.variables.map((v) => v.name),
          "variable name",
          ["variables"],
        ),
      );
      q.variables.forEach((v, i) => {
        if (v.min > v.max) issues.push({ message: "min must not exceed max", path: ["variables", i, "max"] });
        if (v.scale === "linear" && v.step === undefined) {
          issues.push({ message: "a linear variable needs a step", path: ["variables", i, "step"] });
        }
      });
      // Formula, templates and evaluation over the ranges (only once the ranges themselves make sense).
      if (issues.length === 0) issues.push(...estimateIssues(q));
      break;
    }
    case "numeric":
    case "true_false":
      break;
  }
  return issues;
}

/** A full question as stored in content/questions/*.json and in the database. Never send it to a browser. */
export const questionSchema = questionUnion.superRefine((q, ctx) => {
  for (const issue of questionIssues(q)) ctx.addIssue({ code: "custom", ...issue });
});
export type Question = z.infer<typeof questionSchema>;
export type SingleQuestion = z.infer<typeof singleQuestionSchema>;
export type MultipleQuestion = z.infer<typeof multipleQuestionSchema>;
export type TrueFalseQuestion = z.infer<typeof trueFalseQuestionSchema>;
export type NumericQuestion = z.infer<typeof numericQuestionSchema>;
export type OrderingQuestion = z.infer<typeof orderingQuestionSchema>;
export type MatchingQuestion = z.infer<typeof matchingQuestionSchema>;

/** One content/questions/<chapter-slug>.json file; ids must be unique within the file. */
export const questionFileSchema = z.array(questionSchema).superRefine((qs, ctx) => {
  for (const issue of uniqueIssues(
    qs.map((q) => q.id),
    "question id",
    [],
  ))
    ctx.addIssue({ code: "custom", ...issue });
});
export type QuestionFile = z.infer<typeof questionFileSchema>;

// ---------------------------------------------------------------------------------------------------------
// Public (answerless) questions: what the browser gets before it submits
// ---------------------------------------------------------------------------------------------------------

const publicBase = {
  id: questionIdSchema,
  chapter: z.enum(chapterSlugs),
  section: z.string(),
  difficulty: difficultySchema,
  tags: z.array(z.string()),
  prompt: z.string(),
};

/** A choice as shown: no `correct`, no `feedback`. */
export const publicChoiceSchema = z.strictObject({ id: z.string(), text: z.string() });
/** An ordering item or matching option under an opaque id that says nothing about its position or partner. */
export const publicOptionSchema = z.strictObject({ id: z.string(), text: z.string() });
export type PublicOption = z.infer<typeof publicOptionSchema>;

export const publicSingleQuestionSchema = z.strictObject({
  ...publicBase,
  type: z.literal("single"),
  choices: z.array(publicChoiceSchema),
});
export const publicMultipleQuestionSchema = z.strictObject({
  ...publicBase,
  type: z.literal("multiple"),
  choices: z.array(publicChoiceSchema),
});
export const publicTrueFalseQuestionSchema = z.strictObject({ ...publicBase, type: z.literal("true_false") });
export const publicNumericQuestionSchema = z.strictObject({
  ...publicBase,
  type: z.literal("numeric"),
  unit: z.string(),
  // The tolerance is shown ("to within ±1 ms"); it bounds the answer's precision, not its value.
  tolerance: toleranceSchema,
});
export const publicOrderingQuestionSchema = z.strictObject({
  ...publicBase,
  type: z.literal("ordering"),
  /** Shuffled by the seed; ids are opaque, so neither position nor id reveals the right order. */
  items: z.array(publicOptionSchema),
});
export const publicMatchingQuestionSchema = z.strictObject({
  ...publicBase,
  type: z.literal("matching"),
  /** Left-hand prompts in authored order; their ids are the keys of a matching response. */
  left: z.array(publicOptionSchema),
  /** Right-hand texts plus distractors, shuffled by the seed, under opaque ids. */
  options: z.array(publicOptionSchema),
});

/** The prompt carries this attempt's drawn values; neither the formula nor the answer is sent. */
export const publicEstimateQuestionSchema = z.strictObject({
  ...publicBase,
  type: z.literal("estimate"),
  unit: z.string(),
  tolerance: estimateToleranceSchema,
});

export const publicQuestionSchema = z.discriminatedUnion("type", [
  publicSingleQuestionSchema,
  publicMultipleQuestionSchema,
  publicTrueFalseQuestionSchema,
  publicNumericQuestionSchema,
  publicOrderingQuestionSchema,
  publicMatchingQuestionSchema,
  publicEstimateQuestionSchema,
]);
export type PublicQuestion = z.infer<typeof publicQuestionSchema>;

// ---------------------------------------------------------------------------------------------------------
// Responses: shape only. Whether ids exist in the question is checked by validateResponse in lib/quiz.
// ---------------------------------------------------------------------------------------------------------

const responseId = z.string().min(1);

function noDuplicates(values: readonly string[], ctx: z.core.$RefinementCtx<string[]>): void {
  values.forEach((v, i) => {
    if (values.indexOf(v) !== i) ctx.addIssue({ code: "custom", message: `duplicate id "${v}"`, path: [i] });
  });
}

export const singleResponseSchema = z.strictObject({ choiceId: responseId });
export const multipleResponseSchema = z.strictObject({
  // Empty is allowed: picking nothing is an answer (it scores 0).
  choiceIds: z.array(responseId).superRefine(noDuplicates),
});
export const trueFalseResponseSchema = z.strictObject({ value: z.boolean() });
/** zod 4's z.number() already rejects NaN and ±Infinity, and strings are never coerced. */
export const numericResponseSchema = z.strictObject({ value: z.number() });
export const orderingResponseSchema = z.strictObject({ order: z.array(responseId).superRefine(noDuplicates) });
export const matchingResponseSchema = z.strictObject({
  /** leftId → public option id. Left items left out count as unmatched. */
  matches: z.record(z.string(), responseId),
});

export const responseSchemas = {
  single: singleResponseSchema,
  multiple: multipleResponseSchema,
  true_false: trueFalseResponseSchema,
  numeric: numericResponseSchema,
  ordering: orderingResponseSchema,
  matching: matchingResponseSchema,
  estimate: numericResponseSchema,
} as const satisfies Record<QuestionType, z.ZodType>;

export type SingleResponse = z.infer<typeof singleResponseSchema>;
export type MultipleResponse = z.infer<typeof multipleResponseSchema>;
export type TrueFalseResponse = z.infer<typeof trueFalseResponseSchema>;
export type NumericResponse = z.infer<typeof numericResponseSchema>;
export type OrderingResponse = z.infer<typeof orderingResponseSchema>;
export type MatchingResponse = z.infer<typeof matchingResponseSchema>;
export type ResponseFor<T extends QuestionType> = z.infer<(typeof responseSchemas)[T]>;
/** Any response; which one is legal depends on the question's type. */
export type QuestionResponse =
  SingleResponse | MultipleResponse | TrueFalseResponse | NumericResponse | OrderingResponse | MatchingResponse;

// ---------------------------------------------------------------------------------------------------------
// Score results: what the server returns after a submission (safe to send: the attempt is over).
// ---------------------------------------------------------------------------------------------------------

export const choiceFeedbackSchema = z.strictObject({
  choiceId: z.string(),
  text: z.string(),
  picked: z.boolean(),
  correct: z.boolean(),
  feedback: z.string(),
});
export type ChoiceFeedback = z.infer<typeof choiceFeedbackSchema>;

export const matchFeedbackSchema = z.strictObject({
  leftId: z.string(),
  /** The option the candidate chose, or null when the left item was left unmatched. */
  pickedOptionId: z.string().nullable(),
  correctOptionId: z.string(),
  correct: z.boolean(),
});
export type MatchFeedback = z.infer<typeof matchFeedbackSchema>;

export const feedbackSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("single"),
    explanation: z.string(),
    perChoice: z.array(choiceFeedbackSchema),
    correctAnswer: singleResponseSchema,
  }),
  z.strictObject({
    type: z.literal("multiple"),
    explanation: z.string(),
    perChoice: z.array(choiceFeedbackSchema),
    correctAnswer: multipleResponseSchema,
  }),
  z.strictObject({
    type: z.literal("true_false"),
    explanation: z.string(),
    /** The feedback written for the value the candidate picked. */
    message: z.string(),
    correctAnswer: trueFalseResponseSchema,
  }),
  z.strictObject({
    type: z.literal("numeric"),
    explanation: z.string(),
    /** feedbackLow/feedbackHigh when the answer fell outside the range and the author wrote one. */
    message: z.string().optional(),
    correctAnswer: z.strictObject({
      value: z.number(),
      unit: z.string(),
      tolerance: toleranceSchema,
      /** The inclusive accepted range, for display. */
      min: z.number(),
      max: z.number(),
    }),
  }),
  z.strictObject({
    type: z.literal("ordering"),
    explanation: z.string(),
    /** Public item ids in the right order, with their texts for display. */
    correctAnswer: orderingResponseSchema,
    correctItems: z.array(publicOptionSchema),
  }),
  z.strictObject({
    type: z.literal("matching"),
    explanation: z.string(),
    perLeft: z.array(matchFeedbackSchema),
    correctAnswer: matchingResponseSchema,
  }),
  z.strictObject({
    type: z.literal("estimate"),
    explanation: z.string(),
    correctAnswer: z.strictObject({
      value: z.number(),
      unit: z.string(),
      tolerance: estimateToleranceSchema,
      /** The inclusive accepted range, for display. */
      min: z.number(),
      max: z.number(),
    }),
    /** The worked solution with this attempt's values substituted, one step per line (plain text). */
    solution: z.string(),
  }),
]);
export type Feedback = z.infer<typeof feedbackSchema>;

export const scoreResultSchema = z.strictObject({
  /** 0..1; partial credit only for multiple, ordering and matching. */
  score: z.number().min(0).max(1),
  /** True only for a fully right answer (score 1). */
  correct: z.boolean(),
  feedback: feedbackSchema,
});
export type ScoreResult = z.infer<typeof scoreResultSchema>;
