import { z } from "zod";
import { evaluateDesign } from "@/lib/evaluator";
import { tooManyRequests } from "@/lib/server/kernel/errors";
import { hit, RATE_LIMITS } from "@/lib/server/kernel/rate-limit";
import { defineRoute, errorResponse, MAX_JSON_BYTES } from "@/lib/server/kernel/route";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  seed: z.coerce.number({ message: "seed must be a whole number from 0 to 4294967295" }).int().min(0).max(2 ** 32 - 1).optional(),
});

/**
 * The public evaluation API: a design document (design-format v1) in, the evaluator's result out.
 * 400 lists every problem with its JSON path; 413 above 1 MB; 429 per user (signed in) or per IP.
 */
export const POST = defineRoute(
  { auth: "optional", body: z.unknown(), maxBytes: MAX_JSON_BYTES, query: querySchema },
  async ({ actor, body, query, address }) => {
    const verdict = actor ? await hit(RATE_LIMITS.evaluatePerUser, actor.id) : await hit(RATE_LIMITS.evaluatePerIp, address);
    if (!verdict.ok) throw tooManyRequests("evaluations", verdict.retryAfterSeconds);
    const outcome = evaluateDesign(body, { seed: query.seed });
    if (!outcome.ok) {
      return errorResponse(400, `The design has ${outcome.errors.length} problem(s)`, { field: outcome.errors[0]?.path, errors: outcome.errors });
    }
    return Response.json(outcome.result, { headers: { "Cache-Control": "no-store" } });
  },
);
