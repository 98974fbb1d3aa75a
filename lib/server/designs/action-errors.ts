import "server-only";
import { ActionError } from "@/lib/server/action";
import { DesignError } from "@/lib/server/designs/service";
import { EvaluationRefused } from "@/lib/server/evaluation/pool";
import { hit, type RateLimitRule } from "@/lib/server/rate-limit";

/** Runs a design service call inside an action, turning its expected failures into the action's 4xx result. */
export async function designCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DesignError || error instanceof EvaluationRefused) throw new ActionError(error.status, error.message);
    throw error;
  }
}

/** Counts one hit of `rule` for the user and refuses with 429 when the window is full. */
export async function limitPerUser(rule: RateLimitRule, userId: string): Promise<void> {
  const verdict = await hit(rule, userId);
  if (!verdict.ok) throw new ActionError(429, `Too many requests; try again in ${verdict.retryAfterSeconds} s.`);
}
