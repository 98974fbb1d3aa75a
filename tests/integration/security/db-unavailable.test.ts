import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/server/kernel/db-unavailable";

// Real node-postgres errors, as a Postgres restart and a busy pool produce them: each must read as "the database
// cannot take this now" (503 with Retry-After), not as a bug (500). Both were 500s in the Postgres-restart drill.
const url = process.env.DATABASE_URL as string;
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end().catch(() => {})));
});

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

it("a pool whose every connection is busy past its connect timeout is unavailable", async () => {
  // The one connection is opened without the short limit: with it, that first connect itself timed out when the
  // full suite kept Postgres busy (idle run, session 10). The limit applies from the second connect on, the one
  // under test (pg-pool reads it on every connect).
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 30_000 });
  pools.push(pool);
  const held = await pool.connect();
  pool.options.connectionTimeoutMillis = 100;
  try {
    const error = await caught(() => pool.query("SELECT 1"));
    expect((error as Error).message).toMatch(/timeout exceeded when trying to connect/);
    expect(isDatabaseUnavailable(error)).toBe(true);
  } finally {
    held.release();
  }
});

it("a query on a connection Postgres has just terminated is unavailable", async () => {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pools.push(pool);
  pool.on("error", () => {});
  const client = await pool.connect();
  client.on("error", () => {});
  const ended = new Promise<void>((resolve) => client.once("end", () => resolve()));
  const [{ pid }] = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows as [{ pid: number }];
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query("SELECT pg_terminate_backend($1)", [pid]);
  await admin.end();
  const first = await caught(() => client.query("SELECT 1"));
  // The first query may fail on Postgres's own "terminating connection" message while the socket is still open;
  // a second sent then failed as "terminated unexpectedly" (full run, session 11). Once the socket has closed,
  // the client itself refuses: that is the message under test.
  await ended;
  const second = await caught(() => client.query("SELECT 1"));
  client.release(true);
  for (const error of [first, second]) expect(isDatabaseUnavailable(error), (error as Error).message).toBe(true);
  expect((second as Error).message).toMatch(/not queryable/);
});

it("a full disk (SQLSTATE 53100) through Prisma is unavailable, and records the failure for the page guard", async () => {
  // What Postgres sends when a table cannot grow: raised by a function so the real server, driver adapter and
  // Prisma wrap it as they would the real thing (server.mjs's page guard reads the recorded time).
  const { db } = await import("@/lib/server/kernel/db");
  const { noteDatabaseFailure } = await import("@/lib/server/kernel/db-unavailable");
  const { databaseFailedRecently } = await import("../../../server-unavailable.mjs");
  const error = await caught(() =>
    db.$executeRawUnsafe(
      `DO $$ BEGIN RAISE EXCEPTION 'could not extend file "base/1/2": No space left on device' USING ERRCODE = 'disk_full'; END $$`,
    ),
  );
  expect(isDatabaseUnavailable(error), (error as Error).message).toBe(true);
  const syntax = await caught(() => db.$executeRawUnsafe("SELEC 1"));
  expect(isDatabaseUnavailable(syntax)).toBe(false);
  noteDatabaseFailure(syntax);
  expect(databaseFailedRecently(60_000_000)).toBe(false);
  noteDatabaseFailure(error);
  expect(databaseFailedRecently()).toBe(true);
});
