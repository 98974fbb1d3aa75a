import type { ChecklistItem } from "./checklist";
import { DEFAULTS } from "./defaults";
import type { Category, Finding } from "./findings";

// Score: five categories, each 0–100, combined with documented weights into an integer 0–100 and a grade.

export type Grade = "A" | "B" | "C" | "D" | "F";
export type Categories = Record<Category, { score: number }>;

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
  const n = (a: number) => (a >= 1 ? 9 : -Math.log10(1 - a));
  const want = n(targetAvailability);
  return want > 0 ? Math.max(0, (100 * n(availability)) / want) : 100;
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
 * Category scores (base minus finding penalties: critical 25, major 10, minor 4, info 0; clamped 0–100) and
 * the overall score Σ weight × category (latency 25 %, reliability 25 %, capacity 15 %, security 20 %,
 * checklist 15 %), rounded to an integer.
 */
export function computeScore(input: {
  p99Ms: number;
  targetP99Ms: number;
  availability: number;
  targetAvailability: number;
  maxUtilization: number;
  checklist: readonly ChecklistItem[];
  findings: readonly Finding[];
}): { score: number; grade: Grade; categories: Categories } {
  const base: Record<Category, number> = {
    latency: latencyBase(input.p99Ms, input.targetP99Ms),
    reliability: reliabilityBase(input.availability, input.targetAvailability),
    capacity: capacityBase(input.maxUtilization),
    security: 100,
    checklist: checklistBase(input.checklist),
  };
  for (const f of input.findings) {
    if (BASE_FINDINGS.has(f.id)) continue;
    base[f.category] -= DEFAULTS.score.penalty[f.severity];
  }
  const categories = {} as Categories;
  let total = 0;
  for (const c of Object.keys(DEFAULTS.score.weights) as Category[]) {
    const s = Math.round(Math.min(100, Math.max(0, base[c])));
    categories[c] = { score: s };
    total += DEFAULTS.score.weights[c] * s;
  }
  const score = Math.min(100, Math.max(0, Math.round(total)));
  return { score, grade: gradeOf(score), categories };
}
