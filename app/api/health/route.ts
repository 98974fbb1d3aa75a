import { databaseReachable } from "@/lib/server/health";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and uptime checks. */
export async function GET() {
  const headers = { "Cache-Control": "no-store" };
  return (await databaseReachable())
    ? Response.json({ status: "ok", db: "ok" }, { headers })
    : Response.json({ status: "degraded", db: "unreachable" }, { status: 503, headers });
}
