// The node and edge limits, checked on a parsed document. Pure (no server-only), so the request thread and the
// evaluator threads (worker-entry.ts, which parses raw request bodies) apply the one rule.

export type SizeLimits = { maxNodes: number; maxEdges: number };

/** The first limit a document breaks, as a field and a message for a 413; null when within the limits. */
export function designSizeProblem(input: unknown, limits: SizeLimits): { field: "nodes" | "edges"; message: string } | null {
  if (typeof input !== "object" || input === null) return null;
  const { nodes, edges } = input as { nodes?: unknown; edges?: unknown };
  if (Array.isArray(nodes) && nodes.length > limits.maxNodes) {
    return { field: "nodes", message: `nodes: ${nodes.length} nodes; at most ${limits.maxNodes} are allowed` };
  }
  if (Array.isArray(edges) && edges.length > limits.maxEdges) {
    return { field: "edges", message: `edges: ${edges.length} edges; at most ${limits.maxEdges} are allowed` };
  }
  return null;
}
