// npm run bench:quiz — drives POST /api/quiz/attempts over HTTP against the production build with a real
// (throwaway) Postgres, 64 connections for 10 s, a fresh idempotency key per request. Target on the 2-core
// box: ≥ 500 req/s, p99 ≤ 100 ms, zero errors. A benchmark, never a timed test.
import { randomUUID } from "node:crypto";
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { correctResponse } from "../lib/core/quiz/index.ts";
import { questionSchema } from "../lib/schemas/question.ts";
import { signIn } from "../scripts/lib/http-session.ts";
import { startBenchServer } from "./lib/bench-server.ts";

const DIST = process.env.NEXT_DIST_DIR || ".next-bench";
const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const ANSWERS_PER_SUBMISSION = 5;
const log = (m: string) => console.log(`[bench:quiz] ${m}`);

type Pool = { questionId: string; version: number; response: unknown }[];

/**
 * Submissions must name an open attempt the server dealt (issue 13), so the bench deals them up front, straight
 * into attempt_plans (as the quiz page would, minus the page): each holds ANSWERS_PER_SUBMISSION random
 * questions, and each request submits the next one with a fresh key.
 */
type Dealt = { attemptId: string; answers: Pool };
const dealt: Dealt[] = [];

async function dealAttempts(url: string, email: string, pool: Pool, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const user = await client.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]);
    const userId = user.rows[0]?.id;
    if (!userId) throw new Error(`no user ${email}`);
    for (let done = 0; done < count; ) {
      const batch: Dealt[] = [];
      for (; batch.length < 5000 && done < count; done++) {
        const picked = new Set<number>();
        while (picked.size < ANSWERS_PER_SUBMISSION) picked.add(Math.floor(Math.random() * pool.length));
        batch.push({ attemptId: randomUUID(), answers: [...picked].map((i) => pool[i] as Pool[number]) });
      }
      await client.query(
        `INSERT INTO attempt_plans (id, user_id, kind, chapter, mode, spec_key, seed, items)
         SELECT id, $1, 'mixed', NULL, 'all', 'bench', id, items::jsonb FROM unnest($2::text[], $3::text[]) AS x(id, items)`,
        [
          userId,
          batch.map((d) => d.attemptId),
          batch.map((d) => JSON.stringify(d.answers.map((a) => ({ questionId: a.questionId, version: a.version, layout: {} })))),
        ],
      );
      dealt.push(...batch);
    }
  } finally {
    await client.end();
  }
}

// Estimate questions are left out: their answer depends on values drawn into each attempt's stored layout, and the
// dealt plans here carry empty layouts (the server rightly refuses to score an estimate without its values).
async function questionPool(url: string): Promise<Pool> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; version: number; data: unknown }>(
      `SELECT q.id, v.version, v.data FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
       WHERE q.status = 'PUBLISHED' AND v.data->>'type' <> 'estimate' ORDER BY q.id`,
    );
    return rows.map((r) => ({ questionId: r.id, version: r.version, response: correctResponse(questionSchema.parse(r.data)) }));
  } finally {
    await client.end();
  }
}

function submission(): string {
  const next = dealt.pop();
  if (!next) throw new Error("ran out of dealt attempts; raise BENCH_ATTEMPTS");
  return JSON.stringify({
    idempotencyKey: randomUUID(),
    attemptId: next.attemptId,
    answers: next.answers.map((a) => ({ ...a, timeMs: 4000 })),
  });
}

/** GET /api/health (one SELECT 1) under the same load: the ceiling this machine allows right now, for context. */
function baseline(base: string, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${base}/api/health`, connections: CONNECTIONS, duration }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

function cannon(url: string, cookie: string, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration,
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        requests: [{ method: "POST", setupRequest: (req) => ({ ...req, body: submission() }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function main() {
  const server = await startBenchServer(DIST, log, { RATE_LIMIT_SIGN_IN_PER_IP: "10000" });
  const { base } = server;
  const database = { url: server.databaseUrl };
  try {
    const cookie = await signIn(base, "candidate@roundtrip.dev", "roundtrip-demo");
    const pool = await questionPool(database.url);
    const attempts = Number(process.env.BENCH_ATTEMPTS ?? 60_000);
    log(`Dealing ${attempts} open attempts`);
    await dealAttempts(database.url, "candidate@roundtrip.dev", pool, attempts);
    const url = `${base}/api/quiz/attempts`;

    // Sanity: one submission must succeed and a replay must return the same attempt.
    const body = submission();
    const post = () => fetch(url, { method: "POST", headers: { "content-type": "application/json", cookie }, body });
    const first = await post();
    const again = await post();
    const a = (await first.json()) as { attempt?: { id: string } };
    const b = (await again.json()) as { attempt?: { id: string } };
    if (first.status !== 201 || again.status !== 200 || a.attempt?.id !== b.attempt?.id) {
      throw new Error(`sanity check failed: ${first.status}/${again.status} ${JSON.stringify(a).slice(0, 300)}`);
    }

    log("Warm-up (3 s)");
    await cannon(url, cookie, 3);
    log("Baseline: GET /api/health (5 s)");
    const floor = await baseline(base, 5);
    log(`Measuring: ${CONNECTIONS} connections, ${DURATION_S} s, ${ANSWERS_PER_SUBMISSION} answers per submission, fresh key per request`);
    const result = await cannon(url, cookie, DURATION_S);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const stored = await client.query<{ n: string }>("SELECT count(*) AS n FROM quiz_attempts");
    await client.end();

    const rps = result.requests.average;
    const p50 = result.latency.p50;
    const p99 = result.latency.p99;
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log("");
    console.log(`requests:      ${result.requests.total} in ${result.duration.toFixed(1)} s (2xx ${result["2xx"]}, non-2xx ${result.non2xx})`);
    console.log(`requests/s:    ${rps.toFixed(0)}   (target ≥ 500) ${rps >= 500 ? "OK" : "MISSED"}`);
    console.log(`latency p50:   ${p50} ms`);
    console.log(`latency p99:   ${p99} ms   (target ≤ 100) ${p99 <= 100 ? "OK" : "MISSED"}`);
    console.log(`errors:        ${errors}   (connection errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}) ${errors === 0 ? "OK" : "MISSED"}`);
    console.log(`attempts stored in Postgres: ${stored.rows[0]?.n}`);
    console.log(
      `baseline GET /api/health on this machine now: ${floor.requests.average.toFixed(0)} req/s, p50 ${floor.latency.p50} ms, p99 ${floor.latency.p99} ms (load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:quiz] ${(error as Error).message}`);
  process.exit(1);
});
