// The design format for the app: re-exported from the evaluator, which owns the single zod schema.
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
