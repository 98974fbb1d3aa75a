import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createEmptyCard, fsrs, type Card, type Grade } from "ts-fsrs";
import { afterAll, afterEach, beforeAll, expect, it, onTestFinished } from "vitest";
import { evaluateDesign } from "@/lib/core/evaluator";
import { MODEL_VERSION } from "@/lib/core/evaluator/defaults";
import { createTestDatabase, type TestDatabase } from "../../scripts/lib/test-db.ts";
import { queryRows } from "./harness.ts";

const SECRET = "jobs-test-secret-that-is-long-enough-0123456789abcdef";
let database: TestDatabase;

/** CPU seconds (user + system) a process and its descendants have used so far, from /proc (tsx runs node in a child). */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const own = (Number(fields[11]) + Number(fields[12])) / 100;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    return own + children.reduce((s, c) => s + cpuSeconds(Number(c)), 0);
  } catch {
    return 0;
  }
}

const running = new Set<number>();

/**
 * Every 10 s while a test runs: how far the queues got (pg-boss job states), designs on the current model, and the
 * workers' CPU seconds beside the wall time and load, so a slow run shows whether it was starved or stuck.
 */
function watchProgress(label: string, url = database.url): () => void {
  const started = Date.now();
  const tick = async () => {
    const states = await queryRows<{ name: string; state: string; n: string }>(
      url,
      "SELECT name, state::text AS state, count(*) AS n FROM pgboss.job WHERE name NOT LIKE '\\_\\_%' GROUP BY 1, 2 ORDER BY 1, 2",
    ).catch(() => []);
    const [fresh] = await queryRows<{ n: string }>(url, "SELECT count(DISTINCT design_id) AS n FROM evaluations WHERE model_version = $1", [MODEL_VERSION]);
    const cpu = [...running].map((pid) => cpuSeconds(pid).toFixed(1)).join(" + ");
    console.log(
      `[jobs] ${label} +${((Date.now() - started) / 1000).toFixed(0)} s: designs on ${MODEL_VERSION} ${fresh?.n}; jobs ${states.map((s) => `${s.name} ${s.state} ${s.n}`).join(", ") || "none yet"}; workers' CPU ${cpu || "-"} s; load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  };
  const timer = setInterval(() => void tick().catch(() => {}), 10_000);
  return () => clearInterval(timer);
}

type WorkerExit = { pid: number; code: number; stderr: string; stdout: string };
const children = new Map<number, { child: ChildProcess; stdout: () => string; stderr: () => string }>();

// A worker still running when its test ends (a timeout, a failed assertion) is killed, so it cannot take the next
// test's jobs: in CI (stop 24) a worker left by a timed-out re-score test, running under the default scheduler
// settings, took the next test's review rebuilds.
afterEach(() => {
  for (const [pid, { child }] of children) {
    console.log(`[jobs] killing worker ${pid}, still running when its test ended`);
    child.kill("SIGKILL");
  }
  children.clear();
});

/** Runs `npm run worker -- --exit-when-idle`; its exit code, and the tails of its output to name the cause when it fails. */
const pidOf = new WeakMap<Promise<WorkerExit>, number>();

function worker(url: string, extra: string[], env: Record<string, string> = {}): Promise<WorkerExit> {
  let pidOut = 0;
  const exit = new Promise<WorkerExit>((resolve) => {
    let stderr = "";
    let stdout = "";
    const child = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/worker.ts", "--exit-when-idle", ...extra], {
      // EVALUATOR_NICE=0: the evaluator threads at the worker's own priority. At their default nice 10 on a machine
      // busy with other work (CI's other steps, this suite's clusters) they got under 1 % of a core and a re-score
      // of six designs ran past ten minutes; this test proves the queue's invariants, not the scheduling priority.
      env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: SECRET, EVALUATOR_NICE: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const pid = child.pid!;
    pidOut = pid;
    const started = Date.now();
    running.add(pid);
    children.set(pid, { child, stdout: () => stdout, stderr: () => stderr });
    let cpu = 0;
    const sampler = setInterval(() => (cpu = Math.max(cpu, cpuSeconds(pid))), 1000);
    child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
    child.stdout!.on("data", (d: Buffer) => {
      stdout = (stdout + d.toString()).slice(-8000);
      if (process.env.JOBS_VERBOSE === "1") process.stdout.write(d);
    });
    child.on("close", (code) => {
      clearInterval(sampler);
      running.delete(pid);
      children.delete(pid);
      console.log(`[jobs] worker ${pid} ${extra.join(" ")} exited ${code} after ${((Date.now() - started) / 1000).toFixed(0)} s wall, ≥${cpu.toFixed(1)} s CPU`);
      // Printed at once: a worker that dies leaves its job active until the queue expires it, and a test waiting on
      // the other worker can time out before its assertion would have shown this (CI, stop 23).
      if (code !== 0) console.log(`[jobs] worker ${pid} stderr:\n${stderr.slice(-4000)}`);
      resolve({ pid, code: code ?? 1, stderr: stderr.slice(-2000), stdout });
    });
  });
  pidOf.set(exit, pidOut);
  return exit;
}

/** The last lines a worker printed, for a failure message. */
const tail = (text: string, lines = 25) => text.trimEnd().split("\n").slice(-lines).join("\n");

/**
 * Waits for every worker to exit. Fails at once when one exits with an error, and fails before the test's own
 * time limit when they have not all exited, in both cases naming the queue's jobs and each worker's last output:
 * CI keeps only the end of the log, and a bare "Test timed out" there hid which worker held the stuck job and why
 * (stops 23 and 24).
 */
async function allExit(url: string, started: Promise<WorkerExit>[], withinMs = 480_000): Promise<WorkerExit[]> {
  const pids = started.map((p) => pidOf.get(p) ?? 0);
  const describe = async (why: string) => {
    const jobs = await queryRows<{ name: string; state: string; id: string; started_on: Date | null }>(
      url,
      "SELECT name, state::text AS state, id::text AS id, started_on FROM pgboss.job WHERE name NOT LIKE '\\_\\_%' AND state < 'completed' ORDER BY name",
    ).catch((e: Error) => [{ name: `(could not read the queue: ${e.message})`, state: "", id: "", started_on: null }]);
    const outputs = pids.map((pid) => {
      const c = children.get(pid);
      return c ? `worker ${pid} (running), stdout:\n${tail(c.stdout())}\nstderr:\n${tail(c.stderr())}` : `worker ${pid} has exited`;
    });
    return `${why}\nunfinished jobs: ${jobs.map((j) => `${j.name} ${j.id.slice(0, 8)} ${j.state}${j.started_on ? ` since ${j.started_on.toISOString()}` : ""}`).join("; ") || "none"}\n${outputs.join("\n")}`;
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => void describe(`the workers had not all exited after ${withinMs / 1000} s`).then((m) => reject(new Error(m))), withinMs);
  });
  const failedEarly = started.map((p) =>
    p.then(async (exit) => {
      if (exit.code === 0) return exit;
      throw new Error(await describe(`worker ${exit.pid} exited ${exit.code}; its stderr:\n${tail(exit.stderr, 40)}\nits stdout:\n${tail(exit.stdout)}`));
    }),
  );
  try {
    return await Promise.race([Promise.all(failedEarly), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Six designs last scored by an older model (five valid copies of a reference design, one the model rejects). */
async function seedStaleDesigns(url: string): Promise<void> {
  const reference = (JSON.parse(readFileSync("content/problems/rate-limiter.json", "utf8")) as { reference: unknown }).reference;
  const outcome = evaluateDesign(reference, { seed: 1 });
  if (!outcome.ok) throw new Error("the reference design does not validate");
  const oldResult = JSON.stringify({ ...outcome.result, modelVersion: "0.0.0-old" });
  const [user] = await queryRows<{ id: string }>(url, "SELECT id FROM users WHERE email = 'candidate@roundtrip.dev'");
  const designs: [string, string][] = [
    ...Array.from({ length: 5 }, (_, i): [string, string] => [`jobs-ok-${i}`, JSON.stringify(reference)]),
    // A stored document the current model rejects: its job must fail with a reason, not vanish.
    ["jobs-broken", JSON.stringify({ version: 1 })],
  ];
  for (const [id, doc] of designs) {
    await queryRows(url, `INSERT INTO designs (id, user_id, name, data, updated_at) VALUES ($1, $2, $3, $4::jsonb, now())`, [id, user!.id, `Design ${id}`, doc]);
    await queryRows(
      url,
      `INSERT INTO evaluations (id, design_id, document, result, score, grade, model_version, seed) VALUES ($1, $2, $3::jsonb, $4::jsonb, 50, 'C', '0.0.0-old', 1)`,
      [`old-${id}`, id, doc, oldResult],
    );
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedStaleDesigns(database.url);
});
afterAll(async () => {
  await database?.drop();
});

it("two workers re-score every design from an older model once, and a design that cannot be scored is failed with its reason", async () => {
  // Both queue on start; the advisory lock lets one run be queued for this model version. One job a fetch, so both
  // workers take part (a batch of 20 handed all six to whichever fetched first).
  const stop = watchProgress("re-score");
  const workers = await allExit(database.url, [worker(database.url, ["--batch", "1"]), worker(database.url, ["--batch", "1"])]).finally(stop);
  expect(workers.map((w) => w.code)).toEqual([0, 0]);
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

// Two worker processes one after the other; each start is a few seconds of CPU (tsx and the app's modules), which
// at load 30 on two cores is most of a minute.
it("a worker under changed scheduler settings rebuilds every review card from its log; a log it cannot replay fails that user with its reason until retried", async () => {
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

  const stop = watchProgress("rebuild");
  onTestFinished(stop);
  const [first] = await allExit(database.url, [worker(database.url, [], CHANGED)]);
  expect(first!.code).toBe(0);
  // A worker started after the re-score run finished queues no second run for the same model version, although the
  // unscorable design is still on the older one (it waits for an admin's retry, not for every worker start).
  const rescoreRuns = await queryRows<{ run: string; n: string }>(
    database.url,
    `SELECT data->>'runId' AS run, count(*) AS n FROM (SELECT data FROM pgboss.job WHERE name = 'rescore-design' UNION ALL SELECT data FROM pgboss.archive WHERE name = 'rescore-design') j GROUP BY 1`,
  );
  expect(rescoreRuns.map((r) => r.n)).toEqual(["6"]);

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
  // The unscorable design goes first: --retry-failed would otherwise retry its failed re-score three more times.
  await queryRows(database.url, "DELETE FROM designs WHERE id = 'jobs-broken'");
  await queryRows(database.url, "DELETE FROM pgboss.job WHERE name = 'rescore-design' AND state = 'failed'");
  await queryRows(database.url, "UPDATE review_logs SET rating = 3 WHERE user_id = $1 AND rating = 9", [instructor]);
  const [retried] = await allExit(database.url, [worker(database.url, ["--retry-failed"], CHANGED)]);
  expect(retried!.code).toBe(0);
  const [mended] = await queryRows<{ due: Date }>(database.url, "SELECT due FROM review_cards WHERE user_id = $1", [instructor]);
  expect(mended!.due.getTime()).toBe(expected([[3, 0], [3, 3 * H]], t0).due.getTime());
  const runs = await queryRows<{ run: string; state: string; n: string }>(
    database.url,
    `SELECT data->>'runId' AS run, state::text AS state, count(*) AS n FROM (SELECT data, state FROM pgboss.job WHERE name = 'rebuild-review-schedule'
       UNION ALL SELECT data, state FROM pgboss.archive WHERE name = 'rebuild-review-schedule') j GROUP BY 1, 2`,
  );
  expect(runs.map((r) => [r.state, r.n])).toEqual([["completed", "2"]]);
});

it("a worker whose database connections are cut while it works carries on: every design is re-scored once and it exits cleanly", async () => {
  // Postgres restarts, failovers and PgBouncer reloads drop a worker's connections. pg-boss 10 completes a job
  // without awaiting the write, so a connection lost at that moment was an unhandled rejection that killed the
  // worker; its job then stayed active until the queue expired it (CI, stop 23: a 600 s test timeout).
  const own = await createTestDatabase();
  onTestFinished(() => own.drop());
  await seedStaleDesigns(own.url);
  const stop = watchProgress("cut", own.url);
  onTestFinished(stop);
  const run = worker(own.url, ["--batch", "1"]);
  let exited = false;
  void run.then(() => (exited = true));
  // A cut each time a design's new evaluation is committed: the moment the worker goes on to mark its job done.
  // Polled on one connection of the test's own (which the cut spares), until the count moved four times or the
  // worker is gone.
  const watcher = new pg.Client({ connectionString: own.url });
  await watcher.connect();
  onTestFinished(() => watcher.end());
  let cuts = 0;
  let seen = 0;
  while (!exited && cuts < 4) {
    const { rows } = await watcher.query<{ n: string }>("SELECT count(*) AS n FROM evaluations WHERE model_version = $1", [MODEL_VERSION]);
    if (Number(rows[0]!.n) > seen) {
      seen = Number(rows[0]!.n);
      await watcher.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
      cuts++;
    }
  }
  const [exit] = await allExit(own.url, [run]);
  expect(cuts, "the worker finished before its connections could be cut").toBe(4);
  expect(exit!.code).toBe(0);
  const fresh = await queryRows<{ design_id: string; n: string }>(
    own.url,
    "SELECT design_id, count(*) AS n FROM evaluations WHERE model_version = $1 GROUP BY design_id ORDER BY design_id",
    [MODEL_VERSION],
  );
  expect(fresh.map((r) => [r.design_id, r.n])).toEqual(Array.from({ length: 5 }, (_, i) => [`jobs-ok-${i}`, "1"]));
});
