// What a submission's one statement writes to the WAL, record by record (pg_walinspect), for the rows whose
// insertion races are decided by a unique index: the attempt (its idempotency key) and a new review card.
// An INSERT … ON CONFLICT is a speculative insertion, which probes every unique index before inserting and then
// writes a second record (HEAP_CONFIRM) per row; a plain INSERT lets the index refuse the loser (23505), which the
// batch treats like its other stale reads: it runs again from a fresh read and replays or refuses.
import { describe, expect, it } from "vitest";
import { submitAttempt } from "@/lib/server/quiz/submit";
import { attemptBody, makeUser, storedCounts, fileClient } from "./helpers";

// pg_walinspect ships with Postgres (contrib) and needs a superuser, as tests have.
const held = fileClient((c) => c.query("CREATE EXTENSION IF NOT EXISTS pg_walinspect"));

const lsn = async () => (await held.client.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0]!.lsn;

/** The WAL records written between two positions for this database's `table`, as "Rmgr/TYPE" (the server is shared). */
async function recordsFor(table: string, from: string, to: string): Promise<string[]> {
  const { rows } = await held.client.query<{ rt: string }>(
    `SELECT b.resource_manager || '/' || b.record_type AS rt
     FROM pg_get_wal_block_info($1::pg_lsn, $2::pg_lsn) AS b
     WHERE b.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND b.relfilenode = pg_relation_filenode($3::regclass)
     ORDER BY b.start_lsn`,
    [from, to, table],
  );
  return rows.map((r) => r.rt);
}

describe("a submission's write", () => {
  it("inserts the attempt and new review cards without speculative insertion (no HEAP_CONFIRM records)", async () => {
    const userId = await makeUser();
    const body = await attemptBody(userId, "dns", 3);
    const from = await lsn();
    expect((await submitAttempt(userId, body)).status).toBe(201);
    const to = await lsn();
    // The rows are there (so the records below are this submission's), each written by one plain heap insert.
    expect(await storedCounts(userId)).toMatchObject({ attempts: 1, cards: 3 });
    const attempts = await recordsFor("quiz_attempts", from, to);
    const cards = await recordsFor("review_cards", from, to);
    expect(attempts.filter((r) => r.startsWith("Heap/INSERT"))).toHaveLength(1);
    expect(cards.filter((r) => r.startsWith("Heap/INSERT"))).toHaveLength(3);
    expect([...attempts, ...cards].filter((r) => r === "Heap/HEAP_CONFIRM")).toEqual([]);
  });
});
