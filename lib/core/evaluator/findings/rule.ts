import type { AvailabilityResult } from "../availability";
import { callProbability } from "../branches";
import type { CapacityModel } from "../capacity";
import type { ChecklistItem } from "../checklist";
import { nodeNames, type Edge, type Graph } from "../graph";
import type { ColdLatency, LatencyModel } from "../latency";
import type { PercentileResult } from "../percentiles";
import { formatNumber } from "@/lib/core/util/format";

// The shape every finding rule has, the context rules read, and the wording helpers they share.

export type Severity = "critical" | "major" | "minor" | "info";
export type Category = "latency" | "reliability" | "capacity" | "security" | "checklist";

export type FindingContext = {
  graph: Graph;
  latency: LatencyModel;
  cold: ColdLatency;
  capacity: CapacityModel;
  availability: AvailabilityResult;
  percentiles: PercentileResult;
  checklist: ChecklistItem[];
  targets: { p99Ms: number; availability: number };
  /** Total request rate entering at the clients (rps). */
  rps: number;
  /** Users connected at the same time (scenario.concurrentUsers), when the design states it. */
  concurrentUsers?: number;
};

/** What a rule sees: the evaluated design plus the traffic shares every weighting rule needs. */
export type RuleContext = FindingContext & {
  /** Share of all requests (0–1) that reach a node, from the flow model's loads. */
  nodeShare: (nodeId: string) => number;
  /** Share of all requests (0–1) that cross an edge. */
  edgeShare: (e: Edge) => number;
  /** Largest edgeShare among the edges (0 when none). */
  maxShare: (edges: Edge[]) => number;
  /** "id (from → to)" for an edge id, for the finding's text. */
  /** A node as people read it: its label, else its id. */
  nodeLabel: (nodeId: string) => string;
  /** An edge as people read it: "App → Links DB" (its id says nothing). */
  edgeLabel: (edgeId: string) => string;
};

/** One occurrence of a rule: where it applies and how bad it is here. */
export type Detection = {
  detail: string;
  nodeIds: Iterable<string>;
  edgeIds: Iterable<string>;
  /** Overrides the rule's severity for this design. */
  severity?: Severity | undefined;
  /** Share of requests (0–1) the finding touches; scales its penalty (absent: all of them). */
  impact?: number;
  /** Highest score the design can get while this finding stands. */
  cap?: number;
  /** Why the finding caps the score. */
  capReason?: string;
};

/** A finding rule: everything the app shows about it, and the check that raises it. */
export type FindingRule<Id extends string = string> = {
  id: Id;
  /** Severity unless the detection overrides it (the score's penalty follows from it). */
  severity: Severity;
  /** Score category the finding counts against. */
  category: Category;
  title: string;
  /** How to fix it, shown under the detail. */
  fix: string;
  /** Chapter section that teaches the fix (tests check that it exists). */
  chapter: `/learn/${string}#${string}`;
  /** Undefined when the design does not have the problem; one detection covers every place it applies. */
  detect: (ctx: RuleContext) => Detection | undefined;
};

/** Declares a rule, keeping its id as a literal type so that the registry's id union derives from it. */
export function defineRule<const Id extends string>(rule: FindingRule<Id>): FindingRule<Id> {
  return rule;
}

/** Adds the traffic shares to the evaluated design (computed once per evaluation). */
export function ruleContext(ctx: FindingContext): RuleContext {
  const { graph } = ctx;
  const total = Math.max(ctx.rps, 1e-9);
  const nodeShare = (id: string) => {
    const l = ctx.capacity.loads.get(id);
    return l ? Math.min(1, (l.read + l.write) / total) : 0;
  };
  const edgeShare = (e: Edge) => {
    const l = ctx.capacity.loads.get(e.from);
    if (!l) return 0;
    const share = ctx.capacity.routing.share.get(e.id) ?? 1;
    return Math.min(
      1,
      (share * (l.read * callProbability(graph, e, "read") + l.write * callProbability(graph, e, "write"))) / total,
    );
  };
  const maxShare = (edges: Edge[]) => edges.reduce((m, e) => Math.max(m, edgeShare(e)), 0);
  // Findings name components the way the canvas does (label, else the kind's title, numbered where two read the
  // same): a design written by hand or loaded from an example has no labels, and its ids (lb-1, e-api) are the file
  // format's references, not words a candidate should read.
  const names = nodeNames(graph);
  const nodeLabel = (id: string) => names.get(id) ?? id;
  const edgeLabel = (id: string) => {
    const e = graph.edgeById.get(id);
    return e ? `${nodeLabel(e.from)} → ${nodeLabel(e.to)}` : id;
  };
  return { ...ctx, nodeShare, edgeShare, maxShare, nodeLabel, edgeLabel };
}

export const num = formatNumber;
export const ms = (x: number) => `${num(x, x < 10 ? 1 : 0)} ms`;
export const pct = (x: number, digits = 1) => `${num(x * 100, digits)} %`;
export const list = (items: string[], max = 6) =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
