import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { submitAttemptSchema } from "@/lib/schemas/quiz-attempt";
import { jsonError, parseJsonRequest } from "@/lib/server/http";
import { sessionUserId } from "@/lib/server/quiz/api-auth";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { submitAttempt } from "@/lib/server/quiz/submit";

/**
 * POST /api/quiz/attempts — submit a finished quiz. 201 with the scored attempt; 200 with the same body when
 * the idempotency key was seen before with the same body; 422 when it was seen with a different one; 400
 * naming the field for anything malformed (nothing is stored then).
 */
export async function POST(request: NextRequest) {
  const userId = await sessionUserId(request);
  if (!userId) return jsonError(401, "Sign in to submit a quiz.");
  const parsed = await parseJsonRequest(request, submitAttemptSchema, 200_000);
  if (!parsed.ok) return parsed.response;
  try {
    const outcome = await submitAttempt(userId, parsed.data);
    return NextResponse.json(outcome.body, {
      status: outcome.status,
      headers: outcome.replayed ? { "Idempotent-Replayed": "true" } : undefined,
    });
  } catch (error) {
    if (error instanceof QuizRequestError) {
      return jsonError(error.status, error.message, error.field ? { errors: [{ path: error.field, message: error.message }] } : {});
    }
    console.error("Quiz submission failed", error);
    return jsonError(500, "Something went wrong on our side; the attempt was not stored. Please retry with the same idempotencyKey.");
  }
}
