import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/kernel/db";
import { isDatabaseUnavailable } from "@/lib/server/kernel/db-unavailable";
import type { JobKind, RunProgress } from "@/lib/schemas/jobs";

/**
 * A run is every job of one queue that shares a `runId` in its data (one job per design, per user…), so one
 * failing item is retried and reported on its own. The admin page and the worker log read runs through here.
 */
export type RunQueue = {
  kind: JobKind;
  queue: string;
  /** The job data field that names what the run works towards (a model version, a settings fingerprint). */
  targetField: string;
  /** Names for the failed jobs' subjects (a design's name, a user's email), from their job data. */
  subjects: (data: unknown[]) => Promise<string[]>;
};

const progressRow = z.object({ run_id: z.string(), target: z.string().nullable(), state: z.string(), n: z.coerce.number() });
const failureRow = z.object({ id: z.string(), data: z.unknown(), message: z.string().nullable(), retry_count: z.coerce.number() });

/**
 * Takes the advisory lock that serialises queueing a run of one kind (`key`), inside the caller's transaction,
 * waiting up to a minute for it. The lock is tried rather than waited on: a plain wait is ended by the pool's
 * lock_timeout (DB_LOCK_TIMEOUT_MS, 5 s, meant for rows a request waits on) or its statement and read timeouts,
 * while here a worker waits for another that is queueing thousands of jobs on a busy database. Giving up after
 * 5 s killed the worker on start.
 */
export async function lockRunQueueing(tx: Prisma.TransactionClient, key: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${key}::bigint) AS ok`;
    if (row?.ok) return;
    if (Date.now() > deadline) throw new Error("Another worker or admin has been queueing this kind of run for over a minute; try again later.");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function queueTablesExist(): Promise<boolean> {
  const exists = await db.$queryRaw<{ ok: boolean }[]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS ok`;
  return exists[0]?.ok === true;
}

/** The latest runs' counts by state (pg-boss moves finished jobs to pgboss.archive after a while, so both are read). */
export async function runProgress(spec: RunQueue, limit = 5): Promise<RunProgress[]> {
  if (!(await queueTablesExist())) return [];
  const rows = z.array(progressRow).parse(
    await db.$queryRaw`
      WITH jobs AS (
        SELECT data, state, created_on FROM pgboss.job WHERE name = ${spec.queue}
        UNION ALL SELECT data, state, created_on FROM pgboss.archive WHERE name = ${spec.queue}
      ), runs AS (
        SELECT data->>'runId' AS run_id, min(created_on) AS started FROM jobs GROUP BY 1 ORDER BY started DESC LIMIT ${limit}
      )
      SELECT j.data->>'runId' AS run_id, j.data->>${spec.targetField} AS target, j.state::text AS state, count(*) AS n
      FROM jobs j JOIN runs r ON r.run_id = j.data->>'runId' GROUP BY 1, 2, 3, r.started ORDER BY r.started DESC`,
  );
  const runs = new Map<string, RunProgress>();
  for (const r of rows) {
    const run = runs.get(r.run_id) ?? { kind: spec.kind, runId: r.run_id, target: r.target ?? "", total: 0, done: 0, waiting: 0, active: 0, retrying: 0, failed: 0, failures: [] };
    run.total += r.n;
    if (r.state === "completed") run.done += r.n;
    else if (r.state === "created") run.waiting += r.n;
    else if (r.state === "active") run.active += r.n;
    else if (r.state === "retry") run.retrying += r.n;
    else if (r.state === "failed" || r.state === "cancelled") run.failed += r.n;
    runs.set(r.run_id, run);
  }
  for (const run of runs.values()) {
    if (run.failed === 0) continue;
    const failures = z.array(failureRow).parse(
      await db.$queryRaw`
        SELECT id::text AS id, data, output->>'message' AS message, retry_count
        FROM pgboss.job WHERE name = ${spec.queue} AND data->>'runId' = ${run.runId} AND state = 'failed'
        ORDER BY completed_on DESC LIMIT 50`,
    );
    const names = await spec.subjects(failures.map((f) => f.data));
    run.failures = failures.map((f, i) => ({ jobId: f.id, subject: names[i] ?? "An item that no longer exists", message: f.message ?? "No reason was recorded.", tries: f.retry_count + 1 }));
  }
  return [...runs.values()];
}

/** Every failed job of a run, for "retry all". */
export async function failedJobIds(queue: string, runId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM pgboss.job WHERE name = ${queue} AND data->>'runId' = ${runId} AND state = 'failed'`;
  return rows.map((r) => r.id);
}

/** Puts failed jobs back in their queue (pg-boss's own retry); a worker picks them up. */
export async function retryJobs(boss: PgBoss, queue: string, jobIds: string[]): Promise<void> {
  if (jobIds.length) await boss.retry(queue, jobIds);
}

/**
 * Retries a queue write while the database is briefly unavailable (a restart, a dropped connection): 1, 2, 4 and
 * 8 s apart, then gives up with the last error.
 */
async function withDatabaseRetry<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 4 || !isDatabaseUnavailable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
    }
  }
}

/**
 * Runs `handle` on each job of a batch; a job whose data does not parse or whose handler throws or returns a
 * reason is failed one by one with that message (pg-boss retries it up to the queue's retry limit, then keeps it
 * as failed for the admin page). The rest are completed here, before this returns.
 *
 * The batch is settled here rather than left to pg-boss: pg-boss 10 completes a batch without awaiting the write
 * (and the last release for Node 20 is 10.x), so a connection dropped at that moment was an unhandled rejection
 * that killed the worker and left the job active until it expired. Here the writes are awaited and retried; the
 * completion pg-boss still issues afterwards finds nothing active and changes nothing.
 */
/** How a worker takes a queue: jobs fetched a round trip, a count of finished jobs, and where it logs. */
export type WorkOptions = {
  batchSize?: number;
  onDone?: (n: number) => void;
  /** Each failed item with its reason, and every 30 s an item is still running: a stuck job names itself. */
  log?: (message: string) => void;
};

export async function workBatches<T>(
  boss: PgBoss,
  queue: string,
  schema: z.ZodType<T>,
  handle: (job: T) => Promise<string | null>,
  options: WorkOptions = {},
): Promise<string> {
  return boss.work<unknown>(queue, { batchSize: options.batchSize ?? 20, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    const failed: { id: string; message: string }[] = [];
    for (const job of jobs) {
      const parsed = schema.safeParse(job.data);
      if (!parsed.success) {
        failed.push({ id: job.id, message: "The job's data does not match its queue." });
        continue;
      }
      const started = Date.now();
      const { log } = options;
      const watchdog = log && setInterval(() => log(`${queue} job ${job.id.slice(0, 8)} still running after ${Math.round((Date.now() - started) / 1000)} s`), 30_000);
      try {
        const reason = await handle(parsed.data);
        if (reason) failed.push({ id: job.id, message: reason });
      } catch (error) {
        failed.push({ id: job.id, message: (error as Error).message.slice(0, 300) });
      } finally {
        clearInterval(watchdog);
      }
    }
    for (const f of failed) options.log?.(`${queue} job ${f.id.slice(0, 8)} failed: ${f.message}`);
    for (const f of failed) await withDatabaseRetry(() => boss.fail(queue, f.id, { message: f.message }));
    const done = jobs.filter((job) => !failed.some((f) => f.id === job.id)).map((job) => job.id);
    if (done.length) await withDatabaseRetry(() => boss.complete(queue, done));
    options.onDone?.(jobs.length);
  });
}
