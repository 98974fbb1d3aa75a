// One cluster per test file: a fresh, empty database on the test server (the instances migrate it themselves),
// N instances from deploy/roundtrip.service, nginx from deploy/nginx.conf.template, the build in .next-cluster.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startCluster, type Cluster } from "../../scripts/lib/cluster.ts";
import { dropDatabase, ensureDatabase, withDatabase } from "../../scripts/lib/embedded-pg.ts";
import { DATA_DIR } from "../../scripts/lib/runtime.ts";
import { startPgBouncer, type PgBouncer } from "../../scripts/lib/pgbouncer.ts";
import { seed } from "../../scripts/lib/seed.ts";

export const DIST = process.env.CLUSTER_DIST_DIR || ".next-cluster";

export type Harness = { cluster: Cluster; url: string; serverUrl: string; pgbouncer: PgBouncer | null; drop: () => Promise<void> };

/** The server-side timeouts lib/server/kernel/db.ts sends at connect, which PgBouncer drops: set on the database instead (docs/deploy.md). */
const POOLED_TIMEOUTS = ["statement_timeout = '10s'", "lock_timeout = '5s'", "idle_in_transaction_session_timeout = '60s'"];

export async function startHarness(
  options: { instances?: number; env?: Record<string, string>; serverUrl?: string; pgbouncer?: boolean } = {},
): Promise<Harness> {
  if (!existsSync(path.join(DIST, "BUILD_ID"))) throw new Error(`no build in ${DIST}: run \`npm run test:cluster\` (it builds first)`);
  const external = options.serverUrl ?? process.env.TEST_DATABASE_SERVER_URL ?? process.env.DATABASE_URL;
  if (!external) throw new Error("set TEST_DATABASE_SERVER_URL (a Postgres server the test may create databases on)");
  const serverUrl = withDatabase(external, "postgres");
  const name = `roundtrip_cluster_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  // Behind PgBouncer the instances reach Postgres through it; migrations and pg-boss go direct (DIRECT_DATABASE_URL).
  let pgbouncer: PgBouncer | null = null;
  if (options.pgbouncer) {
    for (const setting of POOLED_TIMEOUTS) await queryRows(serverUrl, `ALTER DATABASE "${name}" SET ${setting}`);
    pgbouncer = await startPgBouncer(url);
  }
  let cluster: Cluster;
  try {
    cluster = await startCluster({
      instances: options.instances ?? 2,
      databaseUrl: pgbouncer?.url ?? url,
      distDir: DIST,
      secretsDir: path.join(DATA_DIR, "cluster"),
      env: { RATE_LIMIT_SIGN_IN_PER_IP: "10000", ...(pgbouncer ? { DIRECT_DATABASE_URL: url } : {}), ...options.env },
      output: process.env.CLUSTER_VERBOSE === "1" ? "inherit" : "ignore",
    });
  } catch (error) {
    await pgbouncer?.stop();
    throw error;
  }
  try {
    await seed(url);
  } catch (error) {
    // The test file's afterAll has no harness to drop: stop what started, or its instances outlive the run.
    await cluster.stop();
    await pgbouncer?.stop();
    throw error;
  }
  return {
    cluster,
    url,
    serverUrl,
    pgbouncer,
    drop: async () => {
      await cluster.stop();
      await pgbouncer?.stop();
      await dropDatabase(serverUrl, name).catch(() => {});
    },
  };
}

export async function queryRows<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}
