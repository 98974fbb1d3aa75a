// Pure FSRS glue (no database, no environment): the card row ⇄ ts-fsrs Card mapping and one scheduling step.
// The learning steps come from the caller: /review passes the operator's (lib/server/quiz/review-settings.ts),
// redesign drills their own.
import { createEmptyCard, fsrs, Rating, type Card, type FSRS, type Grade, type StepUnit } from "ts-fsrs";
import type { RatingName } from "./score";

/** The review_cards columns, as the database returns them. */
export type CardRow = {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
};

// Fuzz spreads due dates randomly; off here so the same answer always schedules the same day (testable).
// One scheduler per step configuration.
const schedulers = new Map<string, FSRS>();
/** Learning and relearning steps (ts-fsrs units: a number then m, h or d). */
export type Steps = { learningSteps: StepUnit[]; relearningSteps: StepUnit[] };

function scheduler(s: Steps): FSRS {
  const key = `${s.learningSteps.join(" ")}|${s.relearningSteps.join(" ")}`;
  let f = schedulers.get(key);
  if (!f) {
    f = fsrs({ enable_fuzz: false, learning_steps: s.learningSteps, relearning_steps: s.relearningSteps });
    schedulers.set(key, f);
  }
  return f;
}

const GRADES: Record<RatingName, Grade> = {
  Again: Rating.Again,
  Hard: Rating.Hard,
  Good: Rating.Good,
  Easy: Rating.Easy,
};

/** A review_cards row as SQL returns it (snake case); times are Dates from a query, ISO text from json_agg. */
export type CardDbRow = {
  due: Date | string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: Date | string | null;
};

export function fromDbRow(r: CardDbRow): CardRow {
  return {
    due: new Date(r.due),
    stability: r.stability,
    difficulty: r.difficulty,
    elapsedDays: r.elapsed_days,
    scheduledDays: r.scheduled_days,
    learningSteps: r.learning_steps,
    reps: r.reps,
    lapses: r.lapses,
    state: r.state,
    lastReview: r.last_review === null ? null : new Date(r.last_review),
  };
}

export function newCardRow(now: Date): CardRow {
  return toRow(createEmptyCard(now));
}

export function toCard(row: CardRow): Card {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsedDays,
    scheduled_days: row.scheduledDays,
    learning_steps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    ...(row.lastReview ? { last_review: row.lastReview } : {}),
  };
}

function toRow(card: Card): CardRow {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/** One review: the card after rating it at `now`, and the log entry (rating and state as ts-fsrs numbers). */
export function scheduleReview(
  row: CardRow,
  rating: RatingName,
  now: Date,
  steps: Steps,
): { card: CardRow; log: { rating: number; state: number; due: Date } } {
  const { card, log } = scheduler(steps).next(toCard(row), now, GRADES[rating]);
  return { card: toRow(card), log: { rating: log.rating, state: log.state, due: card.due } };
}

