// npm run bench:rescore — re-scores 10,000 stored designs through the pg-boss queue with `npm run worker`
// processes (1, then 2), on a throwaway database, and prints designs/s for each. The floor printed beside them is
// the evaluator alone on the same machine in the same run (no database, one process): the most one worker could do.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { evaluateDesign } from "../lib/core/evaluator/index.ts";
import { createTestDatabase } from "../scripts/lib/test-db.ts";

const DESIGNS = Number(process.env.BENCH_DESIGNS ?? 10_000);
const OLD_VERSION = "0.0.0-bench";
const log = (m: string) => console.log(`[bench:rescore] ${m}`);

const documents = readdirSync("content/problems")
  .filter((f) => f.endsWith(".json"))
  .map((f) => (JSON.parse(readFileSync(path.join("content/problems", f), "utf8")) as { reference: unknown }).reference);

const oldResults = documents.map((doc) => {
  const outcome = evaluateDesign(doc, { seed: 1 });
  if (!outcome.ok) throw new Error("a reference design no longer passes validation");
  return JSON.stringify({ ...outcome.result, modelVersion: OLD_VERSION });
});

async function seedDesigns(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ id: string }>("SELECT id FROM users WHERE email = 'candidate@roundtrip.dev'");
  const userId = rows[0]!.id;
  await client.query("BEGIN");
  for (let i = 0; i < DESIGNS; i += 1000) {
    const n = Math.min(1000, DESIGNS - i);
    const ids = Array.from({ length: n }, (_, k) => `bench-design-${i + k}`);
    const docs = ids.map((_, k) => JSON.stringify(documents[(i + k) % documents.length]));
    await client.query(
      `INSERT INTO designs (id, user_id, name, data, updated_at) SELECT id, $2, 'Benchmark design', doc::jsonb, now() FROM unnest($1::text[], $3::text[]) AS t(id, doc)`,
      [ids, userId, docs],
    );
    // A real result of each document, labelled with the old model version, as an older model would have stored it.
    const results = ids.map((_, k) => oldResults[(i + k) % oldResults.length]);
    await client.query(
      `INSERT INTO evaluations (id, design_id, document, result, score, grade, model_version, seed)
       SELECT 'bench-eval-' || t.id, t.id, d.data, t.result::jsonb, (t.result::jsonb->>'score')::int, t.result::jsonb->>'grade', $2, 1
       FROM unnest($1::text[], $3::text[]) AS t(id, result) JOIN designs d ON d.id = t.id`,
      [ids, OLD_VERSION, results],
    );
  }
  await client.query("COMMIT");
}

function runWorkers(n: number, url: string): Promise<number> {
  const started = Date.now();
  const env = { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: "benchmark-secret-that-is-long-enough-0123456789abcdef", NODE_ENV: "production" as const };
  const bin = path.join("node_modules", "tsx", "dist", "cli.mjs");
  // The first worker queues the run; the second only works, so both start on the same queue.
  const workers = Array.from({ length: n }, (_, i) =>
    new Promise<void>((resolve, reject) =>
      spawn(process.execPath, [bin, "--conditions=react-server", "scripts/worker.ts", "--exit-when-idle", ...(i > 0 ? ["--no-queue"] : [])], { env, stdio: ["ignore", process.env.BENCH_VERBOSE === "1" ? "inherit" : "ignore", "inherit"] }).on(
        "exit",
        (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))),
      ),
    ),
  );
  return Promise.all(workers).then(() => Date.now() - started);
}

async function main() {
  const database = await createTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    log(`Storing ${DESIGNS} designs last scored by model ${OLD_VERSION}`);
    await seedDesigns(client);

    const floorStart = Date.now();
    for (let i = 0; i < 500; i++) evaluateDesign(documents[i % documents.length], { seed: 1 });
    const floor = 500 / ((Date.now() - floorStart) / 1000);

    const results: [number, number][] = [];
    for (const workers of [1, 2]) {
      // Each round starts from the same state: only the old evaluations, and an empty queue.
      await client.query("DELETE FROM evaluations WHERE model_version <> $1", [OLD_VERSION]);
      await client.query("DELETE FROM pgboss.job WHERE name = 'rescore-design'").catch(() => {});
      await client.query("DELETE FROM pgboss.archive WHERE name = 'rescore-design'").catch(() => {});
      log(`Re-scoring with ${workers} worker(s)…`);
      const wallMs = await runWorkers(workers, database.url);
      // Throughput while the queue was being worked: first job started to last job finished (process start-up,
      // mostly tsx compiling the worker, is left out; it is printed separately).
      const span = await client.query<{ s: number }>(
        `SELECT extract(epoch FROM max(completed_on) - min(started_on))::float AS s FROM pgboss.job WHERE name = 'rescore-design'`,
      );
      const ms = (span.rows[0]?.s ?? wallMs / 1000) * 1000;
      log(`  ${(ms / 1000).toFixed(1)} s working, ${(wallMs / 1000).toFixed(1)} s including worker start-up`);
      const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM evaluations WHERE model_version <> $1", [OLD_VERSION]);
      if (Number(rows[0]?.n) !== DESIGNS) throw new Error(`expected ${DESIGNS} new evaluations, found ${rows[0]?.n}`);
      results.push([workers, DESIGNS / (ms / 1000)]);
    }
    console.log("");
    for (const [w, rate] of results) console.log(`${w} worker(s): ${rate.toFixed(0)} designs/s   (${(rate / floor).toFixed(2)}× the evaluator alone)`);
    console.log(`floor: the evaluator alone, in process, no database: ${floor.toFixed(0)} designs/s`);
    console.log(`2 workers / 1 worker: ${((results[1]?.[1] ?? 0) / (results[0]?.[1] ?? 1)).toFixed(2)}× (load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)`);
  } finally {
    await client.end();
    await database.drop();
  }
}

await main();
