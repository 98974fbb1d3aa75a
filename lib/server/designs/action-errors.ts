import "server-only";
import { ActionError } from "@/lib/server/action";
import { DesignError } from "@/lib/server/designs/service";
import { EvaluationRefused } from "@/lib/server/evaluation/pool";

/** Runs a design service call inside an action, turning its expected failures into the action's 4xx result. */
export async function designCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DesignError || error instanceof EvaluationRefused) throw new ActionError(error.status, error.message);
    throw error;
  }
}
