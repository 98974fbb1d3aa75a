import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { ROLES } from "@/lib/schemas/roles";
import { parseSessionView } from "@/lib/schemas/session-view";

// The header's session check is written by hand so it costs the browser nothing (lib/schemas/session-view.ts says
// why); this zod schema is the one it replaced, and the check must answer as it does on every input: the same
// value where zod accepts, null where zod refuses.
const zodSessionView = z.object({
  user: z.optional(z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(ROLES) })),
  databaseUnavailable: z.optional(z.boolean()),
});
const viaZod = (json: unknown) => {
  const parsed = zodSessionView.safeParse(json);
  return parsed.success ? parsed.data : null;
};

const user = { id: "u1", name: "Ada", email: "ada@example.com", role: "CANDIDATE" };

describe("parseSessionView", () => {
  it("reads a signed-in session and drops the keys next-auth adds", () => {
    expect(parseSessionView({ user: { ...user, image: null }, expires: "2030-01-01T00:00:00.000Z" })).toEqual({ user });
  });

  it("reads a signed-out session (next-auth answers {}) and a database outage", () => {
    expect(parseSessionView({})).toEqual({});
    expect(parseSessionView({ databaseUnavailable: true })).toEqual({ databaseUnavailable: true });
  });

  it.each([
    ["null", null],
    ["an array", [user]],
    ["a user that is null", { user: null }],
    ["a user without a role", { user: { id: "u1", name: "Ada", email: "ada@example.com" } }],
    ["a role the app does not have", { user: { ...user, role: "ROOT" } }],
    ["a numeric id", { user: { ...user, id: 1 } }],
    ["an outage flag that is a string", { databaseUnavailable: "yes" }],
  ])("refuses %s, as zod does", (_, json) => {
    expect(viaZod(json)).toBeNull();
    expect(parseSessionView(json)).toBeNull();
  });

  it("answers as the zod schema on random bodies shaped like a session", () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constantFrom(...ROLES));
    const userLike = fc.oneof(
      fc.record({ id: field, name: field, email: field, role: field, image: field }, { requiredKeys: [] }),
      fc.record({ id: fc.string(), name: fc.string(), email: fc.string(), role: fc.constantFrom(...ROLES, "ROOT") }),
      fc.anything(),
    );
    const body = fc.oneof(
      fc.record({ user: userLike, databaseUnavailable: field, expires: fc.string() }, { requiredKeys: [] }),
      fc.anything(),
    );
    fc.assert(
      fc.property(body, (json) => {
        expect(parseSessionView(json)).toEqual(viaZod(json));
      }),
      { numRuns: 2000 },
    );
  });
});
