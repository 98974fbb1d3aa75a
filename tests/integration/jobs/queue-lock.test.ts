import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { createBoss } from "@/lib/server/jobs/boss";
import { queueFsrsRun } from "@/lib/server/jobs/fsrs";
import { queueRescoreRun } from "@/lib/server/jobs/rescore";
import { queueStatsRun } from "@/lib/server/jobs/stats";

// Queueing a run takes an advisory lock, so two workers starting together queue it once. The pool's lock_timeout
// (DB_LOCK_TIMEOUT_MS, 5 s) is meant for rows a request waits on; it also ended this wait, and a worker that
// started while another one held the lock for longer (queueing thousands of jobs, or a busy database) died on
// start with "canceling statement due to lock timeout".

const boss = createBoss(process.env.DATABASE_URL!);
afterAll(() => boss.stop({ graceful: false, wait: true }));

it("a run queued while another worker holds the queueing lock past the pool's lock timeout waits for it instead of failing", async () => {
  await boss.start();
  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await holder.connect();
  try {
    await holder.query("BEGIN");
    await holder.query("SELECT pg_advisory_xact_lock(k) FROM unnest(ARRAY[72707102, 72707103, 72707104]::bigint[]) AS k");
    const settled: string[] = [];
    const runs = [queueRescoreRun(boss, { onlyIfNew: true }), queueFsrsRun(boss, { onlyIfChanged: true }), queueStatsRun(boss, { onlyStale: true })].map((p, i) =>
      p.then(
        (value) => (settled.push(`run ${i} done`), value),
        (error: Error) => {
          settled.push(`run ${i} failed: ${error.message}`);
          throw error;
        },
      ),
    );
    runs.forEach((p) => p.catch(() => {}));
    // Held until all three have been waiting a second longer than the pool's 5 s lock timeout (or one gave up).
    for (;;) {
      // Read afresh each time: inside the holder's transaction Postgres keeps its first activity snapshot, and now() is
      // the transaction's start.
      await holder.query("SELECT pg_stat_clear_snapshot()");
      const { rows } = await holder.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE '%advisory_xact_lock%' AND clock_timestamp() - xact_start > interval '6 s'`,
      );
      if (Number(rows[0]!.n) === 3 || settled.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100)); // the poll's interval
    }
    expect(settled, "a queueing transaction gave up while the lock was held").toEqual([]);
    await holder.query("COMMIT");
    const results = await Promise.all(runs);
    expect(results.map((r) => typeof r.runId)).toEqual(["string", "string", "string"]);
    // Nothing works these runs here, and a statistics run still waiting makes the next one on this database report
    // "already queued": the other integration files share it (stats-job.test.ts failed after this file in a full run).
    await holder.query("DELETE FROM pgboss.job WHERE data->>'runId' = ANY($1::text[])", [results.map((r) => r.runId)]);
  } finally {
    await holder.end();
  }
});
