import "server-only";

/** An expected refusal, carried to the route or action as a 4xx with the offending field named. */
export class QuizRequestError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 422 | 429,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
