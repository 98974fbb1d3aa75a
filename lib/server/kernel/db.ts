import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env, tunable, type ServerEnv } from "@/lib/server/kernel/env";

/**
 * Timeouts for the Postgres pool (ms; each can be changed by the env var in its comment) (ms; each can be changed by the env var in its comment).
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

/**
 * The process's one Postgres pool and the Prisma client on it. Most services use `db`; the quiz's submit path
 * runs its hand-written statements on the same pool through `query` (skipping the ORM's query pipeline roughly
 * halves their CPU cost), so the timeouts above, the connection limit and a restart's recovery are the same for
 * both. Parked on globalThis: Next may load this module once per bundle, and its dev server reloads modules.
 */
type Database = { db: PrismaClient; pool: pg.Pool };
const globalForDb = globalThis as unknown as { roundtripDatabase?: Database };

function createDatabase(): Database {
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 20, ...poolTimeouts() });
  return { pool, db: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

const database = (globalForDb.roundtripDatabase ??= createDatabase());
export const db: PrismaClient = database.db;
export const pool: pg.Pool = database.pool;

/** A fixed piece of SQL written by us (never user input) that `sql` splices in as text rather than as a parameter. */
export class SqlFragment {
  constructor(readonly text: string) {}
}

/** A piece of parameterised SQL made by `sqlPart`, spliced into a `sql` statement with its parameters renumbered. */
export class SqlPart {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/** Like `sql`, but a part of a statement, for a `sql` template to take in (one statement built from pieces). */
export function sqlPart(strings: TemplateStringsArray, ...values: unknown[]): SqlPart {
  return new SqlPart(strings, values);
}

/** A tagged template that turns interpolations into $1, $2… parameters (never string-spliced into the SQL). */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): { text: string; values: unknown[] } {
  const params: unknown[] = [];
  const render = (parts: readonly string[], args: readonly unknown[]): string => {
    let text = parts[0] ?? "";
    args.forEach((value, i) => {
      if (value instanceof SqlFragment) text += value.text;
      else if (value instanceof SqlPart) text += render(value.strings, value.values);
      else {
        params.push(value);
        text += `$${params.length}`;
      }
      text += parts[i + 1] ?? "";
    });
    return text;
  };
  return { text: render(strings, values), values: params };
}

/** Named statements on (see DATABASE_NAMED_STATEMENTS in env.ts): explicitly, or by default when no pooler is in front. */
export function namedStatements(source: Pick<ServerEnv, "DATABASE_NAMED_STATEMENTS" | "DIRECT_DATABASE_URL"> = env()): boolean {
  return (source.DATABASE_NAMED_STATEMENTS ?? (source.DIRECT_DATABASE_URL === undefined ? "on" : "off")) === "on";
}

/** Statement names by text: a name stands for one text on every connection, so node-postgres never sees two. */
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `rt_${createHash("sha1").update(text).digest("hex")}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Runs one statement made by `sql` on the pool; its rows. `named` is for a hot statement whose text is one of a
 * few fixed shapes (every value a parameter): it is prepared once per connection and reused, when named
 * statements are on. A text built per call (a list spelled out) must not be named: each would stay prepared on
 * every connection.
 */
export async function query<R extends pg.QueryResultRow>(q: { text: string; values: unknown[] }, options: { named?: boolean } = {}): Promise<R[]> {
  if (options.named && namedStatements()) return (await pool.query<R>({ ...q, name: statementName(q.text) })).rows;
  return (await pool.query<R>(q)).rows;
}
