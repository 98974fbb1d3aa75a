// PgBouncer in transaction mode between the instances and Postgres (deploy/pgbouncer.ini.template), with a pool of
// 4 server connections for 2 instances × 20 client connections: every request shares server sessions with others.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dealSubmissions, questionPool } from "../../scripts/lib/faults.ts";
import { readMigrations } from "../../scripts/lib/migrate.ts";
import { callServerAction, serverActionId, signIn } from "../../scripts/lib/http-session.ts";
import { DIST, queryRows, startHarness, type Harness } from "./harness.ts";

const POOL_SIZE = 4;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ pgbouncer: true });
});
afterAll(async () => {
  await h?.drop();
});

/** Transactions PgBouncer has passed to this database so far. */
async function bouncedTransactions(): Promise<number> {
  const dbname = new URL(h.url).pathname.slice(1);
  const row = (await h.pgbouncer!.admin("SHOW STATS")).find((r) => r.database === dbname);
  return Number(row?.total_xact_count ?? 0);
}

describe("two instances through PgBouncer in transaction mode", () => {
  it("migrated once, directly (the advisory lock needs a session), while the app talks through PgBouncer", async () => {
    const rows = await queryRows<{ migration_name: string; n: string }>(
      h.url,
      `SELECT migration_name, count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL GROUP BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name).sort()).toEqual(readMigrations().map((m) => m.name));
    expect(rows.every((r) => r.n === "1")).toBe(true);
  });

  it("signs in, runs a server action and stores concurrent quiz submissions once each, all through PgBouncer", async () => {
    const before = await bouncedTransactions();
    const cookie = await signIn(h.cluster.nginxUrl, "candidate@roundtrip.dev", "roundtrip-demo");
    const session = (await (await fetch(`${h.cluster.nginxUrl}/api/auth/session`, { headers: { cookie } })).json()) as { user?: { email?: string } };
    expect(session.user?.email).toBe("candidate@roundtrip.dev");

    const [a, b] = h.cluster.instances;
    const id = serverActionId(DIST, "lib/actions/mark-section-done.ts", "markSectionDone");
    for (const [base, section] of [[a!.url, "why-networking"], [b!.url, "seven-stages"]] as const) {
      const res = await callServerAction(base, "/learn/big-picture", id, [{ chapter: "big-picture", section }], cookie);
      expect(res.status).toBe(200);
    }

    const keys = Array.from({ length: 16 }, () => randomUUID());
    const submissions = await dealSubmissions(h.url, "candidate@roundtrip.dev", await questionPool(h.url), keys.length);
    const post = (i: number) =>
      fetch(`${h.cluster.nginxUrl}/api/quiz/attempts`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: submissions(i, keys[i]!) });
    // 16 at once, more than the 4 server connections, then each replayed: transactions interleave on shared sessions.
    const first = await Promise.all(keys.map((_, i) => post(i)));
    expect(first.map((r) => r.status)).toEqual(keys.map(() => 201));
    const replays = await Promise.all(keys.map((_, i) => post(i)));
    expect(replays.map((r) => r.status)).toEqual(keys.map(() => 200));

    const [stored] = await queryRows<{ n: string }>(h.url, "SELECT count(*) AS n FROM quiz_attempts WHERE idempotency_key = ANY($1)", [keys]);
    expect(stored!.n).toBe(String(keys.length));
    const progress = await queryRows<{ section: string }>(
      h.url,
      `SELECT p.section FROM section_progress p JOIN users u ON u.id = p.user_id WHERE u.email = $1 AND p.chapter = 'big-picture' ORDER BY p.section`,
      ["candidate@roundtrip.dev"],
    );
    expect(progress.map((r) => r.section)).toEqual(["seven-stages", "why-networking"]);

    // The work went through PgBouncer: it counted the transactions, and Postgres saw no more sessions on this
    // database than PgBouncer's pool (plus the one asking).
    expect((await bouncedTransactions()) - before).toBeGreaterThanOrEqual(2 * keys.length);
    const [sessions] = await queryRows<{ n: string }>(h.url, "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    expect(Number(sessions!.n)).toBeLessThanOrEqual(POOL_SIZE);
  });
});
