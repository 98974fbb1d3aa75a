import { computeAvailability } from "./availability";
import { computeCapacity, type NodeCapacity } from "./capacity";
import { evaluateChecklist, type ChecklistItem } from "./checklist";
import { DEFAULT_SEED, DEFAULTS, MODEL_VERSION } from "./defaults";
import { collectFindings, type Finding } from "./findings";
import { buildGraph, syncReachable } from "./graph";
import { buildLatencyModel, coldRequest, type BreakdownStep } from "./latency";
import { simulatePercentiles } from "./percentiles";
import { computeScore, type Categories, type Grade } from "./score";
import { validateDesign, type ValidationError } from "./validate";

// Public entry point of the evaluator. Pure: no I/O, no clock, no global state; the result depends only on
// the document, MODEL_VERSION and the seed.

export { MODEL_VERSION, DEFAULT_SEED, DEFAULTS };
export { CHECKLIST_IDS, CHECKLIST_LINKS, CHAPTER_SECTIONS, FINDING_IDS, FINDING_LINKS } from "./links";
export type { ChecklistId, FindingId } from "./links";
export { FINDING_META } from "./findings";
export type { Finding, Severity, Category } from "./findings";
export type { ChecklistItem } from "./checklist";
export type { BreakdownStep } from "./latency";
export type { NodeCapacity } from "./capacity";
export type { Grade, Categories } from "./score";
export type { ValidationError } from "./validate";
export { validateDesign, formatPath } from "./validate";
export { assignRequests, hottestReplica, replicaShares, fnv1a } from "./load-balancing";
export type { LbServer, LbRequest, Assignment } from "./load-balancing";
export { evaluateFirewall, cidrContains, isPrivateAddress, parseIpv4 } from "./firewall";
export type { Packet, FirewallVerdict } from "./firewall";
export { handshakeRtts, slowStartRounds, slowStartExtraRtts, isIdempotentMethod } from "./handshake";
export { erlangC, fanOutSlowProbability, mmcQueue, mulberry32, lognormalFromMedianP99 } from "./queueing";
export { regionRttMs } from "./latency";
export { designSchema, designJsonSchema } from "./schema";
export type { Design, DesignInput, DesignNode, DesignEdge } from "./schema";

/** The evaluator's output (shared/spec/design-format.md, "Result"). */
export type EvaluationResult = {
  version: 1;
  modelVersion: string;
  score: number;
  grade: Grade;
  categories: Categories;
  latency: {
    coldTtfbMs: number;
    coldLastByteMs: number;
    warmTtfbMs: number;
    breakdown: BreakdownStep[];
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
  };
  availability: { estimate: number; nines: number; spofs: string[] };
  capacity: { nodes: NodeCapacity[]; bottleneckNodeId: string | null };
  checklist: ChecklistItem[];
  findings: Finding[];
};

export type EvaluateOptions = {
  /** Seed of the percentile simulation (default 1). */
  seed?: number;
  /** Override the number of simulated requests (default: adaptive, 1,000–10,000; at most 1,000,000). */
  samples?: number;
};

export type EvaluateOutcome = { ok: true; result: EvaluationResult } | { ok: false; errors: ValidationError[] };

/**
 * Validates and scores a design document (any JSON value). Returns the result object of the spec, or every
 * validation problem with its JSON path — never a partial score. Units: ms, rps, probabilities 0–1.
 * Rules and sources: docs/model.md.
 */
export function evaluateDesign(input: unknown, options: EvaluateOptions = {}): EvaluateOutcome {
  const v = validateDesign(input);
  if (!v.ok) return { ok: false, errors: v.errors };
  const design = v.design;
  const S = DEFAULTS.scenario;
  const rps = design.scenario?.rps ?? S.rps;
  const readRatio = design.scenario?.readRatio ?? S.readRatio;
  const coldRatio = design.scenario?.coldRatio ?? S.coldRatio;
  const targets = {
    p99Ms: design.scenario?.targets?.p99Ms ?? S.targetP99Ms,
    availability: design.scenario?.targets?.availability ?? S.targetAvailability,
  };
  const seed = Number.isFinite(options.seed) ? Math.trunc(options.seed as number) : DEFAULT_SEED;

  const graph = buildGraph(design);
  const capacity = computeCapacity(graph, rps, readRatio);
  const reachable = graph.mainClientId ? syncReachable(graph, graph.mainClientId) : new Set<string>();
  const latencyModel = buildLatencyModel(graph, capacity.meanQueueMs, reachable);
  const cold = coldRequest(latencyModel, readRatio);
  const percentiles = simulatePercentiles({
    model: latencyModel,
    queues: capacity.queues,
    readRatio,
    coldRatio,
    seed,
    ...(options.samples !== undefined && Number.isFinite(options.samples) && options.samples >= 1
      ? { samples: Math.min(1_000_000, Math.floor(options.samples)) }
      : {}),
  });
  const availability = computeAvailability(graph, readRatio);
  const checklist = evaluateChecklist(graph);
  const findings = collectFindings({
    graph,
    latency: latencyModel,
    cold,
    capacity,
    availability,
    percentiles,
    checklist,
    targets,
  });
  const maxUtilization = capacity.nodes.reduce((m, n) => Math.max(m, n.utilization), 0);
  const scored = computeScore({
    p99Ms: percentiles.p99Ms,
    targetP99Ms: targets.p99Ms,
    availability: availability.estimate,
    targetAvailability: targets.availability,
    maxUtilization,
    checklist,
    findings,
  });
  // A client wired to nothing has no system to judge: an empty sketch must not look perfect.
  const { score, grade, categories } = findings.some((f) => f.id === "no-backend")
    ? {
        score: 0,
        grade: "F" as const,
        categories: Object.fromEntries(Object.keys(scored.categories).map((c) => [c, { score: 0 }])) as typeof scored.categories,
      }
    : scored;

  return {
    ok: true,
    result: {
      version: 1,
      modelVersion: MODEL_VERSION,
      score,
      grade,
      categories,
      latency: {
        coldTtfbMs: cold.coldTtfbMs,
        coldLastByteMs: cold.coldLastByteMs,
        warmTtfbMs: cold.warmTtfbMs,
        breakdown: cold.breakdown,
        p50Ms: percentiles.p50Ms,
        p95Ms: percentiles.p95Ms,
        p99Ms: percentiles.p99Ms,
      },
      availability,
      capacity: { nodes: capacity.nodes, bottleneckNodeId: capacity.bottleneckNodeId },
      checklist,
      findings,
    },
  };
}
