import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { clientIp } from "@/lib/server/http";
import { hitAll, RATE_LIMITS } from "@/lib/server/rate-limit";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

export { handler as GET };

/** Sign-in attempts are limited per IP and per email before next-auth sees them. */
export async function POST(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase().slice(0, 254);
    const verdict = await hitAll([
      [RATE_LIMITS.signInPerIp, clientIp(request.headers)],
      [RATE_LIMITS.signInPerEmail, email || "(none)"],
    ]);
    if (!verdict.ok) {
      const url = new URL("/sign-in?error=RateLimited", process.env.NEXTAUTH_URL ?? request.url).toString();
      return Response.json(
        { error: `Too many sign-in attempts. Try again in ${verdict.retryAfterSeconds} s.`, url },
        { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds) } },
      );
    }
  }
  return handler(request, context);
}
