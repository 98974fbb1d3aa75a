import "server-only";
import type { z } from "zod";
import type { FieldError } from "@/lib/schemas/action-result";

/**
 * The one expected-failure type: a status (4xx) the caller should see, a message for people, and the field
 * at fault when there is one. Actions turn it into a failed result, route handlers into the JSON envelope
 * `{ error: { message, field? } }`; anything else is a bug, logged and reported without details.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export type { FieldError };

/** zod's issue paths as `a.b[2].c`, the form the forms and the API both print. */
export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join(""),
    message: issue.message,
  }));
}

export function tooManyRequests(what: string, retryAfterSeconds: number): AppError {
  return new AppError(429, `Too many ${what}. Try again in ${retryAfterSeconds} s.`, undefined, retryAfterSeconds);
}
