// `npm run worker`: processes background jobs (pg-boss, on the app's Postgres) on any machine that can reach the
// database. On start it queues a re-score of every stored design last scored by an older model version (once per
// version, whichever worker or admin gets there first). `-- --exit-when-idle` stops once the queue is empty
// (benchmarks, one-off runs). Needs DATABASE_URL and NEXTAUTH_SECRET like the app; locally it falls back to the
// embedded database `npm start` runs and its secret.
import { parseArgs } from "node:util";
import { resolveAuthSecret } from "./lib/runtime.ts";

const log = (m: string) => console.log(`[worker ${process.pid}] ${m}`);
const { values } = parseArgs({ options: { "exit-when-idle": { type: "boolean", default: false }, "no-queue": { type: "boolean", default: false }, batch: { type: "string", default: "20" } } });

process.env.DATABASE_URL ??= `postgresql://postgres:roundtrip-embedded@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/roundtrip`;
process.env.NEXTAUTH_SECRET ??= resolveAuthSecret();

const { createBoss, queueRescoreRun, rescoreProgress, workRescores, RESCORE_QUEUE } = await import("../lib/server/jobs/rescore.ts");
// Behind PgBouncer the queue goes to Postgres directly (docs/deploy.md, PgBouncer).
const boss = createBoss(process.env.DIRECT_DATABASE_URL ?? process.env.DATABASE_URL);
boss.on("error", (error: Error) => log(`queue error: ${error.message}`));
try {
  await boss.start();
} catch (error) {
  console.error(`[worker] cannot reach the database (${(error as Error).message}): set DATABASE_URL, or run \`npm start\` first.`);
  process.exit(1);
}
if (!values["no-queue"]) {
  const run = await queueRescoreRun(boss);
  log(run.existing ? `A re-score for this model version is already queued (run ${run.runId}).` : `Queued ${run.queued} design(s) for re-scoring.`);
}
let processed = 0;
await workRescores(boss, { batchSize: Number(values.batch), onDone: (n) => (processed += n) });
log(`Working on ${RESCORE_QUEUE} (batches of ${values.batch}).`);

const stop = async () => {
  await boss.stop({ graceful: true, wait: true, timeout: 15_000 }).catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

const timer = setInterval(() => {
  void (async () => {
    const [latest] = await rescoreProgress(1).catch(() => []);
    if (latest) log(`run ${latest.runId.slice(0, 8)}: ${latest.done + latest.failed}/${latest.total} (failed ${latest.failed}); this worker ${processed}${latest.failures[0] ? `; last failure: ${latest.failures[0].message}` : ""}`);
    if (values["exit-when-idle"]) {
      const left = await boss.getQueueSize(RESCORE_QUEUE, { before: "completed" });
      if (left === 0) {
        clearInterval(timer);
        await stop();
      }
    }
  })();
}, 1000);
