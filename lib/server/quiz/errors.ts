import "server-only";
import { AppError } from "@/lib/server/kernel/errors";

/** An expected refusal, carried to the route or action as a 4xx with the offending field named. */
export class QuizRequestError extends AppError {
  constructor(
    override readonly status: 400 | 401 | 404 | 409 | 422,
    message: string,
    field?: string,
  ) {
    super(status, message, field);
  }
}
