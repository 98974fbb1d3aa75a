import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createEmptyCard, fsrs, type Card, type Grade } from "ts-fsrs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator";
import { MODEL_VERSION } from "@/lib/core/evaluator/defaults";
import { createTestDatabase, type TestDatabase } from "../../scripts/lib/test-db.ts";
import { queryRows } from "./harness.ts";

const SECRET = "jobs-test-secret-that-is-long-enough-0123456789abcdef";
let database: TestDatabase;

/** Runs `npm run worker -- --exit-when-idle`; its exit code, and its stderr to name the cause when it fails. */
function worker(url: string, extra: string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    let stderr = "";
    const child = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/worker.ts", "--exit-when-idle", ...extra], {
      env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: SECRET, ...env },
      stdio: ["ignore", process.env.JOBS_VERBOSE === "1" ? "inherit" : "ignore", "pipe"],
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, stderr: stderr.slice(-2000) }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const reference = (JSON.parse(readFileSync("content/problems/rate-limiter.json", "utf8")) as { reference: unknown }).reference;
  const outcome = evaluateDesign(reference, { seed: 1 });
  if (!outcome.ok) throw new Error("the reference design does not validate");
  const oldResult = JSON.stringify({ ...outcome.result, modelVersion: "0.0.0-old" });
  const [user] = await queryRows<{ id: string }>(database.url, "SELECT id FROM users WHERE email = 'candidate@roundtrip.dev'");
  const designs: [string, string][] = [
    ...Array.from({ length: 5 }, (_, i): [string, string] => [`jobs-ok-${i}`, JSON.stringify(reference)]),
    // A stored document the current model rejects: its job must fail with a reason, not vanish.
    ["jobs-broken", JSON.stringify({ version: 1 })],
  ];
  for (const [id, doc] of designs) {
    await queryRows(database.url, `INSERT INTO designs (id, user_id, name, data, updated_at) VALUES ($1, $2, $3, $4::jsonb, now())`, [id, user!.id, `Design ${id}`, doc]);
    await queryRows(
      database.url,
      `INSERT INTO evaluations (id, design_id, document, result, score, grade, model_version, seed) VALUES ($1, $2, $3::jsonb, $4::jsonb, 50, 'C', '0.0.0-old', 1)`,
      [`old-${id}`, id, doc, oldResult],
    );
  }
});
afterAll(async () => {
  await database?.drop();
});

it("two workers re-score every design from an older model once, and a design that cannot be scored is failed with its reason", async () => {
  // Both queue on start; the advisory lock lets one run be queued for this model version.
  const workers = await Promise.all([worker(database.url, []), worker(database.url, [])]);
  expect(workers.map((w) => w.code), workers.map((w) => w.stderr).join("\n")).toEqual([0, 0]);
  const fresh = await queryRows<{ design_id: string; n: string }>(
    database.url,
    "SELECT design_id, count(*) AS n FROM evaluations WHERE model_version = $1 GROUP BY design_id ORDER BY design_id",
    [MODEL_VERSION],
  );
  expect(fresh.map((r) => [r.design_id, r.n])).toEqual(Array.from({ length: 5 }, (_, i) => [`jobs-ok-${i}`, "1"]));
  const jobs = await queryRows<{ design: string; message: string | null }>(
    database.url,
    `SELECT data->>'designId' AS design, output->>'message' AS message
     FROM pgboss.job WHERE name = 'rescore-design' AND state = 'failed'`,
  );
  expect(jobs.map((j) => j.design)).toEqual(["jobs-broken"]);
  expect(jobs[0]!.message).toMatch(/cannot be scored/);
  const [runs] = await queryRows<{ n: string }>(
    database.url,
    `SELECT count(DISTINCT data->>'runId') AS n FROM (SELECT data FROM pgboss.job WHERE name = 'rescore-design' UNION ALL SELECT data FROM pgboss.archive WHERE name = 'rescore-design') j`,
  );
  expect(runs!.n).toBe("1");
});

// Scheduler settings other than the defaults the cards were made with, so a rebuild has to change them.
const CHANGED = { REVIEW_LEARNING_STEPS: "5m 30m", REVIEW_RELEARNING_STEPS: "20m" };
const H = 3_600_000;

/** The schedule ts-fsrs itself gives a card rated `ratings` at those times under CHANGED: the oracle. */
function expected(ratings: [Grade, number][], t0: number): Card {
  const f = fsrs({ enable_fuzz: false, learning_steps: ["5m", "30m"], relearning_steps: ["20m"] });
  let card = createEmptyCard(new Date(t0 + (ratings[0]?.[1] ?? 0)));
  for (const [grade, at] of ratings) card = f.next(card, new Date(t0 + at), grade).card;
  return card;
}

async function addCard(userId: string, questionId: string, ratings: [number, number][], t0: number, pending: number | null) {
  // Stale on purpose: a schedule no settings would give, which the rebuild must replace.
  await queryRows(
    database.url,
    `INSERT INTO review_cards (user_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, pending_score)
     VALUES ($1, $2, '2001-01-01', 99, 9, 0, 0, 0, $3, 0, 2, '2000-12-31', $4)`,
    [userId, questionId, ratings.length, pending],
  );
  for (const [i, [rating, at]] of ratings.entries()) {
    await queryRows(
      database.url,
      `INSERT INTO review_logs (id, user_id, question_id, rating, state, due, reviewed_at, source, previous) VALUES ($1, $2, $3, $4, 0, '2001-01-01', $5, $6, $7::jsonb)`,
      [`${userId}-${questionId}-${i}`, userId, questionId, rating, new Date(t0 + at), i === 0 ? "quiz" : "review", i === 0 ? null : JSON.stringify({ pendingScore: 1, pendingResponse: null, pendingAt: null })],
    );
  }
}

// Two worker processes one after the other: each start (tsx, the evaluator) takes most of a minute on a loaded machine.
it("a worker under changed scheduler settings rebuilds every review card from its log; a log it cannot replay fails that user with its reason until retried", { timeout: 360_000 }, async () => {
  // The re-score test's unscorable design and its failed job would be queued and retried again by these workers.
  await queryRows(database.url, "DELETE FROM designs WHERE id = 'jobs-broken'");
  await queryRows(database.url, "DELETE FROM pgboss.job WHERE name = 'rescore-design'");
  const users = await queryRows<{ id: string; email: string }>(database.url, "SELECT id, email FROM users WHERE email IN ('candidate@roundtrip.dev', 'instructor@roundtrip.dev') ORDER BY email");
  const candidate = users.find((u) => u.email.startsWith("candidate"))!.id;
  const instructor = users.find((u) => u.email.startsWith("instructor"))!.id;
  const questions = (await queryRows<{ id: string }>(database.url, "SELECT id FROM questions ORDER BY id LIMIT 3")).map((q) => q.id);
  const t0 = Date.UTC(2026, 0, 5, 9);
  // Again, then Good twice, then a lapse and Easy: learning, relearning and review steps all take part.
  const histories: [Grade, number][][] = [
    [[1, 0], [3, 1 * H], [3, 30 * H], [1, 200 * H], [4, 201 * H]],
    [[3, 0], [3, 2 * H]],
    [[2, 5 * H]],
  ];
  for (const [i, q] of questions.entries()) await addCard(candidate, q, histories[i]!, t0, i === 1 ? 0.5 : null);
  // Rating 9 is no rating at all: this user's rebuild must fail with the reason, not vanish or half-apply.
  await addCard(instructor, questions[0]!, [[3, 0], [9, 3 * H]], t0, null);

  const first = await worker(database.url, [], CHANGED);
  expect(first.code, first.stderr).toBe(0);

  const cards = await queryRows<{ question_id: string; due: Date; stability: number; difficulty: number; reps: number; lapses: number; state: number; last_review: Date; pending_score: number | null }>(
    database.url,
    "SELECT question_id, due, stability, difficulty, reps, lapses, state, last_review, pending_score FROM review_cards WHERE user_id = $1",
    [candidate],
  );
  for (const [i, q] of questions.entries()) {
    const card = cards.find((c) => c.question_id === q)!;
    const want = expected(histories[i]!, t0);
    expect([card.due.getTime(), card.reps, card.lapses, card.state, card.last_review.getTime()]).toEqual([want.due.getTime(), want.reps, want.lapses, want.state, want.last_review!.getTime()]);
    expect(card.stability).toBeCloseTo(want.stability, 9);
    expect(card.difficulty).toBeCloseTo(want.difficulty, 9);
  }
  // The answer waiting for its rating on /review is kept.
  expect(cards.find((c) => c.question_id === questions[1])!.pending_score).toBe(0.5);
  // The logs now tell the same story as the cards: the last entry's due is the card's due.
  const [lastLog] = await queryRows<{ due: Date }>(database.url, "SELECT due FROM review_logs WHERE user_id = $1 AND question_id = $2 ORDER BY reviewed_at DESC LIMIT 1", [candidate, questions[0]]);
  expect(lastLog!.due.getTime()).toBe(expected(histories[0]!, t0).due.getTime());

  const failed = await queryRows<{ user_id: string; message: string }>(
    database.url,
    "SELECT data->>'userId' AS user_id, output->>'message' AS message FROM pgboss.job WHERE name = 'rebuild-review-schedule' AND state = 'failed'",
  );
  expect(failed.map((f) => f.user_id)).toEqual([instructor]);
  expect(failed[0]!.message).toMatch(/rating 9/);
  const [untouched] = await queryRows<{ stability: number }>(database.url, "SELECT stability FROM review_cards WHERE user_id = $1", [instructor]);
  expect(untouched!.stability).toBe(99);

  // Another worker with the same settings queues nothing new; after the log is mended, a retry completes the user.
  await queryRows(database.url, "UPDATE review_logs SET rating = 3 WHERE user_id = $1 AND rating = 9", [instructor]);
  const retried = await worker(database.url, ["--retry-failed"], CHANGED);
  expect(retried.code, retried.stderr).toBe(0);
  const [mended] = await queryRows<{ due: Date }>(database.url, "SELECT due FROM review_cards WHERE user_id = $1", [instructor]);
  expect(mended!.due.getTime()).toBe(expected([[3, 0], [3, 3 * H]], t0).due.getTime());
  const runs = await queryRows<{ run: string; state: string; n: string }>(
    database.url,
    `SELECT data->>'runId' AS run, state::text AS state, count(*) AS n FROM (SELECT data, state FROM pgboss.job WHERE name = 'rebuild-review-schedule'
       UNION ALL SELECT data, state FROM pgboss.archive WHERE name = 'rebuild-review-schedule') j GROUP BY 1, 2`,
  );
  expect(runs.map((r) => [r.state, r.n])).toEqual([["completed", "2"]]);
});
