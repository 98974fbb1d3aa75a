import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import type { Grant } from "@/lib/server/kernel/auth";
import { findHostile } from "@/lib/schemas/boundary";
import { getActor, getSessionClaims, requireRole, type Actor, type SessionClaims } from "@/lib/server/kernel/auth";
import { AppError, zodFieldErrors, type FieldError } from "@/lib/server/kernel/errors";
import { checkOrigin, clientAddress, type HeaderReader } from "@/lib/server/kernel/request";
import { databaseUnavailable, isDatabaseUnavailable } from "@/lib/server/kernel/db-unavailable";

export const MAX_JSON_BYTES = 1_000_000;

/** nginx's name for it: no one is left to read the answer. */
const CLIENT_CLOSED_REQUEST = 499;

/**
 * A JSON answer as a handler may return it: Next's path turns it into a Response (Response.json), server.mjs's
 * direct path writes it to node:http's response without one (see `node` in defineRoute).
 */
export type JsonReply = { status: number; body: unknown; headers?: Record<string, string> };

function toResponse(reply: JsonReply): Response {
  return Response.json(reply.body, { status: reply.status, headers: reply.headers });
}

/** The one error envelope of every JSON route: `{ error: { message, field? }, errors?: [{ path, message }] }`. */
function errorReply(status: number, message: string, options: { field?: string; errors?: FieldError[]; headers?: Record<string, string> } = {}): JsonReply {
  const body = { error: { message, ...(options.field ? { field: options.field } : {}) }, ...(options.errors ? { errors: options.errors } : {}) };
  return { status, body, headers: { "Cache-Control": "no-store", ...options.headers } };
}

/** The error envelope as a Response, for handlers that answer outside defineRoute's own checks. */
export function errorResponse(status: number, message: string, options: { field?: string; errors?: FieldError[]; headers?: Record<string, string> } = {}): Response {
  return toResponse(errorReply(status, message, options));
}

function fromAppError(error: AppError): JsonReply {
  return errorReply(error.status, error.message, {
    field: error.field,
    errors: error.field ? [{ path: error.field, message: error.message }] : undefined,
    headers: error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined,
  });
}

const tooLarge = (limit: number) => new AppError(413, `The request body is larger than ${limit} bytes.`, "body");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, "The body is not valid JSON.", "body");
  }
}

/** Reads a body as text, refusing more than `limit` bytes without buffering past it. */
async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
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
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The same from node:http's request: no web stream between the socket and the bytes. */
function readNodeBodyText(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Read no further; the answer closes the connection (see writeNode), so the rest is never buffered.
        req.off("data", onData).pause();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    };
    let ended = false;
    req.on("data", onData);
    req.once("end", () => {
      ended = true;
      resolve(Buffer.concat(chunks, size).toString("utf8"));
    });
    // The client went away part-way (a reset, or a close before the end): nothing whole to read. Every request
    // closes once its body has been read, so the error is only made when it is one (an Error's stack trace was
    // 1.4 % of a quiz submission's request thread in bench:quiz's profile, for a rejection nobody could see).
    const cut = () => {
      if (!ended) reject(new AppError(400, "The request body did not arrive whole.", "body"));
    };
    req.once("error", cut);
    req.once("close", cut);
  });
}

/**
 * A request as the checks and the handler see it, from either door: Next's web Request, or node:http's request
 * on server.mjs's direct path (which skips Next's router and the web-stream and Request/Response copies).
 */
type Incoming = {
  method: string;
  /** Absolute, as Next builds it: `http(s)://localhost:PORT/path?query` (the origin check's fallback host). */
  url: string;
  headers: HeaderReader;
  readText: (limit: number) => Promise<string>;
  /** True once the client has closed its connection. */
  aborted: () => boolean;
};

function fromWebRequest(request: Request): Incoming {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    readText: (limit) => readBodyText(request, limit),
    aborted: () => request.signal.aborted,
  };
}

/** node:http's headers read as a Headers would be: lower-case names, repeated ones joined with ", ". */
function nodeHeaders(req: IncomingMessage): HeaderReader {
  return {
    get: (name) => {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

function fromNodeRequest(req: IncomingMessage, res: ServerResponse): Incoming {
  // The protocol and host as Next's own request URL has them (next-server's attachRequestMeta): the origin
  // check then allows exactly what it allows through Next.
  const proto = req.headers["x-forwarded-proto"];
  const protocol = (Array.isArray(proto) ? proto.join(",") : (proto ?? "")).includes("https") ? "https" : "http";
  const port = req.socket.localPort ?? 80;
  // The response closes before it was written only when the connection went (the request itself is destroyed as
  // soon as its body has been read, so req.destroyed says nothing about the client).
  let closed = false;
  res.once("close", () => (closed = !res.writableFinished));
  return {
    method: req.method ?? "GET",
    url: `${protocol}://localhost:${port}${req.url ?? "/"}`,
    headers: nodeHeaders(req),
    readText: (limit) => readNodeBodyText(req, limit),
    aborted: () => closed,
  };
}

/** Writes a reply to node:http's response as Response.json would have sent it, plus the headers server.mjs set. */
function writeNode(res: ServerResponse, reply: JsonReply): void {
  const text = JSON.stringify(reply.body);
  // A body refused part-way (413) is still arriving: close the connection rather than read the rest.
  if (reply.status === 413) res.shouldKeepAlive = false;
  res.writeHead(reply.status, { ...reply.headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
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

/** Answers a request straight from node:http (server.mjs's direct path); see `node` in defineRoute. */
export type NodeRouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A Response a handler returned, written to node:http's response (the direct path; JsonReply is the cheap one). */
async function writeNodeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  const bytes = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...headers, "content-length": bytes.length });
  res.end(bytes);
}

/**
 * The one wrapper for route handlers: CSRF checks on bodies, the role check, body size, hostile-shape check,
 * zod parsing of body and query, and one error envelope. A handler returns a Response or a JsonReply; expected
 * failures are thrown as AppError; anything else is logged and answered with a bare 500 (never a stack trace).
 *
 * Besides the handler Next calls, it offers the same checks and handler to node:http directly (`node`), for
 * server.mjs to answer a hot route without Next's router and without building a web Request and Response
 * (issue 17: a quiz submission spent about half its CPU there). Only for "claims" and "public" routes: the others
 * read the session through Next's request scope (getActor), which that path does not have.
 */
export function defineRoute<BS extends z.ZodType | "text" | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
  options: RouteOptions<BS, QS>,
  handler: (context: RouteContext<Infer<BS>, Infer<QS>>) => Promise<Response | JsonReply>,
): ((request: Request) => Promise<Response>) & {
  run: (request: Request, actor: Actor | null) => Promise<Response>;
  node: NodeRouteHandler | undefined;
} {
  const handle = async (request: Incoming, known: Actor | null | undefined): Promise<Response | JsonReply> => {
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
      if (options.body === "text") body = await request.readText(options.maxBytes ?? MAX_JSON_BYTES);
      else if (options.body) {
        const raw = parseJson(await request.readText(options.maxBytes ?? MAX_JSON_BYTES));
        const hostile = findHostile(raw);
        if (hostile) throw new InvalidInput([hostile]);
        body = parseOrThrow(options.body, raw);
      }
      // The client's connection closed: a client that gave up (timed out, or will retry) while this request waited
      // or read its body gets no work done on its behalf, no database write.
      if (request.aborted()) return errorReply(CLIENT_CLOSED_REQUEST, "The client closed the connection; nothing was done.");
      return await handler({ actor, claims, body: body as Infer<BS>, query: query as Infer<QS>, address: clientAddress(request.headers) });
    } catch (error) {
      if (error instanceof InvalidInput) {
        return errorReply(400, error.message, { field: error.field, errors: error.errors });
      }
      if (error instanceof AppError) return fromAppError(error);
      if (isDatabaseUnavailable(error)) return fromAppError(databaseUnavailable());
      console.error(`Route ${request.method} ${new URL(request.url).pathname} failed`, error);
      return errorReply(500, "Something went wrong on our side. Please try again.");
    }
  };
  const web = async (request: Request, known: Actor | null | undefined): Promise<Response> => {
    const reply = await handle(fromWebRequest(request), known);
    return reply instanceof Response ? reply : toResponse(reply);
  };
  const node: NodeRouteHandler = async (req, res) => {
    const reply = await handle(fromNodeRequest(req, res), undefined);
    if (reply instanceof Response) await writeNodeResponse(res, reply);
    else writeNode(res, reply);
  };
  return Object.assign((request: Request) => web(request, undefined), {
    // Lets the integration tests drive the very same checks and handler with a known actor, outside Next's request
    // scope (where the session cannot be read); the exported handler reads the session itself.
    run: (request: Request, actor: Actor | null) => web(request, actor),
    node: options.auth === "claims" || options.auth === "public" ? node : undefined,
  });
}
