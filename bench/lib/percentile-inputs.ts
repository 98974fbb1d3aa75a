// simulatePercentiles' inputs for one design document, built the way evaluateDesign builds them (v1 → v2 upgrade,
// graph, capacity, the main client's latency model), for the benchmark and the tests that time or inspect the
// percentile engine on its own.
import { computeCapacity } from "../../lib/core/evaluator/capacity";
import { buildGraph, requestReachable } from "../../lib/core/evaluator/graph";
import { buildLatencyModel } from "../../lib/core/evaluator/latency";
import { designSchema } from "../../lib/core/evaluator/schema";
import { upgradeDesign } from "../../lib/core/evaluator/upgrade";

export function percentileInputs(doc: unknown) {
  const design = upgradeDesign(designSchema.parse(doc));
  const graph = buildGraph(design);
  const readRatio = design.scenario?.readRatio ?? 0.9;
  const cap = computeCapacity(graph, design.scenario?.rps ?? 1000, readRatio);
  const model = buildLatencyModel(graph, cap, requestReachable(graph, graph.mainClientId as string));
  return { model, queues: cap.queues, routing: cap.routing, readRatio, coldRatio: design.scenario?.coldRatio ?? 0.05 };
}
