import "server-only";
import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { cookies } from "next/headers";
import { parseCookie } from "next/dist/compiled/@edge-runtime/cookies";
import { forbidden, unauthorized } from "next/navigation";
import { cache } from "react";
import { authOptions, sessionUserOf, tokenVersion } from "@/lib/auth/options";
import { databaseUnavailable } from "@/lib/server/kernel/db-unavailable";
import { AppError } from "@/lib/server/kernel/errors";
import type { HeaderReader } from "@/lib/server/kernel/request";
import type { Role } from "@/lib/schemas/user";

/** The signed-in user as the session callback loaded them from the database for this request. */
export type Actor = { id: string; email: string; name: string; role: Role };

import { hasGrant, type Grant } from "@/lib/server/kernel/grants";
export { type Grant } from "@/lib/server/kernel/grants";

// Decoded session tokens by their exact cookie value. A token is authenticated encryption under our secret, so
// the same string always decrypts to the same payload: decrypting it again (an HKDF key derivation and AES-GCM,
// the largest CPU cost of an authenticated API request) is only repeated once it expires or falls out of this
// bounded map. Who the token stands for is still checked against the database on every request.
const MAX_DECODED = 5_000;
const decoded = new Map<string, JWT>();

async function decodeOnce(params: JWTDecodeParams): Promise<JWT | null> {
  if (!params.token) return null;
  const hit = decoded.get(params.token);
  if (hit && typeof hit.exp === "number" && hit.exp * 1000 > Date.now()) return hit;
  decoded.delete(params.token);
  // A token that does not decrypt (tampered, another secret, expired) is no session, as next-auth has it.
  const payload = await decode(params).catch(() => null);
  if (payload) {
    if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value as string);
    decoded.set(params.token, payload);
  }
  return payload;
}

/** next-auth's session cookie, joined again if it was split into `name.0`, `name.1`… (as next-auth reads it). */
function sessionCookie(all: { name: string; value: string }[]): string | undefined {
  const name = `${authOptions.useSecureCookies ? "__Secure-" : ""}next-auth.session-token`;
  const parts = all.filter((c) => c.name === name || c.name.startsWith(`${name}.`));
  if (parts.length === 0) return undefined;
  const index = (cookie: string) => Number.parseInt(cookie.split(".").pop() ?? "0", 10) || 0;
  return parts
    .sort((a, b) => index(a.name) - index(b.name))
    .map((c) => c.value)
    .join("");
}

/**
 * The signed-in user, or null: the session cookie decoded and checked by sessionUserOf, the very check next-auth's
 * session callback makes (one database read per request). This reads the cookie directly rather than through
 * getServerSession, which on every call also made a CSRF token and re-encrypted a fresh JWT that a server
 * component or route handler cannot even send back. React's `cache` shares the answer between the layout, the
 * page and any action in the same request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const token = await decodeOnce({ token: sessionCookie((await cookies()).getAll()), secret: authOptions.secret ?? "" });
  if (!token) return null;
  const user = await sessionUserOf(token);
  if (user === "database-unavailable") throw databaseUnavailable();
  return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
});

/**
 * What the session cookie claims, decoded without the database: the user it was issued to and the session version
 * it was issued under (null when the caller already verified the user, as the integration tests' `run` does).
 * Claims are not a session until checked against users (existence, session_version, role by hasGrant), as
 * sessionUserOf does; a route that takes claims (defineRoute's `auth: "claims"`) makes that check inside its own
 * first query, so a quiz submission needs no separate round trip to authenticate.
 */
export type SessionClaims = { userId: string; sessionVersion: number | null };

export async function getSessionClaims(headers?: HeaderReader): Promise<SessionClaims | null> {
  // A route hands in its request's headers: parsing the one Cookie header (as Next's cookie store parses it) is
  // all this needs, where Next's cookies() also builds the request's mutable cookie store (a few % of a quiz
  // submission's CPU in bench:quiz), and server.mjs's direct path has no Next request scope to read it from.
  const all = headers
    ? Array.from(parseCookie(headers.get("cookie") ?? ""), ([name, value]) => ({ name, value }))
    : (await cookies()).getAll();
  const token = await decodeOnce({ token: sessionCookie(all), secret: authOptions.secret ?? "" });
  if (!token?.sub) return null;
  return { userId: token.sub, sessionVersion: tokenVersion(token.sv) };
}

/** The one role check for actions and route handlers: 401 when signed out, 403 when the role is not enough. */
export function requireRole(actor: Actor | null, grant: Grant): Actor {
  if (!actor) throw new AppError(401, "Sign in to do that.");
  if (!hasGrant(actor, grant)) throw new AppError(403, "Your role does not allow that.");
  return actor;
}

/** The same check for pages, which answer with Next's 401 and 403 pages instead of an error envelope. */
export async function requirePageRole(grant: Grant): Promise<Actor> {
  const actor = await getActor();
  if (!actor) unauthorized();
  if (!hasGrant(actor, grant)) forbidden();
  return actor;
}
