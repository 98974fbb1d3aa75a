import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { burnVerifyTime, verifyPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/session-version";
import { db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/server/kernel/db-unavailable";
import { env } from "@/lib/server/kernel/env";
import { signInSchema } from "@/lib/schemas/user";

/** The session version a token was issued under (missing on tokens issued before versions existed: 0). */
const tokenVersion = (sv: unknown) => (typeof sv === "number" ? sv : 0);

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
      // Fresh name and role on every session read, so an admin's role change shows at once in the header; a
      // token from an older session version (signed out, password or role changed since) is no session at all.
      let user;
      try {
        user = token.sub
          ? await db.user.findUnique({ where: { id: token.sub }, select: { id: true, name: true, email: true, role: true, sessionVersion: true } })
          : null;
      } catch (error) {
        // A database outage is not a sign-out: next-auth would treat a throw as one (and clear the cookie), so
        // the session says so instead and getActor answers 503.
        if (isDatabaseUnavailable(error)) return { ...session, user: undefined, databaseUnavailable: true } as typeof session;
        throw error;
      }
      if (!user || user.sessionVersion !== tokenVersion(token.sv)) return { ...session, user: undefined };
      return { ...session, user: { id: user.id, name: user.name, email: user.email, role: user.role } };
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
