import "server-only";
import type { z } from "zod";
import { getCurrentUser, hasGrant, type CurrentUser, type Grant } from "@/lib/auth/session";
import { zodFieldErrors, type FieldError } from "@/lib/server/http";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503; error: string; fieldErrors?: FieldError[] };

export class ActionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 413 | 422 | 429 | 503,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one wrapper every server action goes through: it checks the caller's grant on the server, parses the
 * input with zod, and turns expected failures into a result the form can show. Unexpected errors are logged
 * and reported without their details, so no stack trace reaches a user.
 */
export function defineAction<S extends z.ZodType, T>(
  options: { grant: Grant; schema: S },
  handler: (input: z.infer<S>, user: CurrentUser) => Promise<T>,
): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, status: 401, error: "Sign in to do that." };
    if (!hasGrant(user, options.grant)) return { ok: false, status: 403, error: "Your role does not allow that." };
    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = zodFieldErrors(parsed.error);
      return { ok: false, status: 400, error: fieldErrors[0]?.message ?? "Invalid input", fieldErrors };
    }
    try {
      return { ok: true, data: await handler(parsed.data, user) };
    } catch (error) {
      if (error instanceof ActionError) return { ok: false, status: error.status, error: error.message };
      console.error("Server action failed", error);
      throw new Error("Something went wrong on our side. Please try again.");
    }
  };
}
