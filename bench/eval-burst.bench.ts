// npm run bench:eval-burst — how much a burst of large evaluations slows everything else. Starts the production
// build with a throwaway Postgres, samples GET /api/health while idle, then again while several clients post
// 2,000-node designs to POST /api/evaluate back to back. Target: health p99 under the burst < 100 ms.
// The per-user/IP caps and rate limits are raised for the run, so what is measured is the worker pool itself,
// the worst a set of clients can do once they get past those. A benchmark, never a timed test.
import { readFileSync } from "node:fs";
import os from "node:os";
import { freePort } from "../scripts/lib/embedded-pg.ts";
import { createTestDatabase } from "../scripts/lib/test-db.ts";
import { startProductionServer } from "./lib/production-server.ts";

const DIST = process.env.NEXT_DIST_DIR || ".next-bench";
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 6);
const BURST_S = Number(process.env.BENCH_DURATION ?? 20);
const IDLE_SAMPLES = 300;
const SAMPLE_GAP_MS = 10;
const log = (m: string) => console.log(`[bench:eval-burst] ${m}`);

const design = readFileSync("lib/core/evaluator/examples/generated-2000.json", "utf8");

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

type Summary = { n: number; p50: number; p99: number; max: number; failures: number };

/** Sequential GET /api/health, one every SAMPLE_GAP_MS, until `until` says stop; latency in ms. */
async function sampleHealth(base: string, until: (n: number) => boolean): Promise<Summary> {
  const times: number[] = [];
  let failures = 0;
  while (!until(times.length)) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/health`).catch(() => null);
    if (res) await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (!res || res.status !== 200) failures++;
    await new Promise((r) => setTimeout(r, SAMPLE_GAP_MS));
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1) ?? NaN, failures };
}

/** One client: posts the design back to back until the deadline; counts answers by status. */
async function client(base: string, deadline: number, statuses: Map<number, number>, evalMs: number[]): Promise<void> {
  while (Date.now() < deadline) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/evaluate`, { method: "POST", headers: { "content-type": "application/json" }, body: design });
    await res.arrayBuffer();
    if (res.status === 200) evalMs.push(performance.now() - t0);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  }
}

const fmt = (s: Summary) =>
  `p50 ${s.p50.toFixed(1).padStart(6)} ms   p99 ${s.p99.toFixed(1).padStart(6)} ms   max ${s.max.toFixed(1).padStart(7)} ms   (${s.n} samples, ${s.failures} not 200)`;

async function main() {
  log("Creating a throwaway database (migrated and seeded)");
  const database = await createTestDatabase();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "benchmark-secret-that-is-long-enough-0123456789abcdef",
    NEXTAUTH_URL: base,
    NEXT_DIST_DIR: DIST,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production" as const,
    RATE_LIMIT_EVALUATE_PER_IP: "1000000",
    EVALUATIONS_PER_USER: "1000",
  };
  let stop: (() => Promise<void>) | undefined;
  try {
    stop = await startProductionServer(env, port, log);
    log("Warm-up: one evaluation (starts the pool) and a few health checks");
    const warm = await fetch(`${base}/api/evaluate`, { method: "POST", headers: { "content-type": "application/json" }, body: design });
    if (warm.status !== 200) throw new Error(`warm-up evaluation answered ${warm.status}: ${(await warm.text()).slice(0, 300)}`);
    await sampleHealth(base, (n) => n >= 20);

    log(`Idle: ${IDLE_SAMPLES} health checks`);
    const idle = await sampleHealth(base, (n) => n >= IDLE_SAMPLES);

    log(`Burst: ${CLIENTS} clients posting a 2,000-node design back to back for ${BURST_S} s, health sampled throughout`);
    const deadline = Date.now() + BURST_S * 1000;
    const statuses = new Map<number, number>();
    const evalMs: number[] = [];
    const clients = Array.from({ length: CLIENTS }, () => client(base, deadline, statuses, evalMs));
    const burst = await sampleHealth(base, () => Date.now() >= deadline);
    await Promise.all(clients);
    evalMs.sort((a, b) => a - b);

    const p99Ok = burst.p99 < 100;
    console.log("");
    console.log(`health idle:   ${fmt(idle)}`);
    console.log(`health burst:  ${fmt(burst)}   target p99 < 100 ms: ${p99Ok ? "OK" : "MISSED"}`);
    console.log(`burst p99 / idle p99: ${(burst.p99 / idle.p99).toFixed(1)}×`);
    console.log(
      `evaluations:   ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}; 200s took p50 ${percentile(evalMs, 50).toFixed(0)} ms, p99 ${percentile(evalMs, 99).toFixed(0)} ms end to end`,
    );
    console.log(`machine:       load average ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores; evaluator threads = EVALUATOR_THREADS or cores − 1`);
  } finally {
    await stop?.();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:eval-burst] ${(error as Error).message}`);
  process.exit(1);
});
