// W12: an Express-style middleware pipeline in front of POST /api/users. Each layer can inspect, change or
// reject the request; the order and the on/off switches change what happens.

export type MiddlewareId = "cors" | "rateLimit" | "auth" | "logger" | "json" | "strongParams" | "csrf";

export const MIDDLEWARE: Record<MiddlewareId, { label: string; code: string; does: string }> = {
  cors: { label: "CORS", code: "app.use(cors({ origin: ALLOWED }))", does: "Answers preflights and adds Access-Control-Allow-Origin for allowed origins." },
  rateLimit: { label: "Rate limit", code: "app.use(rateLimit({ windowMs: 60_000, max: 100 }))", does: "Rejects with 429 above 100 requests per minute, with limit and remaining headers." },
  auth: { label: "JWT auth", code: "app.use(verifyJWT)", does: "Rejects with 401 unless a valid token is present." },
  logger: { label: "Request logger", code: "app.use(requestLogger)", does: "Logs method, path, status, time and request id when the response finishes." },
  json: { label: "JSON body + Content-Type check", code: "app.use(express.json()) // 415 unless application/json", does: "Parses JSON bodies and refuses other content types with 415 before any parser can choke." },
  strongParams: { label: "Strong params", code: "const params = pick(req.body, ['name', 'email'])", does: "Lets only name and email through to the model." },
  csrf: { label: "CSRF check", code: "app.use(csrfProtection) // POST, PUT, DELETE", does: "Rejects state-changing requests without a valid CSRF token (403, our choice)." },
};

export const DEFAULT_ORDER: readonly MiddlewareId[] = ["cors", "rateLimit", "auth", "logger", "json", "strongParams", "csrf"];

export type RequestAttrs = {
  originAllowed: boolean;
  preflight: boolean;
  /** Requests this client already made in the current one-minute window. */
  requestsThisMinute: number;
  jwt: "valid" | "missing" | "expired";
  extraRoleField: boolean;
  csrfToken: boolean;
  contentType: "application/json" | "text/plain" | "text/xml";
  /** Makes the controller throw, to show the error handler. */
  controllerThrows: boolean;
};

export const DEFAULT_ATTRS: RequestAttrs = {
  originAllowed: true,
  preflight: false,
  requestsThisMinute: 12,
  jwt: "valid",
  extraRoleField: false,
  csrfToken: true,
  contentType: "application/json",
  controllerThrows: false,
};

export const RATE_LIMIT = 100;

export type TraceStep = { id: MiddlewareId | "controller" | "errorHandler"; label: string; outcome: "pass" | "reject" | "off" | "not reached" | "answered"; note: string };

export type PipelineResult = {
  status: number;
  headers: Record<string, string>;
  body: string;
  stoppedAt: TraceStep["id"];
  trace: TraceStep[];
  logLine: string | null;
  warnings: string[];
  /** What the browser does with the response. */
  browser: string;
};

/** Warnings about an order that breaks things, whatever the request. */
export function orderWarnings(order: readonly MiddlewareId[], enabled: Record<MiddlewareId, boolean>): string[] {
  const on = order.filter((m) => enabled[m]);
  const pos = (m: MiddlewareId) => on.indexOf(m);
  const w: string[] = [];
  if (enabled.cors && enabled.auth && pos("auth") < pos("cors")) w.push("Auth runs before CORS: preflight requests carry no credentials, so they get 401 and the browser never sends the real request.");
  if (enabled.logger && on.slice(0, pos("logger")).some((m) => m === "auth" || m === "rateLimit" || m === "cors"))
    w.push("The logger runs after layers that can reject: rejected requests (401, 429) leave no log line. Put the logger first.");
  if (!enabled.strongParams) w.push("Strong params is off: any field in the body, such as role, reaches User.create (mass assignment).");
  if (enabled.rateLimit && enabled.auth && pos("rateLimit") > pos("auth")) w.push("The rate limit runs after auth: a flood of bad tokens still costs you a signature check per request.");
  return w;
}

/** Runs one request through the enabled middleware in order, then the controller and the error handler. */
export function runPipeline(order: readonly MiddlewareId[], enabled: Record<MiddlewareId, boolean>, attrs: RequestAttrs, requestId: string): PipelineResult {
  const method = attrs.preflight ? "OPTIONS" : "POST";
  const trace: TraceStep[] = [];
  const headers: Record<string, string> = { "X-Request-Id": requestId };
  let loggerOn = false;
  let corsHeaders = false;
  let body: Record<string, unknown> | string = attrs.contentType === "application/json" ? { name: "Ada", email: "ada@example.com", ...(attrs.extraRoleField ? { role: "admin" } : {}) } : attrs.contentType === "text/xml" ? "<user><name>Ada</name></user>" : "name=Ada";
  let parsed = false;
  let filtered = false;
  const started = 0;

  const finish = (status: number, text: string, stoppedAt: TraceStep["id"]): PipelineResult => {
    const idx = order.indexOf(stoppedAt as MiddlewareId);
    for (const m of order.slice(idx >= 0 ? idx + 1 : order.length)) if (!trace.some((t) => t.id === m)) trace.push({ id: m, label: MIDDLEWARE[m].label, outcome: enabled[m] ? "not reached" : "off", note: "" });
    const logLine = loggerOn ? `${method} /api/users ${status} ${started + 3 + trace.length}ms id=${requestId}` : null;
    const allowOrigin = corsHeaders ? "reads the response" : "blocks the page from reading the response (no Access-Control-Allow-Origin)";
    const browser = attrs.preflight
      ? status === 204 && corsHeaders
        ? "Preflight approved: the browser now sends the real POST."
        : "Preflight failed: the browser never sends the real POST."
      : `The browser ${allowOrigin}.`;
    return { status, headers, body: text, stoppedAt, trace, logLine, warnings: orderWarnings(order, enabled), browser };
  };

  for (const id of order) {
    const label = MIDDLEWARE[id].label;
    if (!enabled[id]) {
      trace.push({ id, label, outcome: "off", note: "Switched off" });
      continue;
    }
    switch (id) {
      case "cors":
        if (attrs.originAllowed) {
          corsHeaders = true;
          headers["Access-Control-Allow-Origin"] = "https://app.example.com";
        }
        if (attrs.preflight) {
          if (attrs.originAllowed) {
            headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, DELETE";
            headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type";
          }
          trace.push({ id, label, outcome: "answered", note: attrs.originAllowed ? "Preflight answered with the allowed methods and headers." : "Preflight answered without allow headers: the origin is not on the list." });
          return finish(204, "", id);
        }
        trace.push({ id, label, outcome: "pass", note: attrs.originAllowed ? "Origin allowed: header added." : "Origin not allowed: no header added (the server still runs the request)." });
        break;
      case "rateLimit": {
        const count = attrs.requestsThisMinute + 1;
        headers["RateLimit-Limit"] = String(RATE_LIMIT);
        headers["RateLimit-Remaining"] = String(Math.max(0, RATE_LIMIT - count));
        if (count > RATE_LIMIT) {
          headers["Retry-After"] = "60";
          trace.push({ id, label, outcome: "reject", note: `Request ${count} this minute: over ${RATE_LIMIT}.` });
          return finish(429, JSON.stringify({ error: "Too many requests" }), id);
        }
        trace.push({ id, label, outcome: "pass", note: `Request ${count} of ${RATE_LIMIT} this minute.` });
        break;
      }
      case "auth":
        if (attrs.jwt !== "valid") {
          trace.push({ id, label, outcome: "reject", note: attrs.preflight ? "Preflights carry no token." : `Token ${attrs.jwt}.` });
          return finish(401, JSON.stringify({ error: "Not authenticated" }), id);
        }
        trace.push({ id, label, outcome: "pass", note: "Token valid: req.user set." });
        break;
      case "logger":
        loggerOn = true;
        trace.push({ id, label, outcome: "pass", note: "Will log when the response finishes." });
        break;
      case "json":
        if (attrs.contentType !== "application/json") {
          trace.push({ id, label, outcome: "reject", note: `Content-Type ${attrs.contentType} refused before parsing.` });
          return finish(415, JSON.stringify({ error: "Send application/json" }), id);
        }
        parsed = true;
        trace.push({ id, label, outcome: "pass", note: "Body parsed as JSON." });
        break;
      case "strongParams":
        if (typeof body === "object") {
          body = { name: body.name, email: body.email };
          filtered = true;
        }
        trace.push({ id, label, outcome: "pass", note: attrs.extraRoleField ? "Dropped the extra role field." : "Kept name and email." });
        break;
      case "csrf":
        if (!attrs.csrfToken) {
          trace.push({ id, label, outcome: "reject", note: "POST without a CSRF token." });
          return finish(403, JSON.stringify({ error: "Missing CSRF token (403 is our choice)" }), id);
        }
        trace.push({ id, label, outcome: "pass", note: "Token matches the session." });
        break;
    }
  }

  if (attrs.preflight) {
    // No CORS middleware answered the preflight: it falls through to the route, which only handles POST.
    trace.push({ id: "controller", label: "POST /users handler", outcome: "reject", note: "OPTIONS has no route here." });
    return finish(404, JSON.stringify({ error: "Not found" }), "controller");
  }
  const errorId = `err_${requestId.replace(/\D/g, "")}`;
  if (!parsed && attrs.contentType === "text/xml") {
    trace.push({ id: "controller", label: "POST /users handler", outcome: "reject", note: "The handler tries to read XML as JSON and crashes." });
    trace.push({ id: "errorHandler", label: "Error handler", outcome: "answered", note: `500 with error id ${errorId}; the stack trace stays in the server log.` });
    return finish(500, JSON.stringify({ error: "Internal error", errorId }), "errorHandler");
  }
  if (attrs.controllerThrows) {
    trace.push({ id: "controller", label: "POST /users handler", outcome: "reject", note: "User.create throws (the database is down)." });
    trace.push({ id: "errorHandler", label: "Error handler", outcome: "answered", note: `500 with error id ${errorId}; never a stack trace.` });
    return finish(500, JSON.stringify({ error: "Internal error", errorId }), "errorHandler");
  }
  const fields = typeof body === "object" ? body : {};
  if (typeof fields.name !== "string" || typeof fields.email !== "string") {
    trace.push({ id: "controller", label: "POST /users handler", outcome: "reject", note: "No parsed name and email: validation fails (422, our choice)." });
    return finish(422, JSON.stringify({ error: "name and email are required" }), "controller");
  }
  const created = { id: 43, ...fields };
  trace.push({
    id: "controller",
    label: "POST /users handler",
    outcome: "pass",
    note: `User.create(${JSON.stringify(fields)})${!filtered && "role" in fields ? ": role accepted. Mass assignment!" : ""}`,
  });
  headers.Location = "/api/users/43";
  return finish(201, JSON.stringify(created), "controller");
}
