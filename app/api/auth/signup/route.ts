import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { signUpSchema } from "@/lib/schemas/user";
import { clientIp, jsonError, parseJsonRequest } from "@/lib/server/http";
import { hitAll, RATE_LIMITS } from "@/lib/server/rate-limit";

const MAX_SIGNUP_BYTES = 10_000;

/** Creates a candidate account. 400 names the bad field, 409 a taken email, 413 an oversized body, 429 too many tries. */
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
  try {
    const user = await db.user.create({
      data: { name, email, passwordHash: await hashPassword(password) },
      select: { id: true, name: true, email: true, role: true },
    });
    return Response.json({ user }, { status: 201 });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return jsonError(409, "An account with this email already exists. Sign in instead.", {
        errors: [{ path: "email", message: "An account with this email already exists" }],
      });
    }
    throw error;
  }
}
