// `npm run worker`: processes background jobs (pg-boss, on the app's Postgres) on any machine that can reach the
// database. On start it queues a re-score of every stored design last scored by an older model version (once per
// version, whichever worker or admin gets there first), and a rebuild of every review schedule when the scheduler
// settings differ from every earlier rebuild's, and a recompute of the item statistics that are behind the latest quiz
// attempt (then every ten minutes, on pg-boss's schedule). `-- --exit-when-idle` stops once every queue is empty (benchmarks,
// one-off runs); `-- --retry-failed` first puts every failed job back in its queue. Needs DATABASE_URL and NEXTAUTH_SECRET like the app; locally it falls back to the embedded
// database `npm start` runs and its secret.
import { parseArgs } from "node:util";
import { resolveAuthSecret } from "./lib/runtime.ts";

const log = (m: string) => console.log(`[worker ${process.pid}] ${m}`);
const { values } = parseArgs({ options: { "exit-when-idle": { type: "boolean", default: false }, "no-queue": { type: "boolean", default: false }, batch: { type: "string", default: "20" }, "retry-failed": { type: "boolean", default: false } } });

process.env.DATABASE_URL ??= `postgresql://postgres:roundtrip-embedded@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/roundtrip`;
process.env.NEXTAUTH_SECRET ??= resolveAuthSecret();

const { createBoss } = await import("../lib/server/jobs/boss.ts");
const { queueRescoreRun, workRescores, RESCORE_QUEUE, RESCORE_RUNS } = await import("../lib/server/jobs/rescore.ts");
const { queueFsrsRun, workFsrsRebuilds, FSRS_QUEUE, FSRS_RUNS } = await import("../lib/server/jobs/fsrs.ts");
const { queueStatsRun, workStatsRecomputes, STATS_QUEUE, STATS_RUNS } = await import("../lib/server/jobs/stats.ts");
const { failedJobIds, retryJobs, runProgress } = await import("../lib/server/jobs/runs.ts");
const { isDatabaseUnavailable } = await import("../lib/server/kernel/db-unavailable.ts");
// Behind PgBouncer the queue goes to Postgres directly (docs/deploy.md, PgBouncer).
const boss = createBoss(process.env.DIRECT_DATABASE_URL ?? process.env.DATABASE_URL);
boss.on("error", (error: Error) => log(`queue error: ${error.message}`));
try {
  await boss.start();
} catch (error) {
  console.error(`[worker] cannot reach the database (${(error as Error).message}): set DATABASE_URL, or run \`npm start\` first.`);
  process.exit(1);
}
let processed = 0;
let reported = 0;
const batchSize = Number(values.batch);
// Queueing the start-up runs and taking the queues, as one step: a failure here ends the worker with one line, and
// a job one of its queues had already taken is handed back (pg-boss fails work in progress on stop, so it is
// retried) instead of staying active until it expires.
try {
  if (!values["no-queue"]) {
    const run = await queueRescoreRun(boss, { onlyIfNew: true });
    log(run.existing ? `A re-score for this model version was queued already (run ${run.runId}).` : `Queued ${run.queued} design(s) for re-scoring.`);
    const rebuild = await queueFsrsRun(boss, { onlyIfChanged: true });
    log(rebuild.existing ? "Review schedules were rebuilt (or are queued) under the current settings." : `Queued the review schedules of ${rebuild.queued} user(s) for rebuilding.`);
    const stats = await queueStatsRun(boss, { onlyStale: true });
    log(stats.existing ? "A statistics recompute is already queued." : `Queued ${stats.queued} statistics scope(s) whose figures are behind.`);
  }
  if (values["retry-failed"]) {
    // What the admin page's "Retry all failed" does, for every run of both queues: for operators without a browser.
    for (const spec of [RESCORE_RUNS, FSRS_RUNS, STATS_RUNS]) {
      for (const run of await runProgress(spec, 100)) {
        const ids = await failedJobIds(spec.queue, run.runId);
        await retryJobs(boss, spec.queue, ids);
        if (ids.length) log(`Put ${ids.length} failed ${spec.queue} job(s) of run ${run.runId.slice(0, 8)} back in the queue.`);
      }
    }
  }
  await workRescores(boss, { batchSize, onDone: (n) => (processed += n), log });
  await workFsrsRebuilds(boss, { batchSize, onDone: (n) => (processed += n), log });
  await workStatsRecomputes(boss, { onDone: (n) => (processed += n), log });
} catch (error) {
  console.error(`[worker] could not start working: ${(error as Error).message.split("\n").filter(Boolean).at(-1)}`);
  await boss.stop({ graceful: true, wait: true, timeout: 15_000 }).catch(() => {});
  process.exit(1);
}
log(`Working on ${RESCORE_QUEUE}, ${FSRS_QUEUE} (batches of ${values.batch}) and ${STATS_QUEUE}.`);

const stop = async () => {
  await boss.stop({ graceful: true, wait: true, timeout: 15_000 }).catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

// pg-boss 10 settles some jobs and runs some checks without awaiting them (jobs/runs.ts settles ours itself), so
// a database that drops its connections (a restart, a failover, a PgBouncer reload) can surface here. The queue
// retries anything left unfinished, so the worker logs it and carries on; any other unhandled error still ends the
// process, for its supervisor to restart.
process.on("unhandledRejection", (reason) => {
  if (!isDatabaseUnavailable(reason)) throw reason;
  log(`the database dropped a connection (${(reason as Error).message}); carrying on`);
});

const timer = setInterval(() => {
  void (async () => {
    for (const spec of [RESCORE_RUNS, FSRS_RUNS, STATS_RUNS]) {
      const [latest] = await runProgress(spec, 1).catch(() => []);
      if (latest && latest.done + latest.failed < latest.total) {
        log(`${spec.queue} run ${latest.runId.slice(0, 8)}: ${latest.done + latest.failed}/${latest.total} (failed ${latest.failed})${latest.failures[0] ? `; last failure: ${latest.failures[0].message}` : ""}`);
      }
    }
    if (processed !== reported) log(`this worker has finished ${(reported = processed)} job(s)`);
    if (values["exit-when-idle"]) {
      let left = 0;
      for (const queue of [RESCORE_QUEUE, FSRS_QUEUE, STATS_QUEUE]) left += await boss.getQueueSize(queue, { before: "completed" });
      if (left === 0) {
        clearInterval(timer);
        await stop();
      }
    }
  })().catch((error: Error) => log(`could not read the queues (${error.message}); trying again in a second`));
}, 1000);
