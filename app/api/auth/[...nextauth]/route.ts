import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { findHostile } from "@/lib/schemas/boundary";
import { env } from "@/lib/server/kernel/env";
import { checkOrigin, clientAddress } from "@/lib/server/kernel/request";
import { errorResponse } from "@/lib/server/kernel/route";
import { admitSignIn, recordSignIn } from "@/lib/server/accounts/sign-in-throttle";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/** A callbackUrl next-auth can follow: a same-site path, or an absolute http(s) URL (next-auth keeps only ours). */
function validCallbackUrl(value: string): boolean {
  if (value.startsWith("/")) return !value.startsWith("//") && !value.startsWith("/\\");
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** next-auth answers a malformed callbackUrl (query, form or cookie) with a 500; we answer 400 naming it. */
function badCallbackUrl(request: Request, form: URLSearchParams | null): Response | null {
  const cookie = /(?:^|;\s*)(?:__Secure-)?next-auth\.callback-url=([^;]*)/.exec(request.headers.get("cookie") ?? "")?.[1];
  const candidates = [new URL(request.url).searchParams.get("callbackUrl"), form?.get("callbackUrl"), cookie ? safeDecode(cookie) : null];
  return candidates.some((c) => c !== null && c !== undefined && !validCallbackUrl(c))
    ? errorResponse(400, "callbackUrl must be a path on this site or an http(s) URL.", { field: "callbackUrl" })
    : null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return "%";
  }
}

export async function GET(request: Request, context: Context) {
  return badCallbackUrl(request, null) ?? handler(request, context);
}

/**
 * Every next-auth POST (sign-in, sign-out) is checked for origin, hostile fields and a malformed callbackUrl
 * before next-auth sees it; credential sign-ins are throttled per account and address (sign-in-throttle.ts).
 */
export async function POST(request: Request, context: Context) {
  const { nextauth } = await context.params;
  const origin = checkOrigin(request.headers, request.url, false);
  if (!origin.ok) return errorResponse(403, origin.reason);
  const type = request.headers.get("content-type") ?? "";
  const form = type.startsWith("application/x-www-form-urlencoded")
    ? new URLSearchParams(await request.clone().text().catch(() => ""))
    : null;
  const hostile = form ? findHostile(Object.fromEntries(form)) : null;
  if (hostile) return errorResponse(400, `${hostile.path}: ${hostile.message}`, { field: hostile.path });
  const bad = badCallbackUrl(request, form);
  if (bad) return bad;
  if (nextauth.join("/") !== "callback/credentials") return handler(request, context);

  const email = (form?.get("email") ?? "").trim().toLowerCase().slice(0, 254) || "(none)";
  const address = clientAddress(request.headers);
  const gate = await admitSignIn(email, address);
  if (!gate.ok) {
    const url = new URL("/sign-in?error=RateLimited", env().NEXTAUTH_URL ?? request.url).toString();
    return Response.json(
      { error: { message: `Too many sign-in attempts. Try again in ${gate.retryAfterSeconds} s.` }, url },
      { status: 429, headers: { "Retry-After": String(gate.retryAfterSeconds) } },
    );
  }
  // The per-account slowdown: a pause, never a refusal, so the owner always gets in.
  if (gate.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, gate.delayMs));
  const response = await handler(request, context);
  await recordSignIn(email, address, signedIn(response));
  return response;
}

/** next-auth answers a wrong password with 401 and an `error=` redirect, and a right one with a plain redirect. */
function signedIn(response: Response): boolean {
  const location = response.headers.get("location") ?? "";
  return response.status < 400 && !/[?&]error=/.test(location) && response.headers.getSetCookie().some((c) => /session-token=/.test(c));
}
