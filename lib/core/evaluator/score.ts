import type { ChecklistItem } from "./checklist";
import { DEFAULTS } from "./defaults";
import type { Category, Finding } from "./findings";
import { ninesOf } from "@/lib/core/util/nines";

// Score (issue #12 item 1): it follows the design's SLOs and error budget. Five category bases (each 0–100)
// are combined with documented weights; every finding then costs points in proportion to its severity and
// to the share of requests it touches; and a missed target or a critical finding caps the grade, with the
// reason stated in the result.

export type Grade = "A" | "B" | "C" | "D" | "F";
export type Categories = Record<Category, { score: number }>;

/** Why the score cannot go above `max`. */
export type ScoreCap = { max: number; reason: string; findingId?: string };

// Findings whose effect is already the base of their category (counting them again would double-penalise).
const BASE_FINDINGS = new Set(["target-p99-missed", "target-availability-missed", "overload", "high-utilization"]);

/** Latency base (0–100): 100 when p99 meets the target, else 100 × target / p99. */
export function latencyBase(p99Ms: number, targetP99Ms: number): number {
  if (p99Ms <= targetP99Ms || p99Ms <= 0) return 100;
  return (100 * targetP99Ms) / p99Ms;
}

/** Reliability base (0–100): 100 at or above the target, else the ratio of nines achieved to nines wanted. */
export function reliabilityBase(availability: number, targetAvailability: number): number {
  if (availability >= targetAvailability) return 100;
  const want = ninesOf(targetAvailability);
  return want > 0 ? Math.max(0, (100 * ninesOf(availability)) / want) : 100;
}

/**
 * Capacity base (0–100) from the busiest node's utilisation: 100 up to 70 % (comfortable headroom), falling
 * linearly to 60 at 100 %, then to 0 at 250 %. Near saturation queueing makes the tail explode (Erlang C).
 */
export function capacityBase(maxUtilization: number): number {
  const ok = DEFAULTS.score.comfortableUtilization;
  if (maxUtilization <= ok) return 100;
  if (maxUtilization < 1) return 100 - ((maxUtilization - ok) / (1 - ok)) * 40;
  return Math.max(0, 60 - (maxUtilization - 1) * 40);
}

/** Checklist base (0–100): share of applicable items that pass (no applicable item → 100). */
export function checklistBase(items: readonly ChecklistItem[]): number {
  const applicable = items.filter((i) => i.status !== "n/a");
  if (applicable.length === 0) return 100;
  return (100 * applicable.filter((i) => i.status === "pass").length) / applicable.length;
}

/** Letter grade of a 0–100 score: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F. */
export function gradeOf(score: number): Grade {
  for (const g of DEFAULTS.score.grades) if (score >= g.min) return g.grade;
  return "F";
}

/**
 * Error-budget burn: how many times the allowed failure share the design fails ((1 − A) / (1 − target));
 * 0 for a target of 100 % met exactly. An SRE error budget (Google SRE book ch. 3): burn ≤ 1 meets the SLO.
 */
export function budgetBurn(availability: number, targetAvailability: number): number {
  const allowed = 1 - targetAvailability;
  const failed = Math.max(0, 1 - availability);
  if (allowed <= 0) return failed > 0 ? Infinity : 0;
  return failed / allowed;
}

/**
 * Caps from the SLOs: missing the availability target caps at 79 (C), burning 3× the budget at 69 (D), 10× at
 * 59 (F); a p99 above target caps at 79, 1.5× the target at 69, 3× at 59 — one grade less severely when
 * only client groups carrying under half the traffic miss it. The thresholds are the grade boundaries an interviewer applies to a
 * design that does not meet its stated requirements.
 */
export function sloCaps(input: {
  availability: number;
  targetAvailability: number;
  targetP99Ms: number;
  clients: readonly { clientId: string; share: number; p99Ms: number }[];
}): ScoreCap[] {
  const caps: ScoreCap[] = [];
  const burn = budgetBurn(input.availability, input.targetAvailability);
  const pct = (x: number, d: number) => `${(x * 100).toFixed(d)} %`;
  if (burn > 1) {
    const max = burn > 10 ? 59 : burn > 3 ? 69 : 79;
    caps.push({
      max,
      reason: `Availability ${pct(input.availability, 3)} misses the ${pct(input.targetAvailability, 3)} target: ${burn >= 100 ? Math.round(burn) : burn.toFixed(1)}× the error budget.`,
      findingId: "target-availability-missed",
    });
  }
  let missedShare = 0;
  let worst: { clientId: string; p99Ms: number } | undefined;
  for (const c of input.clients) {
    if (c.p99Ms <= input.targetP99Ms) continue;
    missedShare += c.share;
    if (!worst || c.p99Ms > worst.p99Ms) worst = c;
  }
  if (worst) {
    const r = worst.p99Ms / input.targetP99Ms;
    // Groups carrying under half the traffic cap one grade less severely.
    const max = missedShare >= 0.5 ? (r > 3 ? 59 : r > 1.5 ? 69 : 79) : r > 3 ? 69 : r > 1.5 ? 79 : 89;
    caps.push({
      max,
      reason: `p99 of ${worst.clientId} is ${Math.round(worst.p99Ms)} ms against a ${input.targetP99Ms} ms target (${r.toFixed(1)}×); client groups carrying ${pct(missedShare, 0)} of the traffic miss it.`,
      findingId: "target-p99-missed",
    });
  }
  return caps;
}

/** A finding's weight in a penalty: its impact (the share of requests it touches), never below a quarter. */
const penaltyScale = (f: Pick<Finding, "impact">) => Math.max(0.25, Math.min(1, f.impact ?? 1));

/**
 * Points the findings take off the overall score (critical 15, major 6, minor 2, scaled by impact). Missed targets
 * and overload are left out: they already set their category's base. Also used by a problem's rubric
 * (lib/core/canvas/rubric.ts), which re-weighs the categories but takes off the same points.
 */
export function overallPenalty(findings: readonly Pick<Finding, "id" | "severity" | "impact">[]): number {
  let sum = 0;
  for (const f of findings) if (!BASE_FINDINGS.has(f.id)) sum += DEFAULTS.score.overallPenalty[f.severity] * penaltyScale(f);
  return sum;
}

/**
 * Category scores and the overall score. Categories: base minus the penalties of their findings (critical 25,
 * major 10, minor 4, info 0 — scaled by each finding's impact, the share of requests it touches, never below a
 * quarter). Overall: Σ weight × category (latency 25 %, reliability 25 %, capacity 15 %, security 20 %,
 * checklist 15 %) minus overall penalties (critical 15, major 6, minor 2, scaled the same way), then the
 * lowest cap applies (SLO caps and findings' own caps). Rounded to an integer 0–100.
 */
export function computeScore(input: {
  p99Ms: number;
  targetP99Ms: number;
  availability: number;
  targetAvailability: number;
  maxUtilization: number;
  checklist: readonly ChecklistItem[];
  findings: readonly Finding[];
  clients?: readonly { clientId: string; share: number; p99Ms: number }[];
}): { score: number; grade: Grade; categories: Categories; caps: ScoreCap[]; cap: ScoreCap | null } {
  const base: Record<Category, number> = {
    latency: latencyBase(input.p99Ms, input.targetP99Ms),
    reliability: reliabilityBase(input.availability, input.targetAvailability),
    capacity: capacityBase(input.maxUtilization),
    security: 100,
    checklist: checklistBase(input.checklist),
  };
  for (const f of input.findings) {
    if (BASE_FINDINGS.has(f.id)) continue;
    base[f.category] -= DEFAULTS.score.penalty[f.severity] * penaltyScale(f);
  }
  const categories = {} as Categories;
  let total = 0;
  for (const c of Object.keys(DEFAULTS.score.weights) as Category[]) {
    const s = Math.round(Math.min(100, Math.max(0, base[c])));
    categories[c] = { score: s };
    total += DEFAULTS.score.weights[c] * s;
  }
  const caps = [
    ...sloCaps({
      availability: input.availability,
      targetAvailability: input.targetAvailability,
      targetP99Ms: input.targetP99Ms,
      clients: input.clients ?? [{ clientId: "the main client", share: 1, p99Ms: input.p99Ms }],
    }),
    ...input.findings
      .filter((f) => f.cap !== undefined)
      .map((f) => ({ max: f.cap as number, reason: `${f.title}: ${f.capReason ?? f.detail}`, findingId: f.id })),
  ].sort((a, b) => a.max - b.max || (a.findingId ?? "").localeCompare(b.findingId ?? ""));
  const cap = caps[0] ?? null;
  let score = Math.min(100, Math.max(0, Math.round(total - overallPenalty(input.findings))));
  if (cap && score > cap.max) score = cap.max;
  return { score, grade: gradeOf(score), categories, caps, cap };
}
