// Quiz constants the browser's quiz forms need, apart from their zod schemas (question.ts, quiz-attempt.ts): a
// value import of those would bring the whole of zod and, through the estimate checks, mathjs (140 kB gzipped)
// into the quiz page's first script.

/** Longest short answer a candidate may submit, in characters. */
export const SHORT_ANSWER_RESPONSE_MAX = 200;

/** Rating names as ts-fsrs spells them; kept here too so the schemas have no dependency on the scoring core. */
export const selfRatings = ["Again", "Hard", "Good", "Easy"] as const;
