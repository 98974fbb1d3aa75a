import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { MAX_EDGES, MAX_NODES } from "@/lib/core/evaluator/schema";
import type { EvaluateOutcome } from "@/lib/core/evaluator";
import type { Design } from "@/lib/core/evaluator/schema";
import { envVars, tunable } from "@/lib/server/kernel/env";
import { AppError } from "@/lib/server/kernel/errors";
import { designSizeProblem } from "./design-size";
import type { Comparison, TextOutcome } from "./worker-entry";

// Scoring a large design takes seconds of CPU. Run on the event loop, a handful of such requests stall every
// other request (a 2,000-node design blocked /api/health for seconds, issue #14). Here every evaluation runs in
// a worker thread of one pool, behind four guards: size limits checked before any work, a per-user cap on
// evaluations in flight, a bounded wait for a free thread, and a time budget after which the thread is killed.

/** Why an evaluation was refused; `status` is the HTTP status the caller answers with (an AppError, so every
 * action and route maps it the one way). */
export class EvaluationRefused extends AppError {
  constructor(
    status: 413 | 422 | 429 | 503,
    message: string,
    readonly path?: string,
    retryAfterSeconds?: number,
  ) {
    super(status, message, path, retryAfterSeconds);
  }
}

/** Limits in one place (each can be changed by the env var named beside it). Times in ms. */
export const EVALUATION_LIMITS = {
  /** EVALUATOR_THREADS: one core is left to the event loop, so health checks and pages stay fast. */
  threads: tunable("EVALUATOR_THREADS", Math.max(1, availableParallelism() - 1)),
  /**
   * EVALUATION_TIMEOUT_MS: wall time one evaluation may run once it has a loaded thread. A 2,000-node design
   * takes 0.3–3 s on a quiet 2-core box; the budget leaves room for a busy host (the threads run at a lower
   * priority) while still bounding what one request can hold.
   */
  timeoutMs: tunable("EVALUATION_TIMEOUT_MS", 30_000),
  /** EVALUATION_QUEUE_WAIT_MS: how long a request waits for a free thread before 503. */
  queueWaitMs: tunable("EVALUATION_QUEUE_WAIT_MS", 15_000),
  /** EVALUATION_QUEUE_LENGTH: evaluations waiting for a thread before new ones get 503 at once. */
  queueLength: tunable("EVALUATION_QUEUE_LENGTH", 32),
  /** EVALUATIONS_PER_USER: evaluations one user (or one address, signed out) may have in flight. */
  perUser: tunable("EVALUATIONS_PER_USER", 2),
  /**
   * EVALUATOR_NICE (0–19, default 10): how far below the process the threads' CPU priority is. 0 runs them at the
   * process's own priority: a test of the job queue on a machine busy with other work sets it, as may a worker
   * machine that runs nothing else (its priority is then the unit's Nice=).
   */
  nice: niceSetting(envVars(["EVALUATOR_NICE"]).EVALUATOR_NICE),
  maxNodes: MAX_NODES,
  maxEdges: MAX_EDGES,
};

function niceSetting(value: string | undefined): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isInteger(n) && n >= 0 && n <= 19 ? n : 10;
}

type PoolState = {
  pool: Promise<Piscina<unknown, unknown>>;
  /** The start-up warm-up (warmUp): resolves to the steps each loop ran once it is over. */
  warmed: Promise<number[]>;
  running: number;
  waiting: Array<() => void>;
  inFlight: Map<string, number>;
};

// One pool and one set of counters per process, parked on globalThis: Next may load this module once per
// bundle (route handlers, server actions) and again on every dev reload.
const globalForPool = globalThis as unknown as { roundtripEvaluator?: PoolState };

function state(): PoolState {
  if (!globalForPool.roundtripEvaluator) {
    const pool = createPool();
    // A failed start (say, an unreadable temp dir) is retried by the next evaluation instead of cached.
    pool.catch(() => {
      if (globalForPool.roundtripEvaluator?.pool === pool) globalForPool.roundtripEvaluator = undefined;
    });
    const started: PoolState = { pool, warmed: Promise.resolve([]), running: 0, waiting: [], inFlight: new Map() };
    started.warmed = pool.then((threads) => warmUp(started, threads), () => []);
    globalForPool.roundtripEvaluator = started;
  }
  return globalForPool.roundtripEvaluator;
}

/**
 * Bundles worker-entry.ts and the evaluator into one ES module in the temp directory, named by its content hash
 * (written under a unique name, then renamed into place, so concurrent servers never see half a file). The
 * sources are found from the project root at run time: `next build` compiles server code into .next/, but a
 * worker thread needs a file of its own, and loading TypeScript through a loader took seconds per thread.
 */
async function bundleWorker(): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [path.join(process.cwd(), "lib/server/evaluation/worker-entry.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "error",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error("esbuild produced no evaluator worker");
  const file = path.join(tmpdir(), `roundtrip-evaluator-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return file;
}

async function createPool(): Promise<Piscina<unknown, unknown>> {
  const pool = new Piscina<unknown, unknown>({
    filename: await bundleWorker(),
    // Every thread stays loaded (and one stopped by the time budget is replaced at once), so loading a thread
    // is never charged to an evaluation's budget.
    minThreads: EVALUATION_LIMITS.threads,
    maxThreads: EVALUATION_LIMITS.threads,
    // Lower the workers' scheduling priority, so a burst of evaluations cannot starve the request thread.
    niceIncrement: EVALUATION_LIMITS.nice,
    // The bundle is self-contained: a thread that inherited the parent's loaders (`npm run worker` runs under tsx)
    // set tsx up again before loading it, 1.15 s of CPU a thread start instead of 0.2 s, and at nice 10 on a busy
    // machine that stretched to minutes (tests/cluster/jobs.test.ts).
    execArgv: [],
  });
  // Loads a thread before the first real evaluation starts its clock. Bounded (a minute at least): a thread that
  // never comes up must fail this evaluation (and let the next one build a new pool), not hold it for ever.
  try {
    await pool.run({ input: null }, { signal: AbortSignal.timeout(Math.max(EVALUATION_LIMITS.timeoutMs, 60_000)) });
  } catch (error) {
    await pool.destroy().catch(() => {});
    console.error(`evaluator threads did not start: ${(error as Error).message}`);
    throw new EvaluationRefused(503, "The evaluator could not start. Try again in a few seconds.", undefined, 5);
  }
  return pool;
}

// A fresh thread's first evaluations pay for V8 compiling the evaluator (a 50-node design's first one took 50-75 ms
// of CPU, its first 25 ~35 ms each, ~5 ms once warm; a small example's first ~30 ms instead of ~3). The pool pays
// that when it starts instead of the first users: worker-entry's `warm` task evaluates one example per step (all of
// them, ten rounds, ~2 s of CPU a thread). Each step takes a thread through acquireThread like any evaluation, so a
// user's evaluation waits for at most one example, never for the whole warm-up, however slowly a busy machine runs
// it. One loop per thread: while each loop holds a thread, piscina can only give the next step to an idle one.
async function warmUp(started: PoolState, pool: Piscina<unknown, unknown>): Promise<number[]> {
  const loop = async () => {
    for (let step = 0; ; step++) {
      if (globalForPool.roundtripEvaluator !== started) return step; // stopped (stopEvaluator) or failed
      try {
        await acquireThread(started);
      } catch {
        return step; // the threads are busy with a burst of real evaluations, which warm them as well
      }
      try {
        const { remaining } = (await pool.run({ step }, { name: "warm", signal: AbortSignal.timeout(EVALUATION_LIMITS.timeoutMs) })) as {
          remaining: number;
        };
        if (remaining === 0) return step + 1;
      } catch (error) {
        console.error(`evaluator warm-up stopped: ${(error as Error).message}`);
        return step;
      } finally {
        releaseThread(started);
      }
    }
  };
  return Promise.all(Array.from({ length: EVALUATION_LIMITS.threads }, loop));
}

/**
 * Starts the pool (bundle, threads, warm-up) before any design arrives: the server calls it at start-up
 * (instrumentation.ts), so the first user's evaluation finds warm threads. Resolves when the warm-up is over, to
 * the steps each thread's loop ran; rejects if the threads could not start (the next evaluation tries again).
 */
export async function startEvaluator(): Promise<number[]> {
  const started = state();
  await started.pool;
  return started.warmed;
}

/** Stops the pool's threads (tests and benchmarks, so their process can exit); the next evaluation starts a new one. */
export async function stopEvaluator(): Promise<void> {
  const started = globalForPool.roundtripEvaluator;
  globalForPool.roundtripEvaluator = undefined;
  await (await started?.pool.catch(() => undefined))?.destroy();
}

// Threads are handed out here rather than by piscina's queue, so the time budget starts when the work starts.
// Each caller passes the pool state it started with, so one that finishes after stopEvaluator never touches (or
// starts) the next pool.
async function acquireThread(started: PoolState): Promise<void> {
  const { waiting } = started;
  if (started.running < EVALUATION_LIMITS.threads) {
    started.running++;
    return;
  }
  if (waiting.length >= EVALUATION_LIMITS.queueLength) {
    throw new EvaluationRefused(503, "The evaluator is busy. Try again in a few seconds.", undefined, 5);
  }
  await new Promise<void>((resolve, reject) => {
    const grant = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      waiting.splice(waiting.indexOf(grant), 1);
      reject(new EvaluationRefused(503, "The evaluator is busy. Try again in a few seconds.", undefined, 5));
    }, EVALUATION_LIMITS.queueWaitMs);
    waiting.push(grant);
  });
}

function releaseThread(started: PoolState): void {
  const next = started.waiting.shift();
  if (next) next();
  else started.running--;
}

/** Refuses documents over the size limits before any work is done: 413 naming the field. */
export function checkDesignSize(input: unknown): void {
  const problem = designSizeProblem(input, EVALUATION_LIMITS);
  if (problem) throw new EvaluationRefused(413, problem.message, problem.field);
}

/** Runs one named task of worker-entry.ts under the per-owner cap, the thread hand-out and the time budget. */
async function runInPool<T>(task: "default" | "evaluateText" | "compare", input: unknown, owner: string): Promise<T> {
  const started = state();
  const { inFlight, pool } = started;
  const mine = inFlight.get(owner) ?? 0;
  if (mine >= EVALUATION_LIMITS.perUser) {
    throw new EvaluationRefused(429, `You already have ${mine} evaluations running; wait for one to finish.`, undefined, 2);
  }
  inFlight.set(owner, mine + 1);
  try {
    await acquireThread(started);
    try {
      return (await (await pool).run(input, { name: task, signal: AbortSignal.timeout(EVALUATION_LIMITS.timeoutMs) })) as T;
    } catch (error) {
      if ((error as Error).name === "AbortError" || (error as Error).name === "TimeoutError") {
        throw new EvaluationRefused(
          422,
          `The design took longer than ${EVALUATION_LIMITS.timeoutMs / 1000} s to evaluate and was stopped; make it smaller.`,
        );
      }
      throw error;
    } finally {
      releaseThread(started);
    }
  } finally {
    const left = (inFlight.get(owner) ?? 1) - 1;
    if (left === 0) inFlight.delete(owner);
    else inFlight.set(owner, left);
  }
}

/**
 * Scores a design (any JSON value) in the worker pool; the same outcome as evaluateDesign in lib/core/evaluator.
 * `owner` is who the per-user cap counts against (a user id, or "ip:<address>" when signed out).
 * Throws EvaluationRefused (413 too large, 422 over the time budget, 429 too many in flight, 503 busy).
 */
export async function evaluateInPool(input: unknown, options: { owner: string; seed?: number }): Promise<EvaluateOutcome> {
  checkDesignSize(input);
  return runInPool<EvaluateOutcome>("default", { input, seed: options.seed }, options.owner);
}

/**
 * Scores a raw JSON request body: parsing, the hostile-shape check, the size limits, validation, scoring and
 * serialising the result all happen on an evaluator thread, so a 1 MB design costs the request thread a string
 * copy each way. Without that, the parse, the walk and the structured clone of a 2,000-node design (tens of ms,
 * and garbage for the collector) ran on the request thread once per evaluation, and health checks waited on
 * them (bench:eval-burst). Resolves to the serialised EvaluationResult, or the validation errors; throws
 * AppError 400 (not JSON, hostile shape) and the EvaluationRefused statuses of evaluateInPool.
 */
export async function evaluateJsonInPool(
  text: string,
  options: { owner: string; seed?: number },
): Promise<{ ok: true; json: string } | Extract<EvaluateOutcome, { ok: false }>> {
  const limits = { maxNodes: EVALUATION_LIMITS.maxNodes, maxEdges: EVALUATION_LIMITS.maxEdges };
  const outcome = await runInPool<TextOutcome>("evaluateText", { text, seed: options.seed, limits }, options.owner);
  if ("refused" in outcome) {
    const { status, message, field } = outcome.refused;
    throw status === 413 ? new EvaluationRefused(413, message, field) : new AppError(status, message, field);
  }
  return outcome;
}

/** The reference comparison (both designs scored, and the structural diff) on an evaluator thread; null when
 * either design does not validate. Same refusals as evaluateInPool. */
export async function compareInPool(candidate: Design, reference: Design, options: { owner: string; seed: number }): Promise<Comparison | null> {
  checkDesignSize(candidate);
  return runInPool<Comparison | null>("compare", { candidate, reference, seed: options.seed }, options.owner);
}
