import "server-only";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { db } from "@/lib/server/kernel/db";
import { MIN_GROUP, recomputeItemStats, scopeOf, type StatsScope } from "@/lib/server/instructor/stats";
import { ensureQueue } from "./boss";
import { lockRunQueueing, workBatches, type RunQueue, type WorkOptions } from "./runs";

/**
 * Recomputing item statistics: one job per scope (everyone, and each cohort large enough to be shown), each
 * reading every answer in it and storing the figures the instructor's page shows (item_stats_snapshots).
 */
export const STATS_QUEUE = "recompute-item-stats";

/** pg-boss's cron queue: every ten minutes one worker (whichever takes it) queues a run if anything changed. */
export const STATS_REFRESH_QUEUE = "refresh-item-stats";
export const STATS_REFRESH_CRON = "*/10 * * * *";

const scopeSchema = z.custom<StatsScope>((v) => v === "all" || (typeof v === "string" && /^cohort:[^\s]{1,64}$/.test(v)), { message: "scope must be all or cohort:<id>" });
export const statsJobSchema = z.object({ runId: z.uuid(), scope: scopeSchema, requested: z.string().min(1) });
export type StatsJob = z.infer<typeof statsJobSchema>;

/** Every scope worth computing: everyone, and the cohorts with at least MIN_GROUP members (smaller ones show nothing). */
async function allScopes(): Promise<StatsScope[]> {
  const cohorts = await db.cohort.findMany({ where: { members: { some: {} } }, select: { id: true, _count: { select: { members: true } } }, orderBy: { id: "asc" } });
  return ["all", ...cohorts.filter((c) => c._count.members >= MIN_GROUP).map((c) => scopeOf(c.id))];
}

/** Scopes whose stored figures are missing or older than the latest attempt submitted in them. */
async function staleScopes(): Promise<StatsScope[]> {
  const [latest, snapshots] = await Promise.all([
    db.quizAttempt.findFirst({ orderBy: { submittedAt: "desc" }, select: { submittedAt: true } }),
    db.itemStatsSnapshot.findMany({ select: { scope: true, computedAt: true } }),
  ]);
  const computed = new Map(snapshots.map((s) => [s.scope, s.computedAt]));
  // One query for "anything new since the oldest snapshot" is enough: a run recomputes every scope that is behind.
  return (await allScopes()).filter((scope) => {
    const at = computed.get(scope);
    return !at || (latest !== null && latest.submittedAt > at);
  });
}

/**
 * Queues a recompute of `scopes` (default: every scope). A run still in progress wins, so pressing the button
 * twice, or the schedule firing during an admin's run, queues nothing twice. An advisory lock serialises the check.
 */
export async function queueStatsRun(boss: PgBoss, options: { scopes?: StatsScope[]; onlyStale?: boolean } = {}): Promise<{ runId: string; queued: number; existing: boolean }> {
  await ensureQueue(boss, STATS_QUEUE);
  return db.$transaction(
    async (tx) => {
      await lockRunQueueing(tx, 72707104);
      const existing = await tx.$queryRaw<{ run_id: string }[]>`
        SELECT data->>'runId' AS run_id FROM pgboss.job WHERE name = ${STATS_QUEUE} AND state < 'completed' LIMIT 1`;
      if (existing[0]) return { runId: existing[0].run_id, queued: 0, existing: true };
      const scopes = options.scopes ?? (options.onlyStale ? await staleScopes() : await allScopes());
      const runId = randomUUID();
      const requested = new Date().toISOString();
      if (scopes.length) await boss.insert(scopes.map((scope) => ({ name: STATS_QUEUE, data: { runId, scope, requested } satisfies StatsJob })));
      return { runId, queued: scopes.length, existing: false };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/** Starts processing statistics jobs, and the ten-minute schedule that queues a run when attempts came in. */
export async function workStatsRecomputes(boss: PgBoss, options: WorkOptions = {}): Promise<void> {
  await ensureQueue(boss, STATS_QUEUE);
  await ensureQueue(boss, STATS_REFRESH_QUEUE);
  // One scope a fetch: a scope reads every answer in it, so a batch would hold one worker for several of them.
  await workBatches(
    boss,
    STATS_QUEUE,
    statsJobSchema,
    async (job) => {
      await recomputeItemStats(job.scope);
      return null;
    },
    { batchSize: 1, onDone: options.onDone },
  );
  await boss.schedule(STATS_REFRESH_QUEUE, STATS_REFRESH_CRON);
  await boss.work(STATS_REFRESH_QUEUE, async () => {
    await queueStatsRun(boss, { onlyStale: true });
  });
}

/** Statistics runs for the admin page: the target is when the run was asked for; a failure names its scope. */
export const STATS_RUNS: RunQueue = {
  kind: "stats",
  queue: STATS_QUEUE,
  targetField: "requested",
  subjects: async (data) => {
    const scopes = data.map((d) => statsJobSchema.safeParse(d).data?.scope ?? "all");
    const ids = scopes.filter((s) => s !== "all").map((s) => s.slice("cohort:".length));
    const found = await db.cohort.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    const names = new Map(found.map((c) => [`cohort:${c.id}`, `Cohort “${c.name}”`]));
    return scopes.map((s) => (s === "all" ? "All candidates" : (names.get(s) ?? "A deleted cohort")));
  },
};
