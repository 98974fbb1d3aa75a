// npm run bench:eval-burst — how much a burst of large evaluations slows everything else. Starts the production
// build with a throwaway Postgres, samples GET /api/health while idle, then again while several clients post
// 2,000-node designs to POST /api/evaluate back to back. Target: health p99 under the burst < 100 ms.
// The per-user/IP caps and rate limits are raised for the run, so what is measured is the worker pool itself,
// the worst a set of clients can do once they get past those. A benchmark, never a timed test.
import { readFileSync } from "node:fs";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { freePort } from "../scripts/lib/embedded-pg.ts";
import { createTestDatabase } from "../scripts/lib/test-db.ts";
import { startProductionServer, threadCpuMs } from "./lib/production-server.ts";

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

type Summary = { n: number; p50: number; p95: number; p99: number; max: number; failures: number };

// The health probe runs on a thread of its own: on this thread, the clients' 1 MB uploads and the decoding of
// their answers would delay the probe's own timers and responses, and that delay would be counted as the
// server's. Sequential GET /api/health, one every SAMPLE_GAP_MS, until the main thread posts "stop" or
// `samples` are taken; posts back the latencies (ms) and how many were not 200.
const PROBE = `
const { parentPort, workerData } = require("node:worker_threads");
let stopped = false;
parentPort.on("message", () => { stopped = true; });
(async () => {
  const times = [];
  let failures = 0;
  while (!stopped && times.length < workerData.samples) {
    const t0 = performance.now();
    const res = await fetch(workerData.url).catch(() => null);
    if (res) await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (!res || res.status !== 200) failures++;
    await new Promise((r) => setTimeout(r, workerData.gapMs));
  }
  parentPort.postMessage({ times, failures });
  parentPort.close();
})();
`;

/** Starts the probe; `stop()` ends it early. Resolves with the summary once it has finished. */
function probeHealth(base: string, samples: number): { stop: () => void; done: Promise<Summary> } {
  const worker = new Worker(PROBE, { eval: true, workerData: { url: `${base}/api/health`, samples, gapMs: SAMPLE_GAP_MS } });
  const done = new Promise<Summary>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", ({ times, failures }: { times: number[]; failures: number }) => {
      times.sort((a, b) => a - b);
      resolve({ n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times.at(-1) ?? NaN, failures });
      void worker.terminate();
    });
  });
  return { stop: () => worker.postMessage("stop"), done };
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
  `p50 ${s.p50.toFixed(1).padStart(6)} ms   p95 ${s.p95.toFixed(1).padStart(6)} ms   p99 ${s.p99.toFixed(1).padStart(6)} ms   max ${s.max.toFixed(1).padStart(7)} ms   (${s.n} samples, ${s.failures} not 200)`;

const REFUSALS = new Set([413, 422, 429, 503]);

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
    const server = await startProductionServer(env, port, log);
    stop = server;
    log("Warm-up: one evaluation (starts the pool) and a few health checks");
    const warm = await fetch(`${base}/api/evaluate`, { method: "POST", headers: { "content-type": "application/json" }, body: design });
    if (warm.status !== 200) throw new Error(`warm-up evaluation answered ${warm.status}: ${(await warm.text()).slice(0, 300)}`);
    await probeHealth(base, 20).done;

    log(`Idle: ${IDLE_SAMPLES} health checks (the floor)`);
    const cpuIdle0 = threadCpuMs(server.pid);
    const idleStart = performance.now();
    const idle = await probeHealth(base, IDLE_SAMPLES).done;
    const idleSeconds = (performance.now() - idleStart) / 1000;
    const cpuIdle1 = threadCpuMs(server.pid);
    const loadBefore = os.loadavg()[0] ?? NaN;

    log(`Burst: ${CLIENTS} clients posting a 2,000-node design back to back for ${BURST_S} s, health sampled throughout`);
    const deadline = Date.now() + BURST_S * 1000;
    const statuses = new Map<number, number>();
    const evalMs: number[] = [];
    const probe = probeHealth(base, Number.MAX_SAFE_INTEGER);
    const clients = Array.from({ length: CLIENTS }, () => client(base, deadline, statuses, evalMs));
    await new Promise((r) => setTimeout(r, BURST_S * 1000));
    probe.stop();
    const burst = await probe.done;
    await Promise.all(clients);
    const burstSeconds = (Date.now() - deadline) / 1000 + BURST_S;
    const cpuBurst = threadCpuMs(server.pid);
    evalMs.sort((a, b) => a - b);

    const count = (pick: (status: number) => boolean) => [...statuses].filter(([s]) => pick(s)).reduce((n, [, k]) => n + k, 0);
    const completed = statuses.get(200) ?? 0;
    const refused = count((s) => REFUSALS.has(s));
    const other = count((s) => s !== 200 && !REFUSALS.has(s));
    const p99Ok = burst.p99 < 100;
    console.log("");
    console.log(`health idle (floor): ${fmt(idle)}`);
    console.log(`health under burst:  ${fmt(burst)}   target p99 < 100 ms: ${p99Ok ? "OK" : "MISSED"}`);
    console.log(`burst / floor:       p50 ${(burst.p50 / idle.p50).toFixed(1)}×   p95 ${(burst.p95 / idle.p95).toFixed(1)}×   p99 ${(burst.p99 / idle.p99).toFixed(1)}×`);
    console.log(
      `evaluations:         ${completed} completed, ${refused} refused, ${other} other (${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}); completed ones took p50 ${percentile(evalMs, 50).toFixed(0)} ms, p99 ${percentile(evalMs, 99).toFixed(0)} ms end to end`,
    );
    if (cpuIdle0 && cpuIdle1 && cpuBurst) {
      // Load-independent: how much of a core the request thread used, and its CPU per evaluation request.
      const mainIdle = cpuIdle1.main - cpuIdle0.main;
      const mainBurst = cpuBurst.main - cpuIdle1.main;
      const requests = [...statuses.values()].reduce((a, b) => a + b, 0);
      const perHealth = mainIdle / idle.n;
      const perEvaluation = (mainBurst - perHealth * burst.n) / Math.max(1, requests);
      console.log(
        `request thread CPU:  idle ${((mainIdle / 1000 / idleSeconds) * 100).toFixed(0)}% of a core, ${perHealth.toFixed(1)} ms per health check; ` +
          `burst ${((mainBurst / 1000 / burstSeconds) * 100).toFixed(0)}% of a core, ≈ ${perEvaluation.toFixed(0)} ms per evaluation request (health checks subtracted; 10 ms resolution); ` +
          `evaluator and other threads ${((cpuBurst.others - cpuIdle1.others) / 1000).toFixed(1)} s`,
      );
    }
    console.log(
      `machine:             load average ${loadBefore.toFixed(1)} before the burst, ${os.loadavg()[0]?.toFixed(1)} after, on ${os.availableParallelism()} cores; evaluator threads = EVALUATOR_THREADS or cores − 1`,
    );
  } finally {
    await stop?.();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:eval-burst] ${(error as Error).message}`);
  process.exit(1);
});
