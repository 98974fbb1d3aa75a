import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { EvaluationRefused, evaluateInPool } from "@/lib/server/evaluation/pool";
import { BodyTooLargeError, clientIp, jsonError, MAX_JSON_BYTES, readJsonBody } from "@/lib/server/http";
import { hit, RATE_LIMITS } from "@/lib/server/rate-limit";

export const dynamic = "force-dynamic";

const seedSchema = z.coerce.number().int().min(0).max(2 ** 32 - 1);

/**
 * The public evaluation API: a design document (design-format v1) in, the evaluator's result out.
 * 400 lists every problem with its JSON path; 413 above 1 MB or over the node/edge limits; 422 over the time
 * budget; 429 per user (signed in) or per IP, and for too many evaluations in flight; 503 when the pool is full.
 */
export async function POST(request: Request) {
  const seedParam = new URL(request.url).searchParams.get("seed");
  const seed = seedParam === null ? undefined : seedSchema.safeParse(seedParam);
  if (seed && !seed.success) {
    return jsonError(400, "seed must be a whole number from 0 to 4294967295", { errors: [{ path: "seed", message: "Expected an integer 0..2^32-1" }] });
  }
  const user = await getCurrentUser();
  const verdict = user
    ? await hit(RATE_LIMITS.evaluatePerUser, user.id)
    : await hit(RATE_LIMITS.evaluatePerIp, clientIp(request.headers));
  if (!verdict.ok) {
    return jsonError(429, `Too many evaluations. Try again in ${verdict.retryAfterSeconds} s.`, {}, {
      "Retry-After": String(verdict.retryAfterSeconds),
    });
  }
  let body: unknown;
  try {
    body = await readJsonBody(request, MAX_JSON_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return jsonError(413, `Designs are limited to ${MAX_JSON_BYTES} bytes of JSON`);
    return jsonError(400, (error as Error).message, { errors: [{ path: "", message: (error as Error).message }] });
  }
  let outcome;
  try {
    const owner = user ? user.id : `ip:${clientIp(request.headers)}`;
    outcome = await evaluateInPool(body, { owner, seed: seed?.success ? seed.data : undefined });
  } catch (error) {
    if (!(error instanceof EvaluationRefused)) throw error;
    const retry = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    const errors = [{ path: error.path ?? "", message: error.message }];
    return jsonError(error.status, error.message, { errors }, retry);
  }
  if (!outcome.ok) return jsonError(400, `The design has ${outcome.errors.length} problem(s)`, { errors: outcome.errors });
  return Response.json(outcome.result, { headers: { "Cache-Control": "no-store" } });
}
