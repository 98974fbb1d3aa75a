import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/server/kernel/db";
import { v7 as timeOrderedId } from "uuid";
import { dealLayout, scoreResponse } from "@/lib/core/quiz";
import type { ChapterSlug } from "@/lib/schemas/question";
import {
  attemptHintsSchema,
  attemptPlanItemsSchema,
  committedAnswersSchema,
  type AttemptHints,
  type RevealedHints,
  type AttemptPlanItem,
  type CommittedAnswers,
  type MixedQuizSpec,
} from "@/lib/schemas/quiz-attempt";
import { chapterSelection, mixedSelection, toQuizItem, type QuizItem } from "@/lib/server/quiz/build";
import { feedbackExtras, type CheckedAnswer } from "@/lib/server/quiz/check-view";
import { QuizRequestError } from "@/lib/server/quiz/errors";
import { query, sql } from "@/lib/server/kernel/db";
import { revealedHintsByQuestion } from "@/lib/server/quiz/hints";
import { getPinnedQuestions, pinnedKey, type PinnedQuestion } from "@/lib/server/quiz/questions";

/** Which quiz page asked for an attempt. */
export type PlanSpec =
  { kind: "chapter"; chapter: ChapterSlug; mode: "one" | "all" } | { kind: "mixed"; spec: MixedQuizSpec };

/** An open attempt (or a submitted one) as stored, with its JSON parsed. */
export type StoredPlan = {
  id: string;
  userId: string;
  kind: "chapter" | "mixed";
  chapter: string | null;
  mode: "one" | "all";
  items: AttemptPlanItem[];
  committed: CommittedAnswers;
  /** Hints revealed per question (see hints.ts); their cost is taken off the mark when scored. */
  hints: AttemptHints;
  createdAt: Date;
  submittedAt: Date | null;
};

/** What the quiz page hands the browser: laid-out questions plus the answers already committed, with feedback. */
export type QuizView = {
  attemptId: string;
  mode: "one" | "all";
  items: QuizItem[];
  committed: Record<string, CheckedAnswer & { response: unknown }>;
  /** Hints already asked for, so a reload shows them again (never hints that were not asked for). */
  hints: Record<string, RevealedHints>;
};

/** An open attempt is picked up again on reload for this long; after that the page deals a new one. */
const REUSE_MS = 24 * 60 * 60 * 1000;

function specKey(spec: PlanSpec): string {
  if (spec.kind === "chapter") return `chapter:${spec.chapter}:${spec.mode}`;
  const s = spec.spec;
  return `mixed:${[...s.chapters].sort().join(",")}:${s.count}:${s.difficulty}:${s.mode}`;
}

export function parsePlan(row: {
  id: string;
  userId: string;
  kind: string;
  chapter: string | null;
  mode: string;
  items: unknown;
  committed: unknown;
  hints: unknown;
  createdAt: Date;
  submittedAt: Date | null;
}): StoredPlan {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind === "mixed" ? "mixed" : "chapter",
    chapter: row.chapter,
    mode: row.mode === "all" ? "all" : "one",
    items: attemptPlanItemsSchema.parse(row.items),
    committed: committedAnswersSchema.parse(row.committed),
    hints: attemptHintsSchema.parse(row.hints),
    createdAt: row.createdAt,
    submittedAt: row.submittedAt,
  };
}

/**
 * The user's attempt `attemptId`, or a 400 naming `field`. Someone else's attempt and a made-up id get the
 * same answer, so ids cannot be probed.
 */
export async function loadPlan(userId: string, attemptId: string, field = "attemptId"): Promise<StoredPlan> {
  // Through node-postgres, like the rest of the submit path (see pg.ts): this read is on every check, hint and
  // submission.
  const [row] = await query<Parameters<typeof parsePlan>[0]>(sql`
    SELECT id, user_id AS "userId", kind, chapter, mode, items, committed, hints, created_at AS "createdAt",
      submitted_at AS "submittedAt"
    FROM attempt_plans WHERE id = ${attemptId} AND user_id = ${userId}`);
  if (!row) throw new QuizRequestError(400, `${field}: there is no attempt "${attemptId}" of yours`, field);
  return parsePlan(row);
}

/** Pinned versions of a plan's questions, in plan order (a version that vanished is an error, not a skip). */
export async function planQuestions(plan: StoredPlan): Promise<PinnedQuestion[]> {
  const pinned = await getPinnedQuestions(plan.items);
  return plan.items.map((item) => {
    const p = pinned.get(pinnedKey(item.questionId, item.version));
    if (!p) throw new Error(`question version ${item.questionId}@${item.version} of attempt ${plan.id} is missing`);
    return p;
  });
}

/** Feedback for an answer that was committed earlier (re-scored from the stored response, stored score wins). */
export function committedView(
  p: PinnedQuestion,
  entry: CommittedAnswers[string],
  layout: AttemptPlanItem["layout"],
): CheckedAnswer & { response: unknown } {
  const { feedback } = scoreResponse(p.question, entry.response, layout);
  return {
    score: entry.score,
    correct: entry.correct,
    ...(entry.hintCost ? { hintCost: entry.hintCost } : {}),
    feedback,
    ...feedbackExtras(p.question),
    response: entry.response,
  };
}

/**
 * The open attempt behind a quiz page: the one this user already has for the same page (so a reload shows the
 * same questions in the same order, with committed answers and their feedback), or a newly dealt one.
 */
export async function openAttempt(userId: string, spec: PlanSpec, now = new Date()): Promise<QuizView> {
  const key = specKey(spec);
  const existing = await db.attemptPlan.findFirst({
    where: { userId, specKey: key, submittedAt: null, createdAt: { gt: new Date(now.getTime() - REUSE_MS) } },
    orderBy: { createdAt: "desc" },
  });
  if (existing) {
    const plan = parsePlan(existing);
    const questions = await planQuestions(plan);
    // A question unpublished since the deal is still shown: its version is pinned and scoring uses it.
    return {
      attemptId: plan.id,
      mode: plan.mode,
      items: questions.map((p, i) => toQuizItem(p, (plan.items[i] as AttemptPlanItem).layout)),
      committed: Object.fromEntries(
        questions.flatMap((p, i) => {
          const entry = plan.committed[p.question.id];
          return entry ? [[p.question.id, committedView(p, entry, (plan.items[i] as AttemptPlanItem).layout)]] : [];
        }),
      ),
      hints: revealedHintsByQuestion(
        questions.map((p) => p.question),
        plan.hints,
      ),
    };
  }
  const seed = randomUUID();
  const picked = spec.kind === "chapter" ? await chapterSelection(spec.chapter, seed) : await mixedSelection(spec.spec, seed);
  const mode = spec.kind === "chapter" ? spec.mode : spec.spec.mode;
  const chapter = spec.kind === "chapter" ? spec.chapter : null;
  if (picked.length === 0) return { attemptId: randomUUID(), mode, items: [], committed: {}, hints: {} };
  const plan = await dealAttempt(userId, picked, { kind: spec.kind, chapter, mode, specKey: key, seed }, now);
  return {
    attemptId: plan.id,
    mode,
    items: picked.map((p, i) => toQuizItem(p, (plan.items[i] as AttemptPlanItem).layout)),
    committed: {},
    hints: {},
  };
}

/**
 * Stores a new open attempt over `picked` (in that order), laying every question out with a seeded uniform
 * shuffle. Exported for the seeding of tests and benchmarks, which deal attempts without rendering a page.
 */
export async function dealAttempt(
  userId: string,
  picked: readonly PinnedQuestion[],
  meta: { kind: "chapter" | "mixed"; chapter: string | null; mode: "one" | "all"; specKey?: string; seed?: string },
  now = new Date(),
): Promise<StoredPlan> {
  const seed = meta.seed ?? randomUUID();
  const items: AttemptPlanItem[] = picked.map((p) => ({ questionId: p.question.id, version: p.version, layout: dealLayout(p.question, seed) }));
  const row = await db.attemptPlan.create({
    data: {
      id: timeOrderedId(),
      userId,
      kind: meta.kind,
      chapter: meta.chapter,
      mode: meta.mode,
      specKey: meta.specKey ?? `direct:${seed}`,
      seed,
      items,
      createdAt: now,
    },
  });
  return parsePlan(row);
}
