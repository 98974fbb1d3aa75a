import { signUpSchema } from "@/lib/schemas/user";
import { tooManyRequests } from "@/lib/server/kernel/errors";
import { hitAll, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";
import { defineRoute } from "@/lib/server/kernel/route";
import { createAccount } from "@/lib/server/accounts";

/** Creates a candidate account. 400 names the bad field, 409 a taken email, 413 an oversized body, 429 too many tries. */
export const POST = defineRoute({ auth: "public", body: signUpSchema, maxBytes: 10_000 }, async ({ body, address }) => {
  const verdict = await hitAll([
    [RATE_LIMITS.signUpPerIp, address],
    [RATE_LIMITS.signUpPerEmail, body.email],
  ]);
  if (!verdict.ok) throw tooManyRequests("sign-up attempts", verdict.retryAfterSeconds);
  return Response.json({ user: await createAccount(body) }, { status: 201 });
});
