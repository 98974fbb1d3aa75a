import "server-only";
import type { RunProgress } from "@/lib/schemas/jobs";
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/server/kernel/env";
import { MODEL_VERSION } from "@/lib/core/evaluator/defaults";
import { evaluateAndStore } from "@/lib/server/designs/service";

/** One job per design, so a design that fails is retried and reported on its own. */
export const RESCORE_QUEUE = "rescore-design";

export const rescoreJobSchema = z.object({ runId: z.uuid(), designId: z.string().min(1), userId: z.string().min(1), modelVersion: z.string().min(1) });
export type RescoreJob = z.infer<typeof rescoreJobSchema>;

/** pg-boss on the app's database, in its own `pgboss` schema (created on first start). */
export function createBoss(connectionString: string, role: "worker" | "web" = "worker"): PgBoss {
  // Workers maintain the queue (expiry, archiving) and create its schema; web instances only send and read.
  const webOnly = role === "web" ? { supervise: false, schedule: false } : {};
  return new PgBoss({ connectionString, schema: "pgboss", max: 4, ...webOnly });
}

export async function ensureQueue(boss: PgBoss): Promise<void> {
  // Three tries a design, a few seconds apart: enough for a restarted database, not for a design that cannot score.
  if (!(await boss.getQueue(RESCORE_QUEUE))) await boss.createQueue(RESCORE_QUEUE, { name: RESCORE_QUEUE, retryLimit: 2, retryDelay: 5 });
}

/** Designs whose latest evaluation was scored by another model version than the one running now. */
async function staleDesigns(): Promise<{ id: string; user_id: string }[]> {
  return db.$queryRaw<{ id: string; user_id: string }[]>`
    SELECT d.id, d.user_id FROM designs d
    JOIN LATERAL (SELECT e.model_version FROM evaluations e WHERE e.design_id = d.id ORDER BY e.created_at DESC LIMIT 1) last ON true
    WHERE last.model_version <> ${MODEL_VERSION}
    ORDER BY d.id`;
}

/**
 * Queues a re-score of every design last scored by an older model. Runs once per model version across all
 * workers and admins: an advisory lock serialises the check, and a run already queued for this version wins.
 */
export async function queueRescoreRun(boss: PgBoss): Promise<{ runId: string; queued: number; existing: boolean }> {
  await ensureQueue(boss);
  // maxWait: Prisma gives up starting a transaction after 2 s by default, which a busy database (or machine) can
  // exceed while every worker starts at once; the worker then died on start (seen at load 25, tests/cluster/jobs.test.ts).
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707102)`;
    const existing = await tx.$queryRaw<{ run_id: string }[]>`
      SELECT data->>'runId' AS run_id FROM pgboss.job WHERE name = ${RESCORE_QUEUE} AND data->>'modelVersion' = ${MODEL_VERSION}
        AND state < 'completed' LIMIT 1`;
    if (existing[0]) return { runId: existing[0].run_id, queued: 0, existing: true };
    const runId = randomUUID();
    const designs = await staleDesigns();
    for (let i = 0; i < designs.length; i += 1000) {
      await boss.insert(
        designs.slice(i, i + 1000).map((d) => ({
          name: RESCORE_QUEUE,
          data: { runId, designId: d.id, userId: d.user_id, modelVersion: MODEL_VERSION } satisfies RescoreJob,
        })),
      );
    }
    return { runId, queued: designs.length, existing: false };
  }, { maxWait: 30_000, timeout: 120_000 });
}

/**
 * Re-scores one design with the existing evaluation path (evaluateAndStore: the design's stored document, the
 * current model, a new evaluation row; older evaluations stay as history). A design already on this model
 * version is skipped, so a retried job never scores twice.
 */
export async function rescoreDesign(job: RescoreJob): Promise<"rescored" | "current" | "invalid"> {
  const last = await db.evaluation.findFirst({ where: { designId: job.designId }, orderBy: { createdAt: "desc" }, select: { modelVersion: true } });
  if (last?.modelVersion === MODEL_VERSION) return "current";
  const outcome = await evaluateAndStore(job.userId, job.designId);
  return outcome.ok ? "rescored" : "invalid";
}

/** Starts processing re-score jobs; `batchSize` jobs are fetched per round trip to the queue. */
export async function workRescores(boss: PgBoss, options: { batchSize?: number; onDone?: (n: number) => void } = {}): Promise<string> {
  await ensureQueue(boss);
  return boss.work<RescoreJob>(RESCORE_QUEUE, { batchSize: options.batchSize ?? 20, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    const failed: { id: string; message: string }[] = [];
    for (const job of jobs) {
      const parsed = rescoreJobSchema.safeParse(job.data);
      if (!parsed.success) {
        failed.push({ id: job.id, message: "The job's data is not a re-score request." });
        continue;
      }
      try {
        const outcome = await rescoreDesign(parsed.data);
        if (outcome === "invalid") failed.push({ id: job.id, message: "The stored design no longer passes validation, so it cannot be scored." });
      } catch (error) {
        failed.push({ id: job.id, message: (error as Error).message.slice(0, 300) });
      }
    }
    // Failed jobs are failed one by one (each keeps its message); the rest complete when this handler returns.
    for (const f of failed) await boss.fail(RESCORE_QUEUE, f.id, { message: f.message });
    options.onDone?.(jobs.length);
  });
}


const progressRow = z.object({ run_id: z.string(), model_version: z.string(), state: z.string(), n: z.coerce.number() });
const failureRow = z.object({ id: z.string(), design_id: z.string(), design_name: z.string(), message: z.string().nullable(), retry_count: z.coerce.number() });

/** The latest runs' counts by state (pg-boss keeps finished jobs in pgboss.archive after a while, so both are read). */
export async function rescoreProgress(limit = 5): Promise<RunProgress[]> {
  const exists = await db.$queryRaw<{ ok: boolean }[]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS ok`;
  if (!exists[0]?.ok) return [];
  const rows = z.array(progressRow).parse(
    await db.$queryRaw`
      WITH jobs AS (
        SELECT data, state, created_on FROM pgboss.job WHERE name = ${RESCORE_QUEUE}
        UNION ALL SELECT data, state, created_on FROM pgboss.archive WHERE name = ${RESCORE_QUEUE}
      ), runs AS (
        SELECT data->>'runId' AS run_id, min(created_on) AS started FROM jobs GROUP BY 1 ORDER BY started DESC LIMIT ${limit}
      )
      SELECT j.data->>'runId' AS run_id, j.data->>'modelVersion' AS model_version, j.state::text AS state, count(*) AS n
      FROM jobs j JOIN runs r ON r.run_id = j.data->>'runId' GROUP BY 1, 2, 3`,
  );
  const runs = new Map<string, RunProgress>();
  for (const r of rows) {
    const run = runs.get(r.run_id) ?? { runId: r.run_id, modelVersion: r.model_version, total: 0, done: 0, waiting: 0, active: 0, retrying: 0, failed: 0, failures: [] };
    run.total += r.n;
    if (r.state === "completed") run.done += r.n;
    else if (r.state === "created") run.waiting += r.n;
    else if (r.state === "active") run.active += r.n;
    else if (r.state === "retry") run.retrying += r.n;
    else if (r.state === "failed" || r.state === "cancelled") run.failed += r.n;
    runs.set(r.run_id, run);
  }
  for (const run of runs.values()) {
    const failures = z.array(failureRow).parse(
      await db.$queryRaw`
        SELECT j.id::text AS id, j.data->>'designId' AS design_id, coalesce(d.name, 'A deleted design') AS design_name,
               j.output->>'message' AS message, j.retry_count
        FROM pgboss.job j LEFT JOIN designs d ON d.id = j.data->>'designId'
        WHERE j.name = ${RESCORE_QUEUE} AND j.data->>'runId' = ${run.runId} AND j.state = 'failed' ORDER BY j.completed_on DESC LIMIT 50`,
    );
    run.failures = failures.map((f) => ({ jobId: f.id, designId: f.design_id, designName: f.design_name, message: f.message ?? "No reason was recorded.", tries: f.retry_count + 1 }));
  }
  return [...runs.values()];
}

const globalForBoss = globalThis as unknown as { roundtripBoss?: Promise<PgBoss> };

/**
 * The app's one pg-boss client (for admins queueing and retrying from the web); workers make their own. It goes
 * to Postgres directly when DIRECT_DATABASE_URL is set (behind PgBouncer), like the workers and the migrations.
 */
export function appBoss(): Promise<PgBoss> {
  globalForBoss.roundtripBoss ??= (async () => {
    const boss = createBoss(env().DIRECT_DATABASE_URL ?? env().DATABASE_URL, "web");
    boss.on("error", (error: Error) => console.error("pg-boss error", error.message));
    await boss.start();
    return boss;
  })();
  return globalForBoss.roundtripBoss;
}

/** Puts failed re-score jobs back in the queue (pg-boss's own retry); a worker picks them up. */
export async function retryRescoreJobs(boss: PgBoss, jobIds: string[]): Promise<void> {
  if (jobIds.length) await boss.retry(RESCORE_QUEUE, jobIds);
}

/** Every failed job of a run, for "retry all". */
export async function failedJobIds(runId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM pgboss.job WHERE name = ${RESCORE_QUEUE} AND data->>'runId' = ${runId} AND state = 'failed'`;
  return rows.map((r) => r.id);
}

export type { RunProgress };
