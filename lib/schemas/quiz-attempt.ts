import { z } from "zod";
import { dbPositiveInt } from "@/lib/schemas/boundary";
import { chapterSlugs, difficulties, type PublicQuestion, type ScoreResult } from "@/lib/schemas/question";
import { selfRatings } from "@/lib/schemas/quiz-limits";
export const selfRatingSchema = z.enum(selfRatings);

export const attemptKinds = ["chapter", "mixed"] as const;

/** Hard caps that keep one request cheap to score and store. */
export const MAX_ANSWERS_PER_ATTEMPT = 60;

/** Versions are Postgres int4: anything above 2³¹ − 1 is refused here, naming the field, not by the database. */
export const versionSchema = dbPositiveInt;
/** "<chapter>/<name>" as the bank spells it; anything else (NUL bytes, spaces) is refused here, by name. */
const questionIdSchema = z
  .string()
  .max(200)
  .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, "questionId must look like <chapter>/<name>");
/** Attempt ids are server-made UUIDs. */
export const attemptIdSchema = z.uuid({ message: "attemptId must be the id of an attempt (a UUID)" });

/** The order one question is shown in for one attempt (see lib/core/quiz/layout.ts). */
const idList = z.array(z.string().max(100)).max(20);
export const questionLayoutSchema = z.strictObject({
  choices: idList.optional(),
  items: idList.optional(),
  left: idList.optional(),
  options: idList.optional(),
  /** An estimate question's drawn values (variable name → value), fixed for the attempt. */
  values: z.record(z.string().max(24), z.number()).optional(),
});

/** attempt_plans.items: the questions of an attempt in the order shown, each with its layout. */
export const attemptPlanItemsSchema = z.array(
  z.strictObject({ questionId: questionIdSchema, version: versionSchema, layout: questionLayoutSchema }),
);
export type AttemptPlanItem = z.infer<typeof attemptPlanItemsSchema>[number];

/** attempt_plans.committed: answers committed by checking them, keyed by question id. */
export const committedAnswersSchema = z.record(
  z.string(),
  z.strictObject({
    response: z.unknown(),
    score: z.number(),
    correct: z.boolean(),
    at: z.string(),
    /** Share of the mark deducted for hints (already taken off `score`). */
    hintCost: z.number().min(0).max(1).optional(),
  }),
);
export type CommittedAnswers = z.infer<typeof committedAnswersSchema>;

/** attempt_plans.hints: how many hints of each question were revealed, keyed by question id. */
export const attemptHintsSchema = z.record(z.string(), z.number().int().min(0).max(3));
export type AttemptHints = z.infer<typeof attemptHintsSchema>;

/** Nesting depth of a JSON value, measured without recursion (a hostile body may nest thousands deep). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== "object") continue;
    max = Math.max(max, d);
    if (max > MAX_RESPONSE_DEPTH) return max;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return max;
}

/** Every real response is an object holding at most a list or a map: three levels. */
const MAX_RESPONSE_DEPTH = 4;

/** An answer's response: any JSON, shape checked per question type later, but never deeper than an answer can be. */
export const responseSchema = z
  .unknown()
  .refine((v) => depthOf(v) <= MAX_RESPONSE_DEPTH, { message: `response is nested deeper than ${MAX_RESPONSE_DEPTH} levels` });

export const submittedAnswerSchema = z.strictObject({
  questionId: questionIdSchema,
  version: versionSchema,
  /** Shape depends on the question type; checked against the pinned version by validateResponse. */
  response: responseSchema,
  timeMs: z.number().int().min(0).max(86_400_000).optional(),
  /** How sure the candidate felt; it can only lower the review rating the score earns (see suggestRating). */
  selfRating: selfRatingSchema.optional(),
});

/**
 * The body of POST /api/quiz/attempts. `attemptId` names the open attempt the page was dealt; the questions,
 * their versions, kind, chapter and start time come from it. Answers committed by checking them one at a time
 * may be left out (they are taken from the attempt) but not changed. kind, chapter and startedAt are accepted
 * for older clients and must agree with the attempt.
 */
export const submitAttemptSchema = z
  .strictObject({
    idempotencyKey: z.uuid({ message: "idempotencyKey must be a UUID" }),
    attemptId: attemptIdSchema,
    kind: z.enum(attemptKinds).optional(),
    chapter: z.enum(chapterSlugs).optional(),
    startedAt: z.iso.datetime({ offset: true, message: "startedAt must be an ISO 8601 date-time" }).optional(),
    answers: z.array(submittedAnswerSchema).max(MAX_ANSWERS_PER_ATTEMPT),
  })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.answers.forEach((a, i) => {
      const first = seen.get(a.questionId);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["answers", i, "questionId"],
          message: `question "${a.questionId}" is answered twice (also at answers[${first}])`,
        });
      } else seen.set(a.questionId, i);
    });
  });
export type SubmitAttemptInput = z.infer<typeof submitAttemptSchema>;

// A question and the response given to it: the core of every answer the browser sends.
const answeredShape = { questionId: questionIdSchema, response: responseSchema };

/** One answer checked in one-at-a-time mode: committed to the open attempt first, then scored. */
export const checkAnswerSchema = z.strictObject({ attemptId: attemptIdSchema, ...answeredShape });
export type CheckAnswerInput = z.infer<typeof checkAnswerSchema>;

/** Ask for the next hint of a question inside an open attempt. */
export const revealHintSchema = z.strictObject({ attemptId: attemptIdSchema, questionId: questionIdSchema });
export type RevealHintInput = z.infer<typeof revealHintSchema>;

/** Hints revealed so far for one question, with what each costs (a fraction of the mark, 0.25 = 25 %). */
export const revealedHintsSchema = z.strictObject({
  hints: z.array(z.strictObject({ text: z.string(), cost: z.number() })),
  /** Sum of the costs, capped at 1: what will be taken off this question's mark. */
  totalCost: z.number(),
});
export type RevealedHints = z.infer<typeof revealedHintsSchema>;

/** A due card answered on /review: committed and scored before the feedback is shown. */
export const answerReviewSchema = z.strictObject({ ...answeredShape, version: versionSchema });
export type AnswerReviewInput = z.infer<typeof answerReviewSchema>;

/** The candidate's rating of the card they just answered; the committed score caps it. */
export const rateReviewSchema = z.strictObject({
  questionId: questionIdSchema,
  selfRating: selfRatingSchema,
});
export type RateReviewInput = z.infer<typeof rateReviewSchema>;

export const difficultyFilters = ["any", ...difficulties] as const;

/** Mixed practice as chosen on /quizzes (read from the query string, so everything arrives as text). */
export const mixedQuizSpecSchema = z.strictObject({
  chapters: z.array(z.enum(chapterSlugs)).min(1, "pick at least one chapter"),
  count: z.coerce.number().int().min(3).max(40),
  difficulty: z.enum(difficultyFilters).default("any"),
  mode: z.enum(["one", "all"]).default("one"),
});
export type MixedQuizSpec = z.infer<typeof mixedQuizSpecSchema>;

/** What the browser receives to take a quiz: an answerless question, the version to name, its prompt as HTML. */
export type QuizItem = { question: PublicQuestion; version: number; promptHtml: string };

/** Feedback on one committed answer, as the quiz and review pages show it. */
export type CheckedAnswer = ScoreResult & { explanationHtml: string; sectionHref: string; sectionTitle: string };
