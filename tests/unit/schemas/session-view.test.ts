import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { ROLES } from "@/lib/schemas/roles";
import { sessionUserOf } from "@/lib/schemas/session-view";

// The header's session check is written by hand so that it costs the browser next to nothing
// (lib/schemas/session-view.ts says why). This zod schema of the same shape is the oracle: the check must give the
// user zod would give, and null wherever zod refuses the body or finds no user, on every input.
const zodSession = z.object({
  user: z.optional(z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(ROLES) })),
});
const viaZod = (body: unknown) => {
  const parsed = zodSession.safeParse(body);
  return (parsed.success && parsed.data.user) || null;
};

const user = { id: "u1", name: "Ada", email: "ada@example.com", role: "CANDIDATE" };

describe("sessionUserOf", () => {
  it("reads the user of a signed-in session and drops the keys next-auth adds", () => {
    expect(sessionUserOf({ user: { ...user, image: null }, expires: "2030-01-01T00:00:00.000Z" })).toEqual(user);
  });

  it.each([
    ["a signed-out session (next-auth answers {})", {}],
    ["a database outage", { databaseUnavailable: true }],
    ["null", null],
    ["an array", [user]],
    ["a string", "signed in"],
    ["a user that is null", { user: null }],
    ["a user that is an array", { user: [user] }],
    ["a user without a role", { user: { id: "u1", name: "Ada", email: "ada@example.com" } }],
    ["a role the app does not have", { user: { ...user, role: "ROOT" } }],
    ["a numeric id", { user: { ...user, id: 1 } }],
    ["a name that is missing", { user: { id: "u1", email: "ada@example.com", role: "ADMIN" } }],
  ])("finds no user in %s, as zod does", (_, body) => {
    expect(viaZod(body)).toBeNull();
    expect(sessionUserOf(body)).toBeNull();
  });

  it("answers as the zod schema on random bodies shaped like a session", () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constantFrom(...ROLES));
    const userLike = fc.oneof(
      fc.record({ id: field, name: field, email: field, role: field, image: field }, { requiredKeys: [] }),
      fc.record({ id: fc.string(), name: fc.string(), email: fc.string(), role: fc.constantFrom(...ROLES, "ROOT") }),
      fc.anything(),
    );
    const body = fc.oneof(fc.record({ user: userLike, expires: fc.string() }, { requiredKeys: [] }), fc.anything());
    let signedIn = 0;
    fc.assert(
      fc.property(body, (json) => {
        const found = sessionUserOf(json);
        expect(found).toEqual(viaZod(json));
        if (found) signedIn++;
      }),
      { numRuns: 2000 },
    );
    // Not only refusals: a good share of the bodies carry a well-formed user, so acceptance is compared too.
    expect(signedIn).toBeGreaterThan(100);
  });
});
