import { databaseReachable } from "@/lib/server/health/database";

export const dynamic = "force-dynamic";

/** How long the database may take to answer SELECT 1 before health reports it down (ms). */
const DB_CHECK_MS = 1_500;

/**
 * Liveness and database reachability, for load balancers and uptime checks: 200, or 503 within 2 s when the
 * database is down or has stopped answering (the pool's own timeouts are longer, so the check has its own).
 */
export async function GET() {
  const headers = { "Cache-Control": "no-store" };
  return (await databaseReachable(DB_CHECK_MS))
    ? Response.json({ status: "ok", db: "ok" }, { headers })
    : Response.json({ status: "degraded", db: "unreachable" }, { status: 503, headers });
}
