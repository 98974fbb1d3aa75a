import "server-only";
import { AppError } from "@/lib/server/kernel/errors";

// SQLSTATEs that mean "the database cannot take this now", not "the request was wrong": read-only
// (25006, e.g. default_transaction_read_only or a standby), disk full (53100), out of memory/connections (53200,
// 53300), shutting down or starting (57P01-57P03), and every connection exception (class 08).
const UNAVAILABLE_SQLSTATE = /^(25006|53100|53200|53300|57P0[123]|08\w{3})$/;
// Socket-level failures from node-postgres, and Prisma's own codes for an unreachable server or a closed pool.
const UNAVAILABLE_CODE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|P1001|P1002|P1017|P2024)$/;
// node-postgres also says "… is not queryable" for a pooled connection Postgres dropped (a restart), "timeout
// exceeded when trying to connect" when every pooled connection stayed busy past DB_CONNECT_TIMEOUT_MS, and
// "Query read timeout" past the client-side query bound: the database cannot take the request now, as above.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|read-only transaction|No space left on device|the database system is (shutting down|starting up)|is not queryable|timeout exceeded when trying to connect|Query read timeout/i;

/**
 * Whether an error means the database is down, read-only or full. Prisma wraps driver errors several layers
 * deep (cause, meta.driverAdapterError), so the whole chain is searched.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  const e = error as Record<string, unknown>;
  for (const key of ["code", "originalCode", "sqlState"]) {
    const v = e[key];
    if (typeof v === "string" && (UNAVAILABLE_SQLSTATE.test(v) || UNAVAILABLE_CODE.test(v))) return true;
  }
  for (const key of ["message", "originalMessage"]) {
    const v = e[key];
    if (typeof v === "string" && UNAVAILABLE_MESSAGE.test(v)) return true;
  }
  return ["cause", "meta", "driverAdapterError", "kind"].some((key) => isDatabaseUnavailable(e[key], depth + 1));
}

// Where a page's database failure is left for server.mjs (same process, same globalThis): a page's status is set
// inside Next's renderer, and a read-only probe cannot see a full disk (reads and the probe work; inserts that
// need a new page get 53100), so the error itself has to say it. server-unavailable.mjs reads the same key.
const FAILED_AT = Symbol.for("roundtrip.databaseUnavailableAt");

/** Records when a request last failed because the database could not take it (instrumentation.ts onRequestError). */
export function noteDatabaseFailure(error: unknown): void {
  if (isDatabaseUnavailable(error)) (globalThis as Record<symbol, unknown>)[FAILED_AT] = Date.now();
}

/** The 503 every boundary gives when the database cannot take a request; nothing was saved. */
export function databaseUnavailable(): AppError {
  return new AppError(503, "The database is unavailable or read-only right now, so nothing was saved. Please try again in a minute.", undefined, 30);
}
