import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import type { Grant } from "@/lib/server/kernel/auth";
import type { ActionFailure, ActionResult } from "@/lib/schemas/action-result";
import { findHostile } from "@/lib/schemas/boundary";
import { getActor, requireRole, type Actor } from "@/lib/server/kernel/auth";
import { AppError, zodFieldErrors, type FieldError } from "@/lib/server/kernel/errors";
import { MAX_ACTION_BYTES } from "@/lib/server/kernel/action-limits";
import { checkOrigin } from "@/lib/server/kernel/request";
import { databaseUnavailable, isDatabaseUnavailable } from "@/lib/server/kernel/db-unavailable";


export type { ActionResult } from "@/lib/schemas/action-result";

export type Definition<S extends z.ZodType, T> = {
  grant: Grant;
  schema: S;
  handler: (input: z.infer<S>, actor: Actor) => Promise<T>;
};

export type ActionContext = { headers: Headers; actor: Actor | null };

const failure = (error: AppError, fieldErrors?: FieldError[]): ActionFailure => ({
  ok: false,
  status: error.status,
  error: error.message,
  ...(error.field ? { field: error.field } : {}),
  ...(fieldErrors ? { fieldErrors } : {}),
});

/** The request's own origin as Next saw it (Next fills x-forwarded-proto/host from the socket when absent). */
function requestUrl(h: Headers): string {
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}/`;
}

/**
 * Everything an action does before and after its handler, given the request's headers and actor:
 * same-origin check, role check, hostile-shape and size checks, zod parse, and error mapping. Exported for the
 * integration tests, which supply real headers and a real user; actions reach it through defineAction.
 */
export async function runAction<S extends z.ZodType, T>(
  definition: Definition<S, T>,
  raw: unknown,
  context: ActionContext,
): Promise<ActionResult<T>> {
  try {
    const origin = checkOrigin(context.headers, requestUrl(context.headers), true);
    if (!origin.ok) throw new AppError(403, origin.reason);
    const actor = requireRole(context.actor, definition.grant);
    const hostile = findHostile(raw);
    if (hostile) {
      const error = new AppError(400, `${hostile.path}: ${hostile.message}`, hostile.path);
      return failure(error, [{ path: hostile.path, message: hostile.message }]);
    }
    if ((JSON.stringify(raw) ?? "").length > MAX_ACTION_BYTES) {
      throw new AppError(413, `The input is larger than ${MAX_ACTION_BYTES} bytes.`, "body");
    }
    const parsed = definition.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = zodFieldErrors(parsed.error);
      return failure(new AppError(400, fieldErrors[0]?.message ?? "Invalid input", fieldErrors[0]?.path), fieldErrors);
    }
    return { ok: true, data: await definition.handler(parsed.data, actor) };
  } catch (error) {
    if (error instanceof AppError) return failure(error);
    if (isDatabaseUnavailable(error)) return failure(databaseUnavailable());
    console.error("Server action failed", error);
    throw new Error("Something went wrong on our side. Please try again.");
  }
}

/**
 * The one wrapper every server action goes through (one action per file in lib/actions). The role is
 * checked on the server from the session, never trusted from the client.
 */
export function defineAction<S extends z.ZodType, T>(
  options: { grant: Grant; schema: S },
  handler: (input: z.infer<S>, actor: Actor) => Promise<T>,
): ((raw: unknown) => Promise<ActionResult<T>>) & { definition: Definition<S, T> } {
  const definition = { ...options, handler };
  // `definition` lets the integration tests drive the very same grant, schema and handler through runAction.
  return Object.assign(async (raw: unknown) => runAction(definition, raw, { headers: await headers(), actor: await getActor() }), { definition });
}
