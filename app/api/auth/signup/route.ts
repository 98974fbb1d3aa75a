import { hashPassword } from "@/lib/auth/password";
import { weakPasswordMessage } from "@/lib/auth/password-strength";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { signUpSchema } from "@/lib/schemas/user";
import { clientIp, jsonError, parseJsonRequest } from "@/lib/server/http";
import { hitAll, RATE_LIMITS } from "@/lib/server/rate-limit";

const MAX_SIGNUP_BYTES = 10_000;

// The same answer whether or not the email is taken, so sign-up cannot tell anyone which emails have accounts
// (no mail is sent: Roundtrip has no mail server). The form then signs in with the password just typed, which
// works for a new account and for an owner who already knows their password, and for no one else.
const ACCEPTED = {
  message: "If this email is new, your account is ready. If it already has an account, sign in with its password.",
};

/**
 * Creates a candidate account. 202 with the same body for a new and a taken email; 400 names the bad field
 * (including a password too easy to guess); 413 an oversized body; 429 too many tries.
 */
export async function POST(request: Request) {
  const parsed = await parseJsonRequest(request, signUpSchema, MAX_SIGNUP_BYTES);
  if (!parsed.ok) return parsed.response;
  const { name, email, password } = parsed.data;
  const verdict = await hitAll([
    [RATE_LIMITS.signUpPerIp, clientIp(request.headers)],
    [RATE_LIMITS.signUpPerEmail, email],
  ]);
  if (!verdict.ok) {
    return jsonError(429, `Too many sign-up attempts. Try again in ${verdict.retryAfterSeconds} s.`, {}, {
      "Retry-After": String(verdict.retryAfterSeconds),
    });
  }
  const weak = weakPasswordMessage(password, [name, email]);
  if (weak) return jsonError(400, weak, { errors: [{ path: "password", message: weak }] });
  // Hashing happens for taken emails too, so the answer takes as long either way.
  const passwordHash = await hashPassword(password);
  try {
    await db.user.create({ data: { name, email, passwordHash }, select: { id: true } });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  return Response.json(ACCEPTED, { status: 202 });
}
