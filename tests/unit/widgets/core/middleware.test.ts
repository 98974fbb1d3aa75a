import { describe, expect, it } from "vitest";
import { DEFAULT_ATTRS, DEFAULT_ORDER, orderWarnings, runPipeline, type MiddlewareId, type RequestAttrs } from "@/lib/core/widgets/middleware/model";

const allOn = Object.fromEntries(DEFAULT_ORDER.map((m) => [m, true])) as Record<MiddlewareId, boolean>;
const run = (attrs: Partial<RequestAttrs> = {}, enabled = allOn, order = DEFAULT_ORDER) => runPipeline(order, enabled, { ...DEFAULT_ATTRS, ...attrs }, "req-0001");

describe("W12 middleware pipeline", () => {
  it("a good request reaches the controller and creates the user", () => {
    const r = run();
    expect(r.status).toBe(201);
    expect(r.stoppedAt).toBe("controller");
    expect(r.logLine).toMatch(/^POST \/api\/users 201 \d+ms id=req-0001$/);
  });

  it("rate limit returns 429 above 100 per minute, with limit and remaining headers", () => {
    const ok = run({ requestsThisMinute: 99 });
    expect(ok.status).toBe(201);
    expect(ok.headers["RateLimit-Remaining"]).toBe("0");
    const r = run({ requestsThisMinute: 100 });
    expect(r.status).toBe(429);
    expect(r.headers["RateLimit-Limit"]).toBe("100");
    expect(r.headers["RateLimit-Remaining"]).toBe("0");
  });

  it("auth failure is 401, and with the logger after auth it leaves no log line", () => {
    const r = run({ jwt: "missing" });
    expect(r.status).toBe(401);
    expect(r.logLine).toBeNull();
    const loggerFirst: MiddlewareId[] = ["logger", "cors", "rateLimit", "auth", "json", "strongParams", "csrf"];
    expect(run({ jwt: "missing" }, allOn, loggerFirst).logLine).toMatch(/ 401 /);
  });

  it("strong params drop role; turning it off shows mass assignment", () => {
    expect(run({ extraRoleField: true }).body).not.toContain("role");
    const off = run({ extraRoleField: true }, { ...allOn, strongParams: false });
    expect(off.body).toContain('"role":"admin"');
    expect(off.trace.find((t) => t.id === "controller")?.note).toMatch(/Mass assignment/);
  });

  it("CSRF rejects a POST without a token with 403 (our chosen code)", () => {
    expect(run({ csrfToken: false }).status).toBe(403);
  });

  it("CORS before auth answers preflights; auth before CORS breaks them", () => {
    const pre = run({ preflight: true, jwt: "missing" });
    expect(pre.status).toBe(204);
    expect(pre.browser).toMatch(/approved/);
    const authFirst: MiddlewareId[] = ["auth", "cors", "rateLimit", "logger", "json", "strongParams", "csrf"];
    const broken = run({ preflight: true, jwt: "missing" }, allOn, authFirst);
    expect(broken.status).toBe(401);
    expect(broken.browser).toMatch(/never sends/);
    expect(orderWarnings(authFirst, allOn).join(" ")).toMatch(/preflight/i);
  });

  it("a Content-Type check stops text/xml before a parser crashes; without it the error handler answers 500 with an id", () => {
    expect(run({ contentType: "text/xml" }).status).toBe(415);
    const crash = run({ contentType: "text/xml" }, { ...allOn, json: false });
    expect(crash.status).toBe(500);
    expect(crash.body).toMatch(/errorId/);
    expect(crash.body).not.toMatch(/at \w+ \(/);
  });

  it("a throwing controller gives 500 with an error id, never a stack trace", () => {
    const r = run({ controllerThrows: true });
    expect(r.status).toBe(500);
    expect(JSON.parse(r.body)).toEqual({ error: "Internal error", errorId: "err_0001" });
  });

  it("a disallowed origin still runs on the server but the browser cannot read it", () => {
    const r = run({ originAllowed: false });
    expect(r.status).toBe(201);
    expect(r.headers["Access-Control-Allow-Origin"]).toBeUndefined();
    expect(r.browser).toMatch(/blocks/);
  });
});
