import { z } from "zod";
import { estimateIssues } from "../core/quiz/estimate";
import { CHAPTER_SECTIONS } from "./chapters";
import { compileAnswerPattern } from "./question-pattern";
import { SHORT_ANSWER_RESPONSE_MAX } from "./quiz-limits";

/**
 * Question bank schemas: the single source for the file format in docs/content-format.md.
 *
 * Two families live here:
 * - the full question (answers, feedback, explanation) that only the server ever holds;
 * - the public question and the per-type response shapes that cross the wire to and from the browser.
 *
 * Everything a browser receives before it submits is a `PublicQuestion`, which by construction has no field
 * that could carry an answer. Converting is done by `toPublicQuestion` in lib/core/quiz.
 */

// ---------------------------------------------------------------------------------------------------------
// Chapters and the section ids a question may link to (the required `##` ids of content-format.md).
// ---------------------------------------------------------------------------------------------------------

export const chapterSections = CHAPTER_SECTIONS;

export type ChapterSlug = keyof typeof chapterSections;

// Object.keys loses the literal types; the cast is safe because the keys come from the literal above.
export const chapterSlugs = Object.keys(chapterSections) as [ChapterSlug, ...ChapterSlug[]];

export const questionTypes = [
  "single",
  "multiple",
  "true_false",
  "numeric",
  "ordering",
  "matching",
  "short_answer",
  "estimate",
] as const;
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

/**
 * A hint a candidate may ask for inside an open attempt. Its text stays on the server until requested; the
 * request is recorded with the attempt and `cost` (a fraction of the question's mark, 0.25 = 25 %) is
 * deducted from whatever the answer then scores, floored at 0.
 */
export const hintSchema = z.strictObject({
  text: nonEmpty.max(2000),
  cost: z.number({ error: "give the hint's cost as a fraction of the mark (0.25 = 25 %)" }).gt(0).max(1),
});

const baseFields = {
  id: questionIdSchema,
  chapter: z.enum(chapterSlugs),
  section: z.string().regex(kebab),
  difficulty: difficultySchema,
  tags: z.array(tagSchema).min(1).max(6),
  prompt: nonEmpty,
  explanation: nonEmpty,
  /** Revealed one at a time, in this order; costs add up. */
  hints: z.array(hintSchema).min(1).max(3).optional(),
};

/** A share of the mark: 1 = full marks, 0.5 = half, −0.25 = a quarter taken off. */
const weightSchema = z.number().min(-1).max(1);

export const choiceSchema = z.strictObject({
  id: localIdSchema,
  text: nonEmpty,
  correct: z.boolean(),
  feedback: nonEmpty,
  /**
   * Partial credit (Moodle's answer fraction). Absent: 1 for the correct choice of a single-choice question;
   * for multiple choice the classic rule (each right pick 1/k, each wrong pick −1/k). When any choice of a
   * question has a weight, every choice without one counts 0 (or 1 for a single-choice correct choice).
   */
  weight: weightSchema.optional(),
});
export type Choice = z.infer<typeof choiceSchema>;

export const toleranceSchema = z.strictObject({
  kind: z.enum(["absolute", "relative"]),
  /** Absolute: in the question's unit. Relative: a fraction of the answer (0.05 = ±5 %). Never defaulted. */
  value: z.number({ error: "give the tolerance (0 for an exact answer)" }).min(0),
});
export type Tolerance = z.infer<typeof toleranceSchema>;

export const orderingItemSchema = z.strictObject({ id: localIdSchema, text: nonEmpty });

export const matchingPairSchema = z.strictObject({ id: localIdSchema, left: nonEmpty, right: nonEmpty });

/** A further accepted numeric range with its own share of the mark (the main answer always earns 1). */
export const numericRangeSchema = z.strictObject({
  answer: z.number({ error: "give the value as a number" }),
  tolerance: toleranceSchema,
  weight: z.number().gt(0).max(1),
  feedback: nonEmpty.optional(),
});
export type NumericRange = z.infer<typeof numericRangeSchema>;

/** Longest regular expression an author may write; patterns run on RE2 semantics (linear time). */
export const SHORT_ANSWER_PATTERN_MAX = 200;

export const shortAnswerAcceptedSchema = z.strictObject({
  /**
   * "text": equal to the response after the question's case and whitespace rules.
   * "regex": the pattern must match the whole (normalised) response; it is anchored, so `colou?r` does not
   * accept "watercolour". Patterns use RE2 syntax (no back-references or look-arounds) so they run in linear
   * time whatever the input.
   */
  match: z.enum(["text", "regex"]),
  value: nonEmpty.max(SHORT_ANSWER_PATTERN_MAX),
  /** Share of the mark, 0..1; 0 lets an author attach feedback to a common wrong answer. */
  weight: z.number().min(0).max(1),
  feedback: nonEmpty.optional(),
});
export type ShortAnswerAccepted = z.infer<typeof shortAnswerAcceptedSchema>;

/**
 * How whitespace in a response is treated before comparing: "collapse" (default) trims and turns runs into
 * one space, "ignore" removes all whitespace ("T C P" = "TCP"), "exact" compares as typed.
 */
export const whitespaceRules = ["collapse", "ignore", "exact"] as const;

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
  /** Further ranges earning part of the mark (e.g. the answer off by the classic factor of 8 for bits). */
  partialRanges: z.array(numericRangeSchema).max(5).optional(),
});

export const orderingQuestionSchema = z.strictObject({
  ...baseFields,
  type: z.literal("ordering"),
  /** In the correct order; the public question shows them shuffled under opaque ids. */
  items: z.array(orderingItemSchema).min(3).max(7),
  /**
   * "adjacent" (default): share of neighbouring pairs in the right relative order. "position": share of items
   * in their exact position. "all_or_nothing": 1 only for the whole order.
   */
  scoring: z.enum(["adjacent", "position", "all_or_nothing"]).optional(),
});

export const matchingQuestionSchema = z.strictObject({
  ...baseFields,
  type: z.literal("matching"),
  pairs: z.array(matchingPairSchema).min(3).max(6),
  /** Extra right-hand options that match nothing, so the last pair cannot be found by elimination. */
  distractors: z.array(nonEmpty).optional(),
  /** "per_pair" (default): right pairs / all pairs. "all_or_nothing": 1 only when every pair is right. */
  scoring: z.enum(["per_pair", "all_or_nothing"]).optional(),
});

// ---------------------------------------------------------------------------------------------------------
// Generated estimation questions: variables drawn per attempt, the answer computed by a formula (lib/core/quiz/estimate.ts
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
  /** mathjs syntax restricted to arithmetic (see lib/core/quiz/estimate.ts); evaluates to the answer in `unit`. */
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


export const shortAnswerQuestionSchema = z.strictObject({
  ...baseFields,
  type: z.literal("short_answer"),
  /** Checked in order; the first that matches decides the score. One text answer must earn full marks. */
  answers: z.array(shortAnswerAcceptedSchema).min(1, "give at least one accepted answer").max(20),
  /** Default false: "TCP" = "tcp". */
  caseSensitive: z.boolean().optional(),
  /** Default "collapse". */
  whitespace: z.enum(whitespaceRules).optional(),
  /** Shown when nothing matched. */
  feedbackWrong: nonEmpty.optional(),
});

/** One schema per question type, in the order the editor offers them. */
export const questionMemberSchemas = [
  singleQuestionSchema,
  multipleQuestionSchema,
  trueFalseQuestionSchema,
  numericQuestionSchema,
  orderingQuestionSchema,
  matchingQuestionSchema,
  shortAnswerQuestionSchema,
  estimateQuestionSchema,
] as const;

const questionUnion = z.discriminatedUnion("type", questionMemberSchemas);

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
      issues.push(...choiceWeightIssues(q.type, q.choices));
      break;
    }
    case "short_answer": {
      issues.push(...shortAnswerIssues(q));
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
  if (q.hints !== undefined) {
    const total = q.hints.reduce((sum, h) => sum + h.cost, 0);
    if (total > 1 + WEIGHT_SLACK) {
      issues.push({
        message: `hints cost ${Math.round(total * 100)} % of the mark in total; at most 100 %`,
        path: ["hints"],
      });
    }
  }
  return issues;
}

/** Weights are typed as decimals (0.333…), so sums are compared with a little slack. */
const WEIGHT_SLACK = 1e-6;

/**
 * Weighted choices: all or none carry a weight, the flags agree with the weights, and some answer can earn
 * full marks (single: the correct choice is worth 100 %; multiple: the positive weights add up to 100 %).
 */
function choiceWeightIssues(type: "single" | "multiple", choices: readonly Choice[]): Issue[] {
  const weighted = choices.filter((c) => c.weight !== undefined).length;
  if (weighted === 0) return [];
  if (weighted !== choices.length) {
    return [{ message: "when one choice has a weight, every choice needs one", path: ["choices"] }];
  }
  const issues: Issue[] = [];
  choices.forEach((c, i) => {
    const w = c.weight ?? 0;
    if (type === "single" && c.correct !== (w === 1)) {
      issues.push({
        message: c.correct
          ? "the correct choice of a single-choice question is worth 100 %"
          : "only the correct choice may be worth 100 %",
        path: ["choices", i, "weight"],
      });
    }
    if (type === "multiple" && c.correct !== w > 0) {
      issues.push({
        message: c.correct ? "a correct choice needs a positive weight" : "a wrong choice cannot earn credit",
        path: ["choices", i, "weight"],
      });
    }
  });
  if (type === "multiple") {
    const best = choices.reduce((sum, c) => sum + Math.max(0, c.weight ?? 0), 0);
    if (Math.abs(best - 1) > WEIGHT_SLACK) {
      issues.push({
        message: `the positive weights add up to ${Math.round(best * 100)} %; they must add up to 100 % so a full answer scores full marks`,
        path: ["choices"],
      });
    }
  }
  return issues;
}

function shortAnswerIssues(q: z.infer<typeof shortAnswerQuestionSchema>): Issue[] {
  const issues: Issue[] = [];
  // A written-out full-mark answer is what candidates are shown afterwards and what the preview check types.
  if (!q.answers.some((a) => a.weight === 1 && a.match === "text")) {
    issues.push({
      message:
        "give at least one accepted answer written out as text and worth 100 % (it is shown as the right answer)",
      path: ["answers"],
    });
  }
  issues.push(
    ...uniqueIssues(
      q.answers.map((a) => `${a.match}:${a.value}`),
      "accepted answer",
      ["answers"],
    ),
  );
  q.answers.forEach((a, i) => {
    if (a.match !== "regex") return;
    const compiled = compileAnswerPattern(a.value, q.caseSensitive ?? false);
    if (!compiled.ok) issues.push({ message: compiled.message, path: ["answers", i, "value"] });
  });
  return issues;
}

/** A full question as stored in content/questions/*.json and in the database. Never send it to a browser. */
export const questionSchema = questionUnion.superRefine((q, ctx) => {
  for (const issue of questionIssues(q)) ctx.addIssue({ code: "custom", ...issue });
});
export type Question = z.infer<typeof questionSchema>;
export type NumericQuestion = z.infer<typeof numericQuestionSchema>;
export type OrderingQuestion = z.infer<typeof orderingQuestionSchema>;
export type MatchingQuestion = z.infer<typeof matchingQuestionSchema>;
export type ShortAnswerQuestion = z.infer<typeof shortAnswerQuestionSchema>;

/** One content/questions/<chapter-slug>.json file; ids must be unique within the file. */
export const questionFileSchema = z.array(questionSchema).superRefine((qs, ctx) => {
  for (const issue of uniqueIssues(
    qs.map((q) => q.id),
    "question id",
    [],
  ))
    ctx.addIssue({ code: "custom", ...issue });
});

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
  /** What each hint costs (a fraction of the mark), never its text: that is sent only when requested. */
  hintCosts: z.array(z.number()).optional(),
};

/** A choice as shown: no `correct`, no `feedback`. */
export const publicChoiceSchema = z.strictObject({ id: z.string(), text: z.string() });
/** An ordering item or matching option under an opaque id that says nothing about its position or partner. */
export const publicOptionSchema = z.strictObject({ id: z.string(), text: z.string() });

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

export const publicShortAnswerQuestionSchema = z.strictObject({
  ...publicBase,
  type: z.literal("short_answer"),
  /** Stated to the candidate ("capitals matter"); the accepted answers are not. */
  caseSensitive: z.boolean(),
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
  publicShortAnswerQuestionSchema,
  publicEstimateQuestionSchema,
]);
export type PublicQuestion = z.infer<typeof publicQuestionSchema>;

// ---------------------------------------------------------------------------------------------------------
// Responses: shape only. Whether ids exist in the question is checked by validateResponse in lib/core/quiz.
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

export const shortAnswerResponseSchema = z.strictObject({
  text: z
    .string()
    .max(SHORT_ANSWER_RESPONSE_MAX, `at most ${SHORT_ANSWER_RESPONSE_MAX} characters`)
    .refine((t) => !t.includes("\u0000"), "must not contain NUL characters"),
});

export const responseSchemas = {
  single: singleResponseSchema,
  multiple: multipleResponseSchema,
  true_false: trueFalseResponseSchema,
  numeric: numericResponseSchema,
  ordering: orderingResponseSchema,
  matching: matchingResponseSchema,
  short_answer: shortAnswerResponseSchema,
  estimate: numericResponseSchema,
} as const satisfies Record<QuestionType, z.ZodType>;

export type SingleResponse = z.infer<typeof singleResponseSchema>;
export type MultipleResponse = z.infer<typeof multipleResponseSchema>;
export type TrueFalseResponse = z.infer<typeof trueFalseResponseSchema>;
export type NumericResponse = z.infer<typeof numericResponseSchema>;
export type OrderingResponse = z.infer<typeof orderingResponseSchema>;
export type MatchingResponse = z.infer<typeof matchingResponseSchema>;
export type ShortAnswerResponse = z.infer<typeof shortAnswerResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// Score results: what the server returns after a submission (safe to send: the attempt is over).
// ---------------------------------------------------------------------------------------------------------

export const choiceFeedbackSchema = z.strictObject({
  choiceId: z.string(),
  text: z.string(),
  picked: z.boolean(),
  correct: z.boolean(),
  feedback: z.string(),
  /** The choice's share of the mark when the question uses weights (−0.25 = −25 %). */
  weight: z.number().optional(),
});

export const matchFeedbackSchema = z.strictObject({
  leftId: z.string(),
  /** The option the candidate chose, or null when the left item was left unmatched. */
  pickedOptionId: z.string().nullable(),
  correctOptionId: z.string(),
  correct: z.boolean(),
});

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
      /** Further ranges that earn part of the mark, for display. */
      partial: z.array(z.strictObject({ min: z.number(), max: z.number(), weight: z.number() })).optional(),
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
    type: z.literal("short_answer"),
    explanation: z.string(),
    /** The feedback of the accepted answer that matched, or the question's feedbackWrong. */
    message: z.string().optional(),
    /** Answers that earn credit, as the author wrote them (patterns shown as patterns). */
    correctAnswer: z.array(z.strictObject({ match: z.enum(["text", "regex"]), value: z.string(), weight: z.number() })),
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
  /** 0..1 after any hint cost was deducted. */
  score: z.number().min(0).max(1),
  /** Share of the mark taken off for hints the candidate asked for (0.25 = 25 %); absent when none. */
  hintCost: z.number().min(0).max(1).optional(),
  /** True only for a fully right answer (1 before any hint cost). */
  correct: z.boolean(),
  feedback: feedbackSchema,
});
export type ScoreResult = z.infer<typeof scoreResultSchema>;
