// Redesign drills, the pure part (no database): how well each interview stage went, which stage a re-attempt
// starts at, the FSRS rating a stage score earns, and the due date in words. Scores are ratios 0–1.
import { STAGES, type Stage } from "@/lib/core/canvas/interview";
import { startOfLocalDay } from "@/lib/core/quiz/review-day";
import type { RatingName } from "@/lib/core/quiz";

export type StageRow = { stage: string; round: string; score: number; maxScore: number; passed: boolean };
export type StageScore = { ratio: number; passed: boolean };

const ratio = (r: StageRow) => (r.maxScore > 0 ? Math.min(1, Math.max(0, r.score / r.maxScore)) : 0);

/**
 * Each stage's score from an interview's stored submissions (in submission order: the last one counts). A stage
 * never answered (the candidate gave up before it) scores 0; the follow-up stage is the mean of its rounds' last
 * attempts, and passes only if every round does.
 */
export function stageScores(rows: StageRow[], followUpKeys: string[]): Record<Stage, StageScore> {
  const last = (stage: string, round = "") => rows.filter((r) => r.stage === stage && r.round === round).at(-1);
  const one = (stage: string): StageScore => {
    const row = last(stage);
    return row ? { ratio: ratio(row), passed: row.passed } : { ratio: 0, passed: false };
  };
  const rounds = followUpKeys.map((k) => last("followup", k));
  const followup: StageScore =
    rounds.length === 0
      ? { ratio: 1, passed: true }
      : {
          ratio: rounds.reduce((sum, r) => sum + (r ? ratio(r) : 0), 0) / rounds.length,
          passed: rounds.every((r) => r?.passed === true),
        };
  return { requirements: one("requirements"), estimates: one("estimates"), design: one("design"), followup };
}

/**
 * The stage with the lowest score; a failed stage counts below a passed one, and ties go to the earlier stage. A
 * stage under 60 % (an F, what drillRating calls not recalled) counts as failed whatever its own pass rule says: a
 * design stage "passes" with a backend and the required items, and a 12 % design came out above 52 % follow-ups.
 */
export function worstStage(scores: Record<Stage, StageScore>): Stage {
  const failed = (s: Stage) => !scores[s].passed || scores[s].ratio < 0.6;
  const key = (s: Stage) => scores[s].ratio - (failed(s) ? 1 : 0);
  return STAGES.reduce((worst, s) => (key(s) < key(worst) ? s : worst), STAGES[0]);
}

/**
 * The FSRS rating a re-attempted stage earns, on the design score's letter bands (lib/core/evaluator/defaults.ts):
 * an F (under 60 %) was not recalled (Again); a D or C, or any failed stage, was hard; a B good; an A easy.
 */
export function drillRating(score: StageScore): RatingName {
  if (score.ratio < 0.6) return "Again";
  if (!score.passed || score.ratio < 0.8) return "Hard";
  if (score.ratio < 0.9) return "Good";
  return "Easy";
}

const DAY_MS = 86_400_000;

/** "due now", "due today", "due tomorrow", "due in 4 days", "overdue by 2 days": whole local days in `timeZone`. */
export function dueInWords(due: Date, now: Date, timeZone: string): string {
  if (due.getTime() <= now.getTime()) {
    const late = Math.round((startOfLocalDay(now, timeZone).getTime() - startOfLocalDay(due, timeZone).getTime()) / DAY_MS);
    return late <= 0 ? "due now" : `overdue by ${late} day${late === 1 ? "" : "s"}`;
  }
  const days = Math.round((startOfLocalDay(due, timeZone).getTime() - startOfLocalDay(now, timeZone).getTime()) / DAY_MS);
  if (days <= 0) return "due today";
  if (days === 1) return "due tomorrow";
  if (days < 14) return `due in ${days} days`;
  if (days < 60) return `due in ${Math.round(days / 7)} weeks`;
  return `due in ${Math.round(days / 30)} months`;
}

/** The stages a re-attempt starting at `stage` carries over from the last attempt (all before it). */
export function carriedStages(stage: Stage): Stage[] {
  return STAGES.slice(0, STAGES.indexOf(stage));
}
