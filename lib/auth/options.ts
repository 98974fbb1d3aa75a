import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { burnVerifyTime, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/server/db-unavailable";
import { env } from "@/lib/server/kernel/env";
import { signInSchema } from "@/lib/schemas/user";

export const authOptions: NextAuthOptions = {
  // Credentials sign-in requires JWT sessions; the token carries only the user id, and everything that
  // matters for authorisation (role, existence) is read from the database on each request.
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  secret: env().NEXTAUTH_SECRET,
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
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    async session({ session, token }) {
      // Fresh name and role on every session read, so an admin's role change shows at once in the header.
      let user;
      try {
        user = token.sub ? await db.user.findUnique({ where: { id: token.sub }, select: { id: true, name: true, email: true, role: true } }) : null;
      } catch (error) {
        // A database outage is not a sign-out: next-auth would treat a throw as one (and clear the cookie), so
        // the session says so instead and getActor answers 503.
        if (isDatabaseUnavailable(error)) return { ...session, user: undefined, databaseUnavailable: true } as typeof session;
        throw error;
      }
      if (!user) return { ...session, user: undefined };
      return { ...session, user: { id: user.id, name: user.name, email: user.email, role: user.role } };
    },
  },
};
