// The cohort's practice results per problem, the pure part (no database): aggregates only, over one finished
// interview per candidate. Nothing per person leaves here: no ids, no names, no single scores.
import { CHECKLIST_TITLES } from "@/lib/core/canvas/result-format";
import { CHECKLIST_LINKS, type ChecklistId } from "@/lib/core/evaluator/links";

/** What one candidate's last finished interview on a problem contributes. Scores 0–100 points. */
export type CandidateOutcome = {
  /** The design stage's score, or null when the candidate gave up before submitting a design. */
  designScore: number | null;
  /** The design stage's checklist (null without a design stage). */
  checklist: { id: string; status: "pass" | "fail" | "n/a" }[] | null;
  /** Each follow-up round the candidate answered: did the first answer pass, did the last. */
  followUps: { key: string; firstPassed: boolean; lastPassed: boolean }[];
  /** The reference's components with no counterpart in the candidate's design (null without a design stage). */
  missing: string[] | null;
};

export type Rate = { count: number; of: number; percent: number };

export type ProblemBreakdown = {
  candidates: number;
  /** Candidates with a scored design. */
  scored: number;
  meanScore: number | null;
  medianScore: number | null;
  /** Ten bands of ten points (the last, 90–100, includes 100): how many designs scored in each. */
  distribution: { from: number; to: number; count: number }[];
  checklist: { id: string; title: string; href: string | null; failed: Rate }[];
  followUps: { key: string; title: string; passedFirst: Rate; passedEnd: Rate }[];
  /** Reference components missed by at least one candidate, most often missed first. */
  missing: { component: string; missed: Rate }[];
};

const rate = (count: number, of: number): Rate => ({ count, of, percent: of === 0 ? 0 : Math.round((count / of) * 100) });

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The breakdown of one problem over its candidates' outcomes; follow-ups in the problem's order. */
export function problemBreakdown(outcomes: CandidateOutcome[], followUps: { key: string; title: string }[]): ProblemBreakdown {
  const scores = outcomes.flatMap((o) => (o.designScore === null ? [] : [o.designScore]));
  const distribution = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, count: 0 }));
  for (const s of scores) distribution[Math.min(9, Math.max(0, Math.floor(s / 10)))]!.count++;

  const checklistIds = [...new Set(outcomes.flatMap((o) => (o.checklist ?? []).map((c) => c.id)))];
  const checklist = checklistIds
    .map((id) => {
      const applicable = outcomes.flatMap((o) => (o.checklist ?? []).filter((c) => c.id === id && c.status !== "n/a"));
      const failed = applicable.filter((c) => c.status === "fail").length;
      return { id, title: CHECKLIST_TITLES[id] ?? "A network design checklist item", href: CHECKLIST_LINKS[id as ChecklistId] ?? null, failed: rate(failed, applicable.length) };
    })
    .filter((c) => c.failed.of > 0)
    .sort((a, b) => b.failed.percent - a.failed.percent || a.title.localeCompare(b.title));

  const rounds = followUps.map((f) => {
    const answered = outcomes.flatMap((o) => o.followUps.filter((r) => r.key === f.key));
    return {
      key: f.key,
      title: f.title,
      passedFirst: rate(answered.filter((r) => r.firstPassed).length, answered.length),
      passedEnd: rate(answered.filter((r) => r.lastPassed).length, answered.length),
    };
  });

  const withDesign = outcomes.filter((o) => o.missing !== null);
  const missedCounts = new Map<string, number>();
  for (const o of withDesign) for (const m of new Set(o.missing)) missedCounts.set(m, (missedCounts.get(m) ?? 0) + 1);
  const missing = [...missedCounts]
    .map(([component, count]) => ({ component, missed: rate(count, withDesign.length) }))
    .sort((a, b) => b.missed.count - a.missed.count || a.component.localeCompare(b.component));

  return {
    candidates: outcomes.length,
    scored: scores.length,
    meanScore: scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
    medianScore: median(scores),
    distribution,
    checklist,
    followUps: rounds,
    missing,
  };
}
