// npm run bench:quiz — drives POST /api/quiz/attempts over HTTP against the production build with a real
// (throwaway) Postgres, a fresh idempotency key per request, in rounds that alternate with GET /api/health (one
// SELECT 1 through the same server) so both see the same machine. Targets (issue 17): submissions ≥ 0.9× health's
// requests/s, p99 ≤ 100 ms at 16 connections, zero errors. On a shared box the requests/s move with everyone
// else's load, so each round also prints the server's CPU time per request (user + system, from /proc), which
// does not. BENCH_CONNECTIONS (16), BENCH_REQUESTS (per round, 400), BENCH_WARMUP (300), BENCH_ROUNDS (3). A benchmark, never a test.
import { randomUUID } from "node:crypto";
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { correctResponse } from "../lib/core/quiz/index.ts";
import { questionSchema } from "../lib/schemas/question.ts";
import { signIn } from "../scripts/lib/http-session.ts";
import { startBenchServer } from "./lib/bench-server.ts";
import { threadCpuMs } from "./lib/production-server.ts";

const DIST = process.env.NEXT_DIST_DIR || ".next-bench";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
// Rounds are a number of requests, not seconds: on a shared box the rate swings tenfold, and a round of a fixed
// length then holds too few submissions to say anything.
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
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

type Loaded = autocannon.Result & { activeSeconds: number };

/**
 * One autocannon run, timed from its start to its last response: with `amount`, autocannon notices the end on its
 * one-second tick, so its own duration rounds a 2.2 s round up to 3 s and quantises req/s (400/3, 200…).
 */
function load(options: autocannon.Options): Promise<Loaded> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let last = started;
    const instance = autocannon(options, (error, result) =>
      error ? reject(error) : resolve({ ...result, activeSeconds: (last - started) / 1000 }),
    );
    instance.on("response", () => (last = performance.now()));
  });
}

/** GET /api/health: the floor, what one request costs this server when it does one SELECT 1 and nothing else. */
const health = (base: string, amount: number) => load({ url: `${base}/api/health`, connections: CONNECTIONS, amount });

function submissions(url: string, cookie: string, amount: number): Promise<Loaded> {
  return load({
    url,
    connections: CONNECTIONS,
    amount,
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    requests: [{ method: "POST", setupRequest: (req) => ({ ...req, body: submission() }) }],
  });
}

type Round = { rps: number; p50: number; p99: number; errors: number; total: number; cpuMs: number };

/** One round under load, with the server process's CPU time (all threads) per request. */
async function measure(pid: number, run: () => Promise<Loaded>): Promise<Round> {
  const before = threadCpuMs(pid);
  const r = await run();
  const after = threadCpuMs(pid);
  const cpu = before && after ? after.main + after.others - before.main - before.others : Number.NaN;
  return {
    rps: r.requests.total / Math.max(0.001, r.activeSeconds),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    total: r.requests.total,
    cpuMs: cpu / Math.max(1, r.requests.total),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function main() {
  const server = await startBenchServer(DIST, log, { RATE_LIMIT_SIGN_IN_PER_IP: "10000" });
  const { base } = server;
  const database = { url: server.databaseUrl };
  try {
    const cookie = await signIn(base, "candidate@roundtrip.dev", "roundtrip-demo");
    const pool = await questionPool(database.url);
    const attempts = Number(process.env.BENCH_ATTEMPTS ?? Math.ceil((WARMUP + ROUNDS * REQUESTS) * 1.2) + 100);
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

    log(`Warm-up (${WARMUP} requests each)`);
    await submissions(url, cookie, WARMUP);
    await health(base, WARMUP);
    const floor: Round[] = [];
    const quiz: Round[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      log(`Round ${i}/${ROUNDS}: GET /api/health, then submissions (${CONNECTIONS} connections, ${REQUESTS} requests each, ${ANSWERS_PER_SUBMISSION} answers per submission, fresh key per request)`);
      floor.push(await measure(server.pid, () => health(base, REQUESTS)));
      quiz.push(await measure(server.pid, () => submissions(url, cookie, REQUESTS)));
    }

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const stored = await client.query<{ n: string }>("SELECT count(*) AS n FROM quiz_attempts");
    await client.end();

    const row = (name: string, r: Round) =>
      `${name.padEnd(12)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(5)} ms   server CPU ${r.cpuMs.toFixed(2)} ms/request   errors ${r.errors}`;
    console.log("");
    for (let i = 0; i < ROUNDS; i++) {
      console.log(row(`health #${i + 1}`, floor[i] as Round));
      console.log(row(`submit #${i + 1}`, quiz[i] as Round));
    }
    const m = (rs: Round[], k: keyof Round) => median(rs.map((r) => r[k]));
    const ratio = m(quiz, "rps") / m(floor, "rps");
    const cpuRatio = m(floor, "cpuMs") / m(quiz, "cpuMs");
    const p99 = m(quiz, "p99");
    const errors = quiz.reduce((s, r) => s + r.errors, 0);
    console.log("");
    console.log(`medians over ${ROUNDS} alternating rounds at ${CONNECTIONS} connections:`);
    console.log(`submissions/s ÷ health req/s:   ${ratio.toFixed(2)}×   (${m(quiz, "rps").toFixed(0)} ÷ ${m(floor, "rps").toFixed(0)}; target ≥ 0.9×) ${ratio >= 0.9 ? "OK" : "MISSED"}`);
    console.log(`server CPU per request:          submit ${m(quiz, "cpuMs").toFixed(2)} ms, health ${m(floor, "cpuMs").toFixed(2)} ms → the CPU-bound ratio ${cpuRatio.toFixed(2)}×`);
    console.log(`submission latency p99:          ${p99} ms   (target ≤ 100 ms) ${p99 <= 100 ? "OK" : "MISSED"}`);
    console.log(`errors:                          ${errors}   ${errors === 0 ? "OK" : "MISSED"}`);
    console.log(`attempts stored in Postgres:     ${stored.rows[0]?.n} (${quiz.reduce((s, r) => s + r.total, 0)} measured + warm-up + sanity)`);
    console.log(`machine: load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:quiz] ${(error as Error).message}`);
  process.exit(1);
});
