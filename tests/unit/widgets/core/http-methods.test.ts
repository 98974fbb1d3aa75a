import { describe, expect, it } from "vitest";
import { METHODS, METHOD_INFO, STATUS_FAMILIES, initialStore, isIdempotent, isSafe, send, sendTwice, statusCode } from "@/lib/core/widgets/http-methods/model";

describe("W5 HTTP methods and status codes", () => {
  it("shows the brief's safe and idempotent badges", () => {
    const badges = Object.fromEntries(METHODS.map((m) => [m, [isSafe(m), isIdempotent(m)]]));
    expect(badges).toEqual({
      GET: [true, true],
      HEAD: [true, true],
      OPTIONS: [true, true],
      PUT: [false, true],
      DELETE: [false, true],
      PATCH: [false, false],
      POST: [false, false],
    });
    for (const m of METHODS) expect(METHOD_INFO[m].idempotent).toBe(isIdempotent(m));
  });

  it("POST sent twice creates two resources", () => {
    const r = sendTwice(initialStore(), "POST");
    expect(r.second.store.users).toHaveLength(3);
    expect(r.first.response).toMatchObject({ status: 201, location: "/api/users/43" });
    expect(r.second.response.location).toBe("/api/users/44");
    expect(r.sameState).toBe(false);
  });

  it("PUT sent twice leaves the same state as one send", () => {
    const r = sendTwice(initialStore(), "PUT");
    expect(r.sameState).toBe(true);
    expect(r.second.store.users).toHaveLength(1);
  });

  it("DELETE twice: the second call changes nothing though its response differs", () => {
    const r = sendTwice(initialStore(), "DELETE");
    expect(r.sameState).toBe(true);
    expect(r.first.response.status).toBe(204);
    expect(r.second.response.status).toBe(404);
  });

  it("PATCH (increment) is not idempotent; GET changes nothing", () => {
    expect(sendTwice(initialStore(), "PATCH").sameState).toBe(false);
    const g = send(initialStore(), "GET");
    expect(g.store).toEqual(initialStore());
  });

  it("lists the status families with the brief's codes", () => {
    const codes = STATUS_FAMILIES.map((f) => f.codes.map((c) => c.code));
    expect(codes).toEqual([[100, 101], [200, 201, 202, 204], [301, 302, 304], [400, 401, 403, 404, 409, 410, 422, 429], [500, 502, 503, 504]]);
    expect(statusCode(401)?.meaning).toMatch(/Not authenticated/);
    expect(statusCode(403)?.meaning).toMatch(/Authenticated, but not allowed/);
    expect(statusCode(502)?.meaning).toMatch(/upstream is down or broken/);
    expect(statusCode(504)?.meaning).toMatch(/too slow/);
  });
});
