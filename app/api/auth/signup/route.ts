import { signUpSchema } from "@/lib/schemas/user";
import { createAccount } from "@/lib/server/accounts/sign-up";
import { tooManyRequests } from "@/lib/server/kernel/errors";
import { hitAll, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";
import { defineRoute } from "@/lib/server/kernel/route";

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
export const POST = defineRoute({ auth: "public", body: signUpSchema, maxBytes: 10_000 }, async ({ body, address }) => {
  const verdict = await hitAll([
    [RATE_LIMITS.signUpPerIp, address],
    [RATE_LIMITS.signUpPerEmail, body.email],
  ]);
  if (!verdict.ok) throw tooManyRequests("sign-up attempts", verdict.retryAfterSeconds);
  await createAccount(body);
  return Response.json(ACCEPTED, { status: 202 });
});
