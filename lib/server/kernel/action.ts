import "server-only";
import { revalidatePath } from "next/cache";
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

/** A page path, or a layout path whose every page below goes stale (Next's revalidatePath(path, "layout")). */
export type RevalidateTarget = string | { layout: string };

/** The pages whose cached render an action's success makes stale: a fixed list, or one computed from the input and result. */
export type Revalidate<I, T> = readonly RevalidateTarget[] | ((input: I, result: T) => readonly RevalidateTarget[]);

/**
 * The one wrapper every server action goes through (one action per file in lib/actions). The role is
 * checked on the server from the session, never trusted from the client. `revalidate` names the pages to
 * re-render after the handler succeeds (a handler that throws revalidates nothing). A `revalidate` function that
 * reads the result must annotate its parameters, or TypeScript infers the action's result type from it.
 */
export function defineAction<S extends z.ZodType, T>(
  options: { grant: Grant; schema: S; revalidate?: Revalidate<z.infer<S>, T> },
  handler: (input: z.infer<S>, actor: Actor) => Promise<T>,
): ((raw: unknown) => Promise<ActionResult<T>>) & { definition: Definition<S, T> } {
  const { revalidate, ...rest } = options;
  const definition: Definition<S, T> = {
    ...rest,
    handler: revalidate ? withRevalidation(handler, revalidate) : handler,
  };
  // `definition` lets the integration tests drive the very same grant, schema and handler through runAction.
  return Object.assign(
    async (raw: unknown) => runAction(definition, raw, { headers: await headers(), actor: await getActor() }),
    { definition },
  );
}

function withRevalidation<I, T>(handler: (input: I, actor: Actor) => Promise<T>, revalidate: Revalidate<I, T>) {
  return async (input: I, actor: Actor): Promise<T> => {
    const result = await handler(input, actor);
    for (const target of typeof revalidate === "function" ? revalidate(input, result) : revalidate) {
      if (typeof target === "string") revalidatePath(target);
      else revalidatePath(target.layout, "layout");
    }
    return result;
  };
}
