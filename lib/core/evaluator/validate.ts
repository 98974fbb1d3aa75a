import { edgeMode, findSyncCycles } from "./graph";
import { designSchema, MAX_EDGES, MAX_NODES, NODE_KINDS, type Design, type NodeKind } from "./schema";

// Validation: the zod schema plus the cross-references zod cannot express (ids, references, sizes, cycles).
// Every problem is reported at once, each with a JSON path such as `edges[1].to`.

export type ValidationError = { path: string; message: string };
export type ValidationResult = { ok: true; design: Design } | { ok: false; errors: ValidationError[] };

/** Formats a path of keys and indices as `edges[1].to` (the root is the empty string). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * Validates an unknown value as a design v1 document. Returns the typed design, or every problem found:
 * schema violations (unknown kind, wrong types, negative or non-finite numbers, ratios outside 0..1),
 * duplicate node or edge ids, edges to missing nodes, more than 2,000 nodes or 10,000 edges, replica weight
 * lists of the wrong length, and cycles on the synchronous call graph.
 */
export function validateDesign(input: unknown): ValidationResult {
  const errors: ValidationError[] = [];
  const parsed = designSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formatPath(issue.path);
      let message = issue.message;
      if (issue.code === "invalid_union" && path.endsWith(".kind")) {
        const value = getAt(input, issue.path);
        message = `unknown kind ${JSON.stringify(value)}; expected one of ${NODE_KINDS.join(", ")}`;
      }
      errors.push({ path, message });
    }
  }
  errors.push(...crossChecks(input));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors: dedupe(errors) };
  return { ok: true, design: parsed.data };
}

function getAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

function dedupe(errors: ValidationError[]): ValidationError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.path}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// Cross-reference checks run on the raw input, best effort, so they still report when the schema fails.
function crossChecks(input: unknown): ValidationError[] {
  const errors: ValidationError[] = [];
  if (!isObject(input)) return errors;
  const nodes = Array.isArray(input.nodes) ? input.nodes : [];
  const edges = Array.isArray(input.edges) ? input.edges : [];
  if (nodes.length > MAX_NODES)
    errors.push({ path: "nodes", message: `${nodes.length} nodes; at most ${MAX_NODES} are allowed` });
  if (edges.length > MAX_EDGES)
    errors.push({ path: "edges", message: `${edges.length} edges; at most ${MAX_EDGES} are allowed` });

  const kinds = new Map<string, NodeKind | undefined>();
  const firstNode = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!isObject(n) || typeof n.id !== "string") return;
    const prev = firstNode.get(n.id);
    if (prev !== undefined) {
      errors.push({
        path: `nodes[${i}].id`,
        message: `duplicate node id ${JSON.stringify(n.id)} (first used by nodes[${prev}])`,
      });
      return;
    }
    firstNode.set(n.id, i);
    kinds.set(n.id, (NODE_KINDS as readonly string[]).includes(n.kind as string) ? (n.kind as NodeKind) : undefined);
    if (n.kind === "service" && isObject(n.props) && Array.isArray(n.props.capacityWeights)) {
      const replicas = typeof n.props.replicas === "number" ? n.props.replicas : 1;
      if (n.props.capacityWeights.length !== replicas) {
        errors.push({
          path: `nodes[${i}].props.capacityWeights`,
          message: `has ${n.props.capacityWeights.length} weights but the service has ${replicas} replica${replicas === 1 ? "" : "s"}; give one weight per replica`,
        });
      }
    }
  });

  const firstEdge = new Map<string, number>();
  const syncEdges: { from: string; to: string; index: number }[] = [];
  edges.forEach((e, i) => {
    if (!isObject(e)) return;
    if (typeof e.id === "string") {
      const prev = firstEdge.get(e.id);
      if (prev !== undefined)
        errors.push({
          path: `edges[${i}].id`,
          message: `duplicate edge id ${JSON.stringify(e.id)} (first used by edges[${prev}])`,
        });
      else firstEdge.set(e.id, i);
    }
    let refsOk = true;
    for (const end of ["from", "to"] as const) {
      const ref = e[end];
      if (typeof ref !== "string") {
        refsOk = false;
        continue;
      }
      if (!firstNode.has(ref)) {
        refsOk = false;
        errors.push({
          path: `edges[${i}].${end}`,
          message: `references node ${JSON.stringify(ref)}, which does not exist`,
        });
      }
    }
    if (!refsOk) return;
    const props = isObject(e.props) ? e.props : {};
    const mode = edgeMode(
      { props: { mode: props.mode === "sync" || props.mode === "async" ? props.mode : undefined } },
      kinds.get(e.from as string),
      kinds.get(e.to as string),
    );
    if (mode === "sync") syncEdges.push({ from: e.from as string, to: e.to as string, index: i });
  });

  for (const c of findSyncCycles([...firstNode.keys()], syncEdges)) {
    errors.push({
      path: `edges[${c.edgeIndex}]`,
      message: `closes a cycle on the synchronous path (${c.cycle.join(" → ")}); a request would wait on itself. Make one of these calls async or remove it`,
    });
  }
  return errors;
}
