import { z } from "zod";
import { evaluateJsonInPool } from "@/lib/server/evaluation/pool";
import { tooManyRequests } from "@/lib/server/kernel/errors";
import { hit, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";
import { defineRoute, errorResponse, MAX_JSON_BYTES } from "@/lib/server/kernel/route";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  seed: z.coerce.number({ message: "seed must be a whole number from 0 to 4294967295" }).int().min(0).max(2 ** 32 - 1).optional(),
});

/**
 * The public evaluation API: a design document (design-format v1) in, the evaluator's result out.
 * 400 lists every problem with its JSON path; 413 above 1 MB or over the node/edge limits; 422 over the time
 * budget; 429 per user (signed in) or per IP, and for too many evaluations in flight; 503 when the pool is full.
 */
export const POST = defineRoute(
  { auth: "optional", body: "text", maxBytes: MAX_JSON_BYTES, query: querySchema },
  async ({ actor, body, query, address }) => {
    const verdict = actor ? await hit(RATE_LIMITS.evaluatePerUser, actor.id) : await hit(RATE_LIMITS.evaluatePerIp, address);
    if (!verdict.ok) throw tooManyRequests("evaluations", verdict.retryAfterSeconds);
    // The body is parsed, checked and scored on an evaluator thread, and the result comes back serialised: a
    // burst of 1 MB designs then costs this thread string copies, not parses (bench:eval-burst). Refusals
    // (not JSON or hostile 400, size 413, time budget 422, too many in flight 429, pool full 503) are AppErrors.
    const outcome = await evaluateJsonInPool(body, { owner: actor ? actor.id : `ip:${address}`, seed: query.seed });
    if (!outcome.ok) {
      return errorResponse(400, `The design has ${outcome.errors.length} problem(s)`, { field: outcome.errors[0]?.path, errors: outcome.errors });
    }
    return new Response(outcome.json, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  },
);
