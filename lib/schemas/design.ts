// The design format for the app: re-exported from the evaluator, which owns the single zod schema.
import { designSchema as storedDesignSchema, type Design as StoredDesign } from "@/lib/core/evaluator/schema";

export {
  designSchema,
  nodeSchema,
  edgePropsSchema,
  scenarioSchema,
  NODE_KINDS,
  KNOWN_REGIONS,
} from "@/lib/core/evaluator/schema";
export type {
  Design,
  DesignNode,
  DesignEdge,
  EdgeProps,
  NodeKind,
} from "@/lib/core/evaluator/schema";

/**
 * Reads a stored design document (designs.data, evaluations.document) back: parsed, never cast. Not ok when the row
 * no longer fits the format, with the first field that does not, so the caller can refuse it by name.
 */
export function readStoredDocument(value: unknown): { ok: true; document: StoredDesign } | { ok: false; field: string } {
  const parsed = storedDesignSchema.safeParse(value);
  return parsed.success ? { ok: true, document: parsed.data } : { ok: false, field: parsed.error.issues[0]?.path.join(".") || "document" };
}
