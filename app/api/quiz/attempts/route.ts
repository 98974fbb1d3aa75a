import { submitAttemptSchema } from "@/lib/schemas/quiz-attempt";
import { defineRoute } from "@/lib/server/kernel/route";
import { submitAttempt } from "@/lib/server/quiz/submit";

/**
 * POST /api/quiz/attempts — submit a finished quiz. 201 with the scored attempt; 200 with the same body when
 * the idempotency key was seen before with the same body; 422 when it was seen with a different one; 400
 * naming the field for anything malformed (nothing is stored then). The session is checked (user, session
 * version, candidate grant) by the submission's own first query; a stale or foreign session gets 401/403.
 */
export const POST = defineRoute({ auth: "claims", body: submitAttemptSchema, maxBytes: 200_000 }, async ({ claims, body }) => {
  const outcome = await submitAttempt(claims!, body);
  // A JsonReply, not a Response: on server.mjs's direct path it is written out without building one.
  return { status: outcome.status, body: outcome.body, headers: outcome.replayed ? { "Idempotent-Replayed": "true" } : undefined };
});
