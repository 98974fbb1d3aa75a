import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/session-version";
import { db } from "@/lib/server/kernel/db";
import { changePassword as changePasswordAction } from "@/lib/actions/change-password";
import { changePassword } from "@/lib/server/accounts/password";
import { setRole } from "@/lib/server/admin/users";
import { runAction } from "@/lib/server/kernel/action";
import { AppError } from "@/lib/server/kernel/errors";
import { browserHeaders } from "../kernel/helpers";
import { uid } from "../instructor/helpers";

async function makeUser(role: "CANDIDATE" | "ADMIN" = "CANDIDATE", password = "unused") {
  return db.user.create({
    data: { email: `sess-${uid()}@example.test`, name: `Sam ${uid()}`, passwordHash: password === "unused" ? "unused" : await hashPassword(password), role },
  });
}

/** The token next-auth would issue at sign-in, through our jwt callback. */
async function tokenFor(user: { id: string; email: string; name: string; sessionVersion: number }): Promise<JWT> {
  const jwt = authOptions.callbacks!.jwt!;
  return jwt({ token: { sub: user.id }, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } as never, account: null });
}

/** Who the session callback says is signed in for this token (what every request sees through getActor). */
async function sessionUser(token: JWT): Promise<string | undefined> {
  const session = (await authOptions.callbacks!.session!({ session: { expires: new Date(Date.now() + 60_000).toISOString() } as Session, token } as never)) as Session;
  return (session.user as { id?: string } | undefined)?.id;
}

describe("session versions", () => {
  it("a token is honoured until the user's sessions are ended, then never again", async () => {
    const user = await makeUser();
    const token = await tokenFor(user);
    expect(token.sv).toBe(0);
    expect(await sessionUser(token)).toBe(user.id);
    await endSessions(user.id);
    expect(await sessionUser(token)).toBeUndefined();
    const fresh = await tokenFor(await db.user.findUniqueOrThrow({ where: { id: user.id } }));
    expect(await sessionUser(fresh)).toBe(user.id);
  });

  it("sign-out (next-auth's signOut event) ends the token that signed out", async () => {
    const user = await makeUser();
    const token = await tokenFor(user);
    await authOptions.events!.signOut!({ token, session: undefined as never });
    expect(await sessionUser(token)).toBeUndefined();
  });

  it("a role change ends the user's sessions", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser();
    const token = await tokenFor(user);
    await setRole(admin.id, user.id, "INSTRUCTOR");
    expect(await sessionUser(token)).toBeUndefined();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("INSTRUCTOR");
  });

  it("a password change checks the current password and the new one's strength, then ends the sessions", async () => {
    const user = await makeUser("CANDIDATE", "first-secret-quokka-71");
    const token = await tokenFor(user);
    const wrong = await changePassword(user.id, { currentPassword: "not-it", newPassword: "second-secret-wombat-82" }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AppError);
    expect([(wrong as AppError).status, (wrong as AppError).field]).toEqual([400, "currentPassword"]);
    const weak = await changePassword(user.id, { currentPassword: "first-secret-quokka-71", newPassword: "password1234" }).catch((e: unknown) => e);
    expect([(weak as AppError).status, (weak as AppError).field]).toEqual([400, "newPassword"]);
    expect(await sessionUser(token)).toBe(user.id);

    await changePassword(user.id, { currentPassword: "first-secret-quokka-71", newPassword: "second-secret-wombat-82" });
    expect(await sessionUser(token)).toBeUndefined();
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash, "second-secret-wombat-82")).toBe(true);
  });

  it("the change-password action answers a refusal as the one failure envelope, naming the field, not inside a success", async () => {
    const user = await makeUser("CANDIDATE", "first-secret-quokka-71");
    const ctx = { headers: browserHeaders(), actor: { id: user.id, email: user.email, name: user.name, role: user.role } };
    const wrong = await runAction(changePasswordAction.definition, { currentPassword: "not-it", newPassword: "second-secret-wombat-82" }, ctx);
    expect(wrong).toMatchObject({ ok: false, status: 400, field: "currentPassword", error: "That is not your current password." });
    const weak = await runAction(changePasswordAction.definition, { currentPassword: "first-secret-quokka-71", newPassword: "password1234" }, ctx);
    expect(weak).toMatchObject({ ok: false, status: 400, field: "newPassword" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([stored.sessionVersion, await verifyPassword(stored.passwordHash, "first-secret-quokka-71")]).toEqual([0, true]);
    expect(await runAction(changePasswordAction.definition, { currentPassword: "first-secret-quokka-71", newPassword: "second-secret-wombat-82" }, ctx)).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
  });

  it("cookies are Secure (and __Secure- prefixed by next-auth) exactly when NEXTAUTH_URL is https", async () => {
    expect(authOptions.useSecureCookies).toBe(false);
    vi.resetModules();
    vi.stubEnv("NEXTAUTH_URL", "https://roundtrip.example");
    try {
      const { authOptions: https } = await import("@/lib/auth/options");
      expect(https.useSecureCookies).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("last-admin guard", () => {
  it("two admins demoting each other at the same moment leave one admin, every time", async () => {
    // Only these two are admins during the test, so each demotion would remove the last-but-one admin.
    const others = await db.user.findMany({ where: { role: "ADMIN" }, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "INSTRUCTOR" } });
    try {
      for (let round = 0; round < 8; round++) {
        const a = await makeUser("ADMIN");
        const b = await makeUser("ADMIN");
        const outcomes = await Promise.all([
          setRole(a.id, b.id, "CANDIDATE").then(() => "demoted", (e: unknown) => (e instanceof AppError ? e.status : String(e))),
          setRole(b.id, a.id, "CANDIDATE").then(() => "demoted", (e: unknown) => (e instanceof AppError ? e.status : String(e))),
        ]);
        expect(outcomes.sort((x, y) => String(x).localeCompare(String(y)))).toEqual([409, "demoted"]);
        expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(1);
        await db.user.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { role: "CANDIDATE" } });
      }
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "ADMIN" } });
    }
  });

  it("refuses to demote the only admin with 409 and records nothing", async () => {
    const others = await db.user.findMany({ where: { role: "ADMIN" }, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "INSTRUCTOR" } });
    try {
      const only = await makeUser("ADMIN");
      const refused = await setRole(only.id, only.id, "CANDIDATE").catch((e: unknown) => e);
      expect((refused as AppError).status).toBe(409);
      expect(await db.roleChange.count({ where: { userId: only.id } })).toBe(0);
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "ADMIN" } });
    }
  });
});
