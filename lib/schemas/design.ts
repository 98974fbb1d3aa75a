// The design format for the app: re-exported from the evaluator, which owns the single zod schema.
export {
  designSchema,
  nodeSchema,
  edgeSchema,
  edgePropsSchema,
  scenarioSchema,
  firewallRuleSchema,
  designJsonSchema,
  NODE_KINDS,
  KNOWN_REGIONS,
  MAX_NODES,
  MAX_EDGES,
} from "@/lib/core/evaluator/schema";
export type {
  Design,
  DesignInput,
  DesignNode,
  DesignEdge,
  EdgeProps,
  NodeKind,
  Scenario,
  FirewallRule,
  LbAlgorithm,
  NodeOfKind,
} from "@/lib/core/evaluator/schema";
