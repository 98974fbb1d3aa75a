import type { EvaluationResult } from "@/lib/core/evaluator";
import type { Design } from "@/lib/core/evaluator/schema";
import { ESTIMATE_FIELDS, ESTIMATE_KEYS, type EstimateField, type FollowUp, type FollowUpChange } from "@/lib/schemas/interview";
import type { Breakage, EstimatesFeedback, EstimateVerdict, FollowUpFeedback, RequirementsFeedback } from "@/lib/schemas/interview-view";
import type { Problem } from "@/lib/schemas/problem";
import { formatNumber } from "@/lib/core/util/format";
import { findingTitle, regionLabel } from "./labels";

// Scoring of the interview stages (pure: no I/O). Units: ms, req/s, GB, Mbit/s, ratios 0–1.

export const STAGES = ["requirements", "estimates", "design", "followup"] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  requirements: "Requirements",
  estimates: "Estimates",
  design: "Design",
  followup: "Follow-up rounds",
};

// ─── Requirements ─────────────────────────────────────────────────────────────────────────────────────────

/** One point per relevant requirement picked, minus one per out-of-scope pick; never below 0. */
export function scoreRequirements(
  options: Problem["requirements"],
  picks: { key: string; justification: string }[],
): { score: number; maxScore: number; passed: boolean; feedback: RequirementsFeedback } | { error: string } {
  const byKey = new Map(options.map((o) => [o.key, o]));
  const unknown = picks.findIndex((p) => !byKey.has(p.key));
  if (unknown >= 0) return { error: `picks[${unknown}].key: not one of this problem's requirements` };
  const picked = new Map(picks.map((p) => [p.key, p.justification]));
  const items = options.map((o) => {
    const justification = picked.get(o.key) ?? null;
    const isPicked = justification !== null;
    const verdict = o.relevant ? (isPicked ? "right" : "missed") : isPicked ? "out-of-scope" : "left-out";
    return { key: o.key, text: o.text, kind: o.kind, relevant: o.relevant, picked: isPicked, justification, why: o.why, verdict } as const;
  });
  const right = items.filter((i) => i.verdict === "right").length;
  const wrong = items.filter((i) => i.verdict === "out-of-scope").length;
  const missed = items.filter((i) => i.verdict === "missed").length;
  const maxScore = options.filter((o) => o.relevant).length;
  const score = Math.max(0, right - wrong);
  return { score, maxScore, passed: score >= Math.ceil(maxScore * 0.7), feedback: { items: items.map((i) => ({ ...i })), right, wrong, missed } };
}

// ─── Estimates ────────────────────────────────────────────────────────────────────────────────────────────

/** Within ×3 of the worked answer: close (2 points); within ×10: the right order of magnitude (1); else off. */
export function judgeEstimate(given: number, expected: number): { ratio: number; verdict: EstimateVerdict; points: number } {
  const ratio = given / expected;
  const spread = Math.max(ratio, 1 / ratio);
  if (spread <= 3) return { ratio, verdict: "close", points: 2 };
  if (spread <= 10) return { ratio, verdict: "order-of-magnitude", points: 1 };
  return { ratio, verdict: "off", points: 0 };
}

export function scoreEstimates(
  estimates: Problem["estimates"],
  values: Record<EstimateField, number>,
): { score: number; maxScore: number; passed: boolean; feedback: EstimatesFeedback } {
  let score = 0;
  const items = ESTIMATE_KEYS.map((field) => {
    const expected = estimates.answers[field].value;
    const given = values[field];
    const judged = judgeEstimate(given, expected);
    score += judged.points;
    return { field, label: ESTIMATE_FIELDS[field].label, unit: ESTIMATE_FIELDS[field].unit, given, expected, ratio: judged.ratio, verdict: judged.verdict, working: estimates.answers[field].working };
  });
  const maxScore = ESTIMATE_KEYS.length * 2;
  // Passing: every figure at least the right order of magnitude.
  return { score, maxScore, passed: items.every((i) => i.verdict !== "off"), feedback: { items } };
}

// ─── Follow-up rounds ─────────────────────────────────────────────────────────────────────────────────────

type Node = Design["nodes"][number];

/** The candidate's own design under the follow-up's changed scenario (the input is not modified). */
export function applyFollowUp(doc: Design, change: FollowUpChange[]): Design {
  let out = structuredClone(doc);
  for (const c of change) {
    const scenario = { ...(out.scenario ?? {}) };
    switch (c.op) {
      case "scale-load":
        scenario.rps = (scenario.rps ?? 1000) * c.factor;
        out.scenario = scenario;
        break;
      case "read-ratio":
        scenario.readRatio = c.readRatio;
        out.scenario = scenario;
        break;
      case "cold-connections":
        scenario.coldRatio = c.coldRatio;
        out.scenario = scenario;
        break;
      case "region-down": {
        // Everything the operator runs in that region is gone; the users there are not. A node elsewhere whose
        // every call went into that region has nothing left to serve from (a CDN whose only origin is gone, a
        // balancer whose targets were all there), so it goes too, and so on up the path: otherwise the model
        // would score it as answering on its own.
        const gone = new Set(out.nodes.filter((n) => n.kind !== "client" && n.region === c.region).map((n) => n.id));
        const calls = (id: string) => out.edges.filter((e) => e.from === id && e.props?.mode !== "async");
        for (let grew = true; grew; ) {
          grew = false;
          for (const n of out.nodes) {
            if (n.kind === "client" || gone.has(n.id)) continue;
            const own = calls(n.id);
            if (own.length > 0 && own.every((e) => gone.has(e.to))) {
              gone.add(n.id);
              grew = true;
            }
          }
        }
        out = { ...out, nodes: out.nodes.filter((n) => !gone.has(n.id)), edges: out.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)) };
        break;
      }
      case "slow-dependency":
        out.nodes = out.nodes.map((n) => (n.kind === c.kind ? slowDown(n, c.medianMs, c.p99Ms) : n));
        break;
      case "cache-flush":
        out.nodes = out.nodes.map((n) => {
          if (n.kind === "cache") return { ...n, props: { ...n.props, hitRatio: Math.min(n.props?.hitRatio ?? 1, c.hitRatio) } } as Node;
          if (n.kind === "cdn") return { ...n, props: { ...n.props, cacheHitRatio: Math.min(n.props?.cacheHitRatio ?? 1, c.hitRatio) } } as Node;
          return n;
        });
        break;
    }
  }
  return out;
}

function slowDown(n: Node, medianMs: number, p99Ms: number): Node {
  switch (n.kind) {
    case "external_api":
      return { ...n, props: { ...n.props, latencyMs: medianMs, latencyP99Ms: p99Ms } };
    case "database":
      return { ...n, props: { ...n.props, queryMs: medianMs } };
    case "cache":
    case "object_storage":
      return { ...n, props: { ...n.props, latencyMs: medianMs } } as Node;
    default:
      return n;
  }
}

/** "Traffic ×10", "US East is down"… : the change in words, for the round's header. */
export function describeChange(change: FollowUpChange[]): string[] {
  return change.map((c) => {
    switch (c.op) {
      case "scale-load":
        return `Traffic × ${c.factor}`;
      case "read-ratio":
        return `${Math.round(c.readRatio * 100)} % of requests are reads`;
      case "cold-connections":
        return `${Math.round(c.coldRatio * 100)} % of requests open a new connection`;
      case "region-down":
        return `Everything in ${regionLabel(c.region)} is down`;
      case "slow-dependency":
        return `Every ${KIND_WORDS[c.kind]} now takes ${c.medianMs} ms (median) and ${c.p99Ms} ms at p99`;
      case "cache-flush":
        return `Caches are cold: at most ${Math.round(c.hitRatio * 100)} % hits`;
    }
  });
}

const KIND_WORDS = { external_api: "external API", database: "database", cache: "cache", object_storage: "object store" } as const;

// An overloaded queue has no steady state: the model's p99 grows without bound, so past a minute say so.
/** How the p99 after a follow-up compares with before it, in words: "2.3× before", or "as before" within 5 %. */
const timesBefore = (after: number, before: number) => {
  const r = after / Math.max(1, before);
  return Math.abs(r - 1) < 0.05 ? "as before" : `${r.toFixed(1)}× before`;
};
const ms = (x: number) => (x > 60_000 ? "over a minute" : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x).toLocaleString("en-US")} ms`);
const pct = (x: number) => `${Number((x * 100).toFixed(3))} %`;

/**
 * What broke between the design under the problem's scenario (before) and under the round's change (after):
 * targets missed, nodes overloaded, new serious findings, each with its size. Passing: the changed design
 * meets the round's targets (default: the problem's), nothing is overloaded and requests still reach a backend.
 */
export function judgeFollowUp(
  followUp: Pick<FollowUp, "pass">,
  problemTargets: { p99Ms: number; availability: number },
  before: EvaluationResult,
  after: EvaluationResult,
  names: (id: string) => string,
): FollowUpFeedback {
  const targets = { p99Ms: followUp.pass.p99Ms ?? problemTargets.p99Ms, availability: followUp.pass.availability ?? problemTargets.availability };
  const measured = !after.findings.some((f) => f.id === "no-backend" || f.id === "no-client");
  const broke: Breakage[] = [];
  if (!measured) broke.push({ what: "No request reaches a backend any more", before: "served", after: "nothing answers", by: "every request fails" });
  if (after.latency.p99Ms > targets.p99Ms) {
    broke.push({
      what: "p99 latency above the target",
      before: ms(before.latency.p99Ms),
      after: ms(after.latency.p99Ms),
      by:
        after.latency.p99Ms > 60_000
          ? `requests queue without end: the ${ms(targets.p99Ms)} target is out of reach`
          : `${ms(after.latency.p99Ms - targets.p99Ms)} over the ${ms(targets.p99Ms)} target (${timesBefore(after.latency.p99Ms, before.latency.p99Ms)})`,
    });
  }
  if (after.availability.estimate < targets.availability) {
    broke.push({
      what: "Availability below the target",
      before: pct(before.availability.estimate),
      after: pct(after.availability.estimate),
      by: `${pct(targets.availability - after.availability.estimate)} short of ${pct(targets.availability)}`,
    });
  }
  const beforeUtil = new Map(before.capacity.nodes.map((n) => [n.nodeId, n.utilization]));
  for (const n of after.capacity.nodes) {
    if (n.utilization >= 1) {
      broke.push({
        what: `${names(n.nodeId)} is overloaded`,
        before: `${formatNumber((beforeUtil.get(n.nodeId) ?? 0) * 100)} % of its capacity`,
        after: `${formatNumber(n.utilization * 100)} % of its capacity`,
        by: `${Math.round(n.arrivalRps - n.capacityRps).toLocaleString("en-US")} req/s more than it can serve`,
      });
    }
  }
  const had = new Set(before.findings.map((f) => f.id));
  const newFindings = [...new Set(after.findings.filter((f) => !had.has(f.id) && (f.severity === "critical" || f.severity === "major")).map((f) => findingTitle(f.id)))];
  const fig = (r: EvaluationResult) => ({ score: r.score, p99Ms: r.latency.p99Ms, availability: r.availability.estimate });
  return { passed: measured && broke.length === 0, measured, targets, before: fig(before), after: fig(after), broke, newFindings };
}
