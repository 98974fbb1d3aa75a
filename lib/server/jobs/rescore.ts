import "server-only";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { db } from "@/lib/server/kernel/db";
import { MODEL_VERSION } from "@/lib/core/evaluator/defaults";
import { evaluateAndStore } from "@/lib/server/designs/service";
import { ensureQueue } from "./boss";
import { lockRunQueueing, workBatches, type RunQueue, type WorkOptions } from "./runs";

/** One job per design, so a design that fails is retried and reported on its own. */
export const RESCORE_QUEUE = "rescore-design";

export const rescoreJobSchema = z.object({ runId: z.uuid(), designId: z.string().min(1), userId: z.string().min(1), modelVersion: z.string().min(1) });
export type RescoreJob = z.infer<typeof rescoreJobSchema>;

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
 * `onlyIfNew` (a worker on start) also counts a finished run for this version: its failed designs are still on
 * the older model, and re-queueing them on every worker start would retry what an admin has to mend and retry.
 */
export async function queueRescoreRun(boss: PgBoss, options: { onlyIfNew: boolean }): Promise<{ runId: string; queued: number; existing: boolean }> {
  await ensureQueue(boss, RESCORE_QUEUE);
  // maxWait: Prisma gives up starting a transaction after 2 s by default, which a busy database (or machine) can
  // exceed while every worker starts at once; the worker then died on start (seen at load 25, tests/cluster/jobs.test.ts).
  return db.$transaction(async (tx) => {
    await lockRunQueueing(tx, 72707102);
    const existing = options.onlyIfNew
      ? await tx.$queryRaw<{ run_id: string }[]>`
          SELECT data->>'runId' AS run_id FROM (SELECT data FROM pgboss.job WHERE name = ${RESCORE_QUEUE}
            UNION ALL SELECT data FROM pgboss.archive WHERE name = ${RESCORE_QUEUE}) j
          WHERE data->>'modelVersion' = ${MODEL_VERSION} LIMIT 1`
      : await tx.$queryRaw<{ run_id: string }[]>`
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
export async function workRescores(boss: PgBoss, options: WorkOptions = {}): Promise<string> {
  await ensureQueue(boss, RESCORE_QUEUE);
  return workBatches(
    boss,
    RESCORE_QUEUE,
    rescoreJobSchema,
    async (job) => ((await rescoreDesign(job)) === "invalid" ? "The stored design no longer passes validation, so it cannot be scored." : null),
    options,
  );
}

/** Re-score runs for the admin page: the target is the model version, a failure names its design. */
export const RESCORE_RUNS: RunQueue = {
  kind: "rescore",
  queue: RESCORE_QUEUE,
  targetField: "modelVersion",
  subjects: async (data) => {
    const ids = data.map((d) => rescoreJobSchema.safeParse(d).data?.designId ?? "");
    const found = await db.design.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    const names = new Map(found.map((d) => [d.id, d.name]));
    return ids.map((id) => names.get(id) ?? "A deleted design");
  },
};
