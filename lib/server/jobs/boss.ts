import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/server/kernel/env";

/** pg-boss on the app's database, in its own `pgboss` schema (created on first start). */
export function createBoss(connectionString: string, role: "worker" | "web" = "worker"): PgBoss {
  // Workers maintain the queue (expiry, archiving) and create its schema; web instances only send and read.
  const webOnly = role === "web" ? { supervise: false, schedule: false } : {};
  return new PgBoss({ connectionString, schema: "pgboss", max: 4, ...webOnly });
}

/**
 * Every queue's settings. Three tries an item, a few seconds apart: enough for a restarted database, not for an
 * item that cannot succeed. An item still active after 10 min is expired and retried: a batch of 20 designs,
 * users or statistics scopes is seconds of work, so only a worker that died holding it (kill -9, out of memory)
 * leaves it that long, and pg-boss's default of 15 min kept it, and every worker waiting for an empty queue, longer.
 */
const QUEUE_SETTINGS = { retryLimit: 2, retryDelay: 5, expireInSeconds: 600 } as const;

/**
 * Creates `name` if missing, and brings an existing queue's settings up to QUEUE_SETTINGS.
 *
 * pg-boss 10 creates a queue with no lock of its own (the queue's row, then a partition with a foreign key to the
 * queue table), so two creations at once deadlock on that table: two workers starting together on a new
 * database, or an admin's first run beside a worker's. Postgres ends one of them (40P01), which tries again and
 * finds the queue made. Before, the loser's worker died, in CI after it had already taken a job (stop 24).
 */
export async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const queue = await boss.getQueue(name);
      if (!queue) await boss.createQueue(name, { name, ...QUEUE_SETTINGS });
      else if (Object.entries(QUEUE_SETTINGS).some(([key, value]) => queue[key as keyof typeof QUEUE_SETTINGS] !== value)) {
        await boss.updateQueue(name, { name, ...QUEUE_SETTINGS });
      }
      return;
    } catch (error) {
      if (attempt >= 5 || (error as { code?: unknown }).code !== "40P01") throw error;
      // Apart at random, so the same pair does not meet again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * attempt));
    }
  }
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
