import { z } from "zod";
import { dbPositiveInt } from "@/lib/schemas/boundary";
import { chapterSlugs, difficulties } from "@/lib/schemas/question";

/** Rating names as ts-fsrs spells them; kept here too so this schema has no dependency on the scoring core. */
export const selfRatings = ["Again", "Hard", "Good", "Easy"] as const;
export const selfRatingSchema = z.enum(selfRatings);

export const attemptKinds = ["chapter", "mixed"] as const;

/** Hard caps that keep one request cheap to score and store. */
export const MAX_ANSWERS_PER_ATTEMPT = 60;

export const submittedAnswerSchema = z.strictObject({
  questionId: z.string().min(1).max(200),
  version: dbPositiveInt,
  /** Shape depends on the question type; checked against the pinned version by validateResponse. */
  response: z.unknown(),
  timeMs: z.number().int().min(0).max(86_400_000).optional(),
  /** How sure the candidate felt; it can only lower the review rating the score earns (see suggestRating). */
  selfRating: selfRatingSchema.optional(),
});
export type SubmittedAnswer = z.infer<typeof submittedAnswerSchema>;

/** The body of POST /api/quiz/attempts. */
export const submitAttemptSchema = z
  .strictObject({
    idempotencyKey: z.uuid({ message: "idempotencyKey must be a UUID" }),
    kind: z.enum(attemptKinds),
    chapter: z.enum(chapterSlugs).optional(),
    startedAt: z.iso.datetime({ offset: true, message: "startedAt must be an ISO 8601 date-time" }),
    answers: z.array(submittedAnswerSchema).min(1, "answers must hold at least one answer").max(MAX_ANSWERS_PER_ATTEMPT),
  })
  .superRefine((body, ctx) => {
    if (body.kind === "chapter" && !body.chapter) {
      ctx.addIssue({ code: "custom", path: ["chapter"], message: "chapter is required for a chapter quiz" });
    }
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

/** One answer checked for immediate feedback; nothing is stored. */
export const checkAnswerSchema = z.strictObject({
  questionId: z.string().min(1).max(200),
  version: dbPositiveInt,
  response: z.unknown(),
});
export type CheckAnswerInput = z.infer<typeof checkAnswerSchema>;

/** A review answered from /review: scored on the server, then scheduled with the candidate's rating. */
export const rateReviewSchema = z.strictObject({
  questionId: z.string().min(1).max(200),
  version: dbPositiveInt,
  response: z.unknown(),
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
