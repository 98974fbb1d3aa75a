import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env, tunable } from "@/lib/server/kernel/env";

/**
 * Timeouts for every Postgres pool the app opens (ms; each can be changed by the env var in its comment).
 * Without them a database that stops answering held every request forever (issue #14). The server-side
 * limits (statement, lock, idle transaction) end work Postgres is doing; the client-side ones (connect, query)
 * end the wait when Postgres says nothing at all.
 */
export function poolTimeouts() {
  const statement = tunable("DB_STATEMENT_TIMEOUT_MS", 10_000);
  return {
    /** DB_CONNECT_TIMEOUT_MS: opening a connection, or waiting for a free one in the pool. */
    connectionTimeoutMillis: tunable("DB_CONNECT_TIMEOUT_MS", 5_000),
    /** DB_STATEMENT_TIMEOUT_MS: one statement, enforced by Postgres. */
    statement_timeout: statement,
    /** DB_LOCK_TIMEOUT_MS: waiting for a row or table lock, enforced by Postgres. */
    lock_timeout: tunable("DB_LOCK_TIMEOUT_MS", 5_000),
    /** DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: a transaction left open; above the longest evaluation a hand-in waits for. */
    idle_in_transaction_session_timeout: tunable("DB_IDLE_IN_TRANSACTION_TIMEOUT_MS", 60_000),
    /** Client side, a little above the statement timeout: the answer from a server that went silent. */
    query_timeout: statement + 2_000,
    keepAlive: true,
  };
}

// One client per process: Next's dev server reloads modules, so the instance is parked on globalThis.
const globalForDb = globalThis as unknown as { roundtripDb?: PrismaClient };

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 20, ...poolTimeouts() }) });
}

export const db: PrismaClient = globalForDb.roundtripDb ?? createClient();
if (env().NODE_ENV !== "production") globalForDb.roundtripDb = db;
