import type { StepUnit } from "ts-fsrs";
import type { RatingName } from "@/lib/core/quiz";
import { scheduleReview as scheduleWithSteps, type CardRow } from "@/lib/core/quiz/fsrs";
import { envVars } from "@/lib/server/kernel/env";

/**
 * How /review schedules, Anki-style. Operators may change these by environment variable:
 * - REVIEW_LEARNING_STEPS (default "1m 10m"): the steps a new or relearned card climbs before FSRS takes over.
 * - REVIEW_RELEARNING_STEPS (default "10m"): the steps after a lapse (Again on a card in review).
 * - REVIEW_NEW_CARDS_PER_DAY (default 20): how many cards may enter /review for the first time per local day.
 * Steps are ts-fsrs units: a number then m, h or d.
 */
export type ReviewSettings = { learningSteps: StepUnit[]; relearningSteps: StepUnit[]; newCardsPerDay: number };

const STEP = /^\d+(\.\d+)?[mhd]$/;

function steps(raw: string | undefined, fallback: StepUnit[]): StepUnit[] {
  if (raw === undefined) return fallback;
  const parts = raw.split(/[\s,]+/).filter(Boolean);
  // An empty list is allowed (no learning steps); a malformed one falls back rather than crash scheduling.
  return parts.every((p) => STEP.test(p)) ? (parts as StepUnit[]) : fallback;
}

const NAMES = ["REVIEW_LEARNING_STEPS", "REVIEW_RELEARNING_STEPS", "REVIEW_NEW_CARDS_PER_DAY"] as const;

export function reviewSettings(env: Record<string, string | undefined> = envVars(NAMES)): ReviewSettings {
  const perDay = Number(env.REVIEW_NEW_CARDS_PER_DAY);
  return {
    learningSteps: steps(env.REVIEW_LEARNING_STEPS, ["1m", "10m"]),
    relearningSteps: steps(env.REVIEW_RELEARNING_STEPS, ["10m"]),
    newCardsPerDay: Number.isInteger(perDay) && perDay >= 0 ? perDay : 20,
  };
}

// The settings as last parsed, by the raw values they came from: a submission schedules one card per answer,
// and re-parsing the same three variables each time showed in bench:quiz's profile. Keyed by the values, so a
// changed variable (the tests change them at run time) is still read at the call.
let parsed: { key: string; settings: ReviewSettings } | undefined;

function currentSettings(): ReviewSettings {
  const vars = envVars(NAMES);
  const key = NAMES.map((name) => vars[name] ?? "\u0000").join("\u0001");
  if (parsed?.key !== key) parsed = { key, settings: reviewSettings(vars) };
  return parsed.settings;
}

/** One /review scheduling step (lib/core/quiz/fsrs.ts) with the operator's learning steps. */
export function scheduleReview(row: CardRow, rating: RatingName, now: Date): ReturnType<typeof scheduleWithSteps> {
  return scheduleWithSteps(row, rating, now, currentSettings());
}

/**
 * scheduleReview with the learning steps read once, for a caller that schedules many cards at one moment (a batch
 * of quiz submissions: every read of process.env is a call into the C++ environment).
 */
export function reviewScheduler(): typeof scheduleReview {
  const settings = currentSettings();
  return (row, rating, now) => scheduleWithSteps(row, rating, now, settings);
}
