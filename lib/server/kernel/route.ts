import "server-only";
import type { z } from "zod";
import type { Grant } from "@/lib/server/kernel/auth";
import { findHostile } from "@/lib/schemas/boundary";
import { getActor, getSessionClaims, requireRole, type Actor, type SessionClaims } from "@/lib/server/kernel/auth";
import { AppError, zodFieldErrors, type FieldError } from "@/lib/server/kernel/errors";
import { checkOrigin, clientAddress } from "@/lib/server/kernel/request";
import { databaseUnavailable, isDatabaseUnavailable } from "@/lib/server/kernel/db-unavailable";

export const MAX_JSON_BYTES = 1_000_000;

/** nginx's name for it: no one is left to read the answer. */
const CLIENT_CLOSED_REQUEST = 499;

/** The one error envelope of every JSON route: `{ error: { message, field? }, errors?: [{ path, message }] }`. */
export function errorResponse(status: number, message: string, options: { field?: string; errors?: FieldError[]; headers?: HeadersInit } = {}): Response {
  const body = { error: { message, ...(options.field ? { field: options.field } : {}) }, ...(options.errors ? { errors: options.errors } : {}) };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...options.headers } });
}

function fromAppError(error: AppError): Response {
  return errorResponse(error.status, error.message, {
    field: error.field,
    errors: error.field ? [{ path: error.field, message: error.message }] : undefined,
    headers: error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined,
  });
}

/** Reads a JSON body, refusing more than `limit` bytes without buffering past it. */
export async function readJsonBody(request: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  const text = await readBodyText(request, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, "The body is not valid JSON.", "body");
  }
}

/** Reads a body as text, refusing more than `limit` bytes without buffering past it. */
async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError(413, `The request body is larger than ${limit} bytes.`, "body");
  if (!request.body) throw new AppError(400, "The request has no body.", "body");
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError(413, `The request body is larger than ${limit} bytes.`, "body");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Thrown by `parseOrThrow` so a zod failure reaches the envelope with every field it names. */
class InvalidInput extends AppError {
  constructor(readonly errors: FieldError[]) {
    super(400, errors[0] ? `${errors[0].path || "body"}: ${errors[0].message}` : "Invalid request", errors[0]?.path || "body");
  }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInput(zodFieldErrors(parsed.error));
  return parsed.data;
}

export type RouteContext<B, Q> = {
  request: Request;
  actor: Actor | null;
  /** With `auth: "claims"` only: the session cookie's unverified claims (never null: no cookie is a 401). */
  claims: SessionClaims | null;
  body: B;
  query: Q;
  address: string;
};

type RouteOptions<BS extends z.ZodType | "text" | undefined, QS extends z.ZodType | undefined> = {
  /**
   * Who may call: a grant; "optional" (anyone, but the handler learns who is signed in); "public" (no session
   * read); "claims" (a session cookie is required, but only decoded: the handler gets `claims` and owes the
   * check of user, session version and grant in its own first query, which saves a hot path a round trip).
   */
  auth: Grant | "optional" | "public" | "claims";
  /**
   * A JSON body schema: the route then requires `application/json`, a same-origin browser request and ≤ maxBytes.
   * "text": the same checks, but the handler gets the body unparsed and owes it the hostile-shape check and a
   * schema (the evaluation API hands it to a worker thread, which does both off the request thread).
   */
  body?: BS;
  maxBytes?: number;
  query?: QS;
};

type Infer<S> = S extends z.ZodType ? z.infer<S> : S extends "text" ? string : undefined;

/**
 * The one wrapper for route handlers: CSRF checks on bodies, the role check, body size, hostile-shape check,
 * zod parsing of body and query, and one error envelope. A handler returns a Response; expected failures are
 * thrown as AppError; anything else is logged and answered with a bare 500 (never a stack trace).
 */
export function defineRoute<BS extends z.ZodType | "text" | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
  options: RouteOptions<BS, QS>,
  handler: (context: RouteContext<Infer<BS>, Infer<QS>>) => Promise<Response>,
): ((request: Request) => Promise<Response>) & { run: (request: Request, actor: Actor | null) => Promise<Response> } {
  // `run` lets the integration tests drive the very same checks and handler with a known actor, outside Next's
  // request scope (where the session cannot be read); the exported handler reads the session itself.
  const run = (request: Request, actor: Actor | null | undefined) => handle(request, actor);
  const handle = async (request: Request, known: Actor | null | undefined): Promise<Response> => {
    try {
      if (options.body) {
        const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
        if (type !== "application/json") throw new AppError(415, "Send the body as application/json.", "content-type");
        const origin = checkOrigin(request.headers, request.url, false);
        if (!origin.ok) throw new AppError(403, origin.reason);
      }
      let actor: Actor | null = null;
      let claims: SessionClaims | null = null;
      if (options.auth === "claims") {
        // A known actor (the tests' `run`) was verified already: its claims carry no version to check.
        claims = known === undefined ? await getSessionClaims(request.headers) : known && { userId: known.id, sessionVersion: null };
        if (!claims) throw new AppError(401, "Sign in to do that.");
      } else if (options.auth !== "public") {
        const who = known === undefined ? await getActor() : known;
        actor = options.auth === "optional" ? who : requireRole(who, options.auth);
      }
      const query = options.query
        ? parseOrThrow(options.query, Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== "")))
        : undefined;
      let body: unknown = undefined;
      if (options.body === "text") body = await readBodyText(request, options.maxBytes ?? MAX_JSON_BYTES);
      else if (options.body) {
        const raw = await readJsonBody(request, options.maxBytes ?? MAX_JSON_BYTES);
        const hostile = findHostile(raw);
        if (hostile) throw new InvalidInput([hostile]);
        body = parseOrThrow(options.body, raw);
      }
      // Next aborts request.signal when the client's connection closes: a client that gave up (timed out, or will
      // retry) while this request waited or read its body gets no work done on its behalf, no database write.
      if (request.signal.aborted) return errorResponse(CLIENT_CLOSED_REQUEST, "The client closed the connection; nothing was done.");
      return await handler({ request, actor, claims, body: body as Infer<BS>, query: query as Infer<QS>, address: clientAddress(request.headers) });
    } catch (error) {
      if (error instanceof InvalidInput) {
        return errorResponse(400, error.message, { field: error.field, errors: error.errors });
      }
      if (error instanceof AppError) return fromAppError(error);
      if (isDatabaseUnavailable(error)) return fromAppError(databaseUnavailable());
      console.error(`Route ${request.method} ${new URL(request.url).pathname} failed`, error);
      return errorResponse(500, "Something went wrong on our side. Please try again.");
    }
  };
  return Object.assign((request: Request) => handle(request, undefined), { run });
}
