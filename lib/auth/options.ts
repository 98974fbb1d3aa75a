import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { burnVerifyTime, verifyPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/session-version";
import { db } from "@/lib/server/kernel/db";
import { isDatabaseUnavailable } from "@/lib/server/kernel/db-unavailable";
import { env } from "@/lib/server/kernel/env";
import { signInSchema, type Role } from "@/lib/schemas/user";

/** The session version a token was issued under (missing on tokens issued before versions existed: 0). */
export const tokenVersion = (sv: unknown) => (typeof sv === "number" ? sv : 0);

/** The user a decoded session token stands for, as the session shows them. */
export type SessionUserRow = { id: string; name: string; email: string; role: Role };

/**
 * The one check of a session token, shared by next-auth's session callback and getActor: fresh name and role
 * on every read, so an admin's role change shows at once; a token from an older session version (signed out,
 * password or role changed since) is no session at all (null). A database outage is not a sign-out: next-auth
 * would treat a throw as one (and clear the cookie), so it is answered as such and getActor turns it into a 503.
 */
export async function sessionUserOf(token: JWT): Promise<SessionUserRow | null | "database-unavailable"> {
  if (!token.sub) return null;
  let user;
  try {
    user = await db.user.findUnique({ where: { id: token.sub }, select: { id: true, name: true, email: true, role: true, sessionVersion: true } });
  } catch (error) {
    if (isDatabaseUnavailable(error)) return "database-unavailable";
    throw error;
  }
  if (!user || user.sessionVersion !== tokenVersion(token.sv)) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

export const authOptions: NextAuthOptions = {
  // Credentials sign-in requires JWT sessions; the token carries the user id and the user's session version,
  // and everything that matters for authorisation (role, existence, version) is read from the database on
  // each request. Bumping users.session_version (sign-out, password change, role change) voids every older token.
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  secret: env().NEXTAUTH_SECRET,
  // Secure, __Secure- prefixed cookies whenever the public URL is https, without relying on the proxy's headers.
  useSecureCookies: env().NEXTAUTH_URL?.startsWith("https://") ?? false,
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await db.user.findUnique({ where: { email: parsed.data.email } });
        if (!user) {
          await burnVerifyTime(parsed.data.password);
          return null;
        }
        if (!(await verifyPassword(user.passwordHash, parsed.data.password))) return null;
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      const found = await sessionUserOf(token);
      if (found === "database-unavailable") return { ...session, user: undefined, databaseUnavailable: true } as typeof session;
      return { ...session, user: found ?? undefined };
    },
  },
  events: {
    // Sign-out ends the token on the server too: a copy of the cookie kept elsewhere stops working at once.
    // The version is per user, so this signs the account out on every device.
    async signOut({ token }) {
      if (token?.sub) await endSessions(token.sub);
    },
  },
};
