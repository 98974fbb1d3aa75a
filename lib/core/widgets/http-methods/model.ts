import { isIdempotentMethod } from "@/lib/core/evaluator/handshake";

// W5: methods with their safe/idempotent badges, a tiny resource store to show what sending twice does,
// and the status-code families.

export const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

export type MethodInfo = { method: Method; path: string; purpose: string; safe: boolean; idempotent: boolean; body?: string; note?: string };

const SAFE: readonly Method[] = ["GET", "HEAD", "OPTIONS"];

export const METHOD_INFO: Record<Method, MethodInfo> = {
  GET: { method: "GET", path: "/api/users/42", purpose: "Read a resource.", safe: true, idempotent: true },
  HEAD: { method: "HEAD", path: "/api/users/42", purpose: "Read only the headers (size, type, freshness) without the body.", safe: true, idempotent: true },
  OPTIONS: { method: "OPTIONS", path: "/api/users", purpose: "Ask what is allowed; browsers send it as the CORS preflight.", safe: true, idempotent: true },
  POST: { method: "POST", path: "/api/users", purpose: "Create a new resource (the server picks its id).", safe: false, idempotent: false, body: '{"name":"Lin"}' },
  PUT: { method: "PUT", path: "/api/users/42", purpose: "Replace the resource at this id with the body.", safe: false, idempotent: true, body: '{"name":"Ada","plan":"pro"}' },
  PATCH: {
    method: "PATCH",
    path: "/api/users/42",
    purpose: "Change part of a resource.",
    safe: false,
    idempotent: false,
    body: '{"op":"increment","field":"credits"}',
    note: "Not guaranteed idempotent: this patch adds 10 credits, so applying it twice adds 20. A patch that sets a field would be idempotent, but nothing promises that.",
  },
  DELETE: { method: "DELETE", path: "/api/users/42", purpose: "Remove the resource (a body is optional and rarely used).", safe: false, idempotent: true },
};

export function isSafe(method: Method): boolean {
  return SAFE.includes(method);
}

/** Idempotency as the evaluator defines it (RFC 9110 §9.2.2), plus the safe methods, which are idempotent too. */
export function isIdempotent(method: Method): boolean {
  return isSafe(method) || isIdempotentMethod(method);
}

export type User = { id: number; name: string; plan: string; credits: number };
export type Store = { users: User[]; nextId: number };

export function initialStore(): Store {
  return { users: [{ id: 42, name: "Ada", plan: "free", credits: 0 }], nextId: 43 };
}

export type Response = { status: number; text: string; location?: string };

/** Applies one request to the store. Pure: returns the new store and the response. */
export function send(store: Store, method: Method): { store: Store; response: Response } {
  const users = store.users.map((u) => ({ ...u }));
  const target = users.find((u) => u.id === 42);
  switch (method) {
    case "GET":
      return target ? { store, response: { status: 200, text: JSON.stringify(target) } } : { store, response: { status: 404, text: "Not Found" } };
    case "HEAD":
      return { store, response: target ? { status: 200, text: "(headers only, no body)" } : { status: 404, text: "(headers only)" } };
    case "OPTIONS":
      return { store, response: { status: 204, text: "Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" } };
    case "POST": {
      const created: User = { id: store.nextId, name: "Lin", plan: "free", credits: 0 };
      return {
        store: { users: [...users, created], nextId: store.nextId + 1 },
        response: { status: 201, text: JSON.stringify(created), location: `/api/users/${created.id}` },
      };
    }
    case "PUT": {
      const replaced: User = { id: 42, name: "Ada", plan: "pro", credits: target?.credits ?? 0 };
      const next = target ? users.map((u) => (u.id === 42 ? replaced : u)) : [...users, replaced];
      return { store: { ...store, users: next }, response: { status: target ? 200 : 201, text: JSON.stringify(replaced) } };
    }
    case "PATCH": {
      if (!target) return { store, response: { status: 404, text: "Not Found" } };
      target.credits += 10;
      return { store: { ...store, users }, response: { status: 200, text: JSON.stringify(target) } };
    }
    case "DELETE": {
      if (!target) return { store, response: { status: 404, text: "Not Found: already gone" } };
      return { store: { ...store, users: users.filter((u) => u.id !== 42) }, response: { status: 204, text: "(no content)" } };
    }
  }
}

/** Sends the same request twice and compares the state after one send with the state after two. */
export function sendTwice(store: Store, method: Method) {
  const first = send(store, method);
  const second = send(first.store, method);
  const sameState = JSON.stringify(first.store.users) === JSON.stringify(second.store.users);
  return { first, second, sameState };
}

export type StatusCode = { code: number; name: string; meaning: string; use: string; inShortList: boolean };
export type StatusFamily = { family: string; label: string; codes: StatusCode[] };

export const STATUS_FAMILIES: readonly StatusFamily[] = [
  {
    family: "1xx",
    label: "Informational: keep going",
    codes: [
      { code: 100, name: "Continue", meaning: "The server accepted the headers; send the body.", use: "Large uploads sent with Expect: 100-continue.", inShortList: true },
      { code: 101, name: "Switching Protocols", meaning: "The connection changes protocol.", use: "The WebSocket upgrade.", inShortList: true },
    ],
  },
  {
    family: "2xx",
    label: "Success",
    codes: [
      { code: 200, name: "OK", meaning: "It worked; the body has the result.", use: "Most successful reads and updates.", inShortList: true },
      { code: 201, name: "Created", meaning: "A new resource exists; the Location header says where.", use: "A POST that created something.", inShortList: true },
      { code: 202, name: "Accepted", meaning: "Queued, not done yet.", use: "Work handed to a background job.", inShortList: false },
      { code: 204, name: "No Content", meaning: "It worked and there is nothing to return.", use: "A DELETE, or a PUT that returns no body.", inShortList: true },
    ],
  },
  {
    family: "3xx",
    label: "Redirection: look elsewhere",
    codes: [
      { code: 301, name: "Moved Permanently", meaning: "The resource has a new permanent address.", use: "HTTP to HTTPS, or a renamed URL; clients and crawlers update.", inShortList: true },
      { code: 302, name: "Found", meaning: "Temporarily elsewhere.", use: "A short-lived redirect such as after a login.", inShortList: true },
      { code: 304, name: "Not Modified", meaning: "Your cached copy is still good; no body sent.", use: "Answering a conditional request (If-None-Match / ETag).", inShortList: true },
    ],
  },
  {
    family: "4xx",
    label: "Client error: fix the request",
    codes: [
      { code: 400, name: "Bad Request", meaning: "Malformed: the server cannot parse or accept it.", use: "Broken JSON, missing required field.", inShortList: true },
      { code: 401, name: "Unauthorized", meaning: "Not authenticated: we do not know who you are (the standard name is a misnomer).", use: "Missing or expired token.", inShortList: true },
      { code: 403, name: "Forbidden", meaning: "Authenticated, but not allowed to do this.", use: "A normal user calling an admin endpoint.", inShortList: true },
      { code: 404, name: "Not Found", meaning: "Nothing at this address.", use: "Unknown id or path.", inShortList: true },
      { code: 409, name: "Conflict", meaning: "Clashes with the current state.", use: "Duplicate email, version mismatch.", inShortList: false },
      { code: 410, name: "Gone", meaning: "It existed and was removed on purpose.", use: "A retired API version.", inShortList: false },
      { code: 422, name: "Unprocessable Content", meaning: "Well-formed but the values are invalid.", use: "Validation errors on a syntactically fine body.", inShortList: false },
      { code: 429, name: "Too Many Requests", meaning: "Slow down: a rate limit was hit.", use: "Rate limiting, ideally with Retry-After.", inShortList: true },
    ],
  },
  {
    family: "5xx",
    label: "Server error: our fault",
    codes: [
      { code: 500, name: "Internal Server Error", meaning: "An unexpected failure in the server.", use: "An unhandled exception (return an error id, never a stack trace).", inShortList: true },
      { code: 502, name: "Bad Gateway", meaning: "A proxy could not get a valid answer: the upstream is down or broken.", use: "The app behind the load balancer crashed or refused.", inShortList: true },
      { code: 503, name: "Service Unavailable", meaning: "Temporarily unable to serve.", use: "Overload or maintenance; health checks fail with it.", inShortList: true },
      { code: 504, name: "Gateway Timeout", meaning: "A proxy waited and the upstream was too slow.", use: "A slow query behind the load balancer.", inShortList: true },
    ],
  },
];

export function statusCode(code: number): StatusCode | undefined {
  for (const f of STATUS_FAMILIES) {
    const c = f.codes.find((x) => x.code === code);
    if (c) return c;
  }
  return undefined;
}

/** "Which code?" practice: scenario → the code that fits best. */
export const CODE_QUIZ: readonly { scenario: string; answer: number; choices: number[] }[] = [
  { scenario: "A signed-in user without the admin role calls DELETE /api/admin/users/7.", answer: 403, choices: [401, 403, 404] },
  { scenario: "The request has no Authorization header at all.", answer: 401, choices: [400, 401, 403] },
  { scenario: "The load balancer waited 60 s and the app never answered.", answer: 504, choices: [500, 502, 504] },
  { scenario: "POST /api/users succeeded and the new user lives at /api/users/43.", answer: 201, choices: [200, 201, 204] },
  { scenario: "A client sent 150 requests in one minute against a limit of 100.", answer: 429, choices: [403, 429, 503] },
];
