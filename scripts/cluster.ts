// `npm run cluster [-- --instances N] [--port P]`: N app instances (default 2) on one Postgres (the embedded one,
// or DATABASE_URL) behind nginx on loopback, all with the same build, NEXTAUTH_SECRET and server-action key.
// Instances are run from deploy/roundtrip.service and nginx from deploy/nginx.conf.template (see docs/deploy.md).
import path from "node:path";
import { parseArgs } from "node:util";
import exitHook from "async-exit-hook";
import { ensureClusterBuild } from "./lib/cluster-build.ts";
import { clusterSecrets, startCluster, type Cluster } from "./lib/cluster.ts";
import { DATA_DIR, resolveDatabase } from "./lib/runtime.ts";
import { seed } from "./lib/seed.ts";
import { migrate } from "./lib/migrate.ts";

const log = (m: string) => console.log(`[cluster] ${m}`);
const DIST = process.env.NEXT_DIST_DIR || ".next-cluster";
const SECRETS_DIR = path.join(DATA_DIR, "cluster");

const { values } = parseArgs({ options: { instances: { type: "string", default: "2" }, port: { type: "string", default: "8080" } } });
const instances = Number(values.instances);
const nginxPort = Number(values.port);
if (!Number.isInteger(instances) || instances < 1 || instances > 16) {
  console.error("[cluster] --instances must be a whole number from 1 to 16");
  process.exit(2);
}
if (!Number.isInteger(nginxPort) || nginxPort < 1 || nginxPort > 65535) {
  console.error("[cluster] --port must be a TCP port number");
  process.exit(2);
}

let cluster: Cluster | null = null;
let database: Awaited<ReturnType<typeof resolveDatabase>> | null = null;
exitHook((done?: () => void) => {
  if (!done) return;
  void (cluster?.stop() ?? Promise.resolve())
    .then(() => database?.embedded?.stop())
    .catch(() => {})
    .finally(done);
});

async function main() {
  database = await resolveDatabase(log);
  const secrets = clusterSecrets(SECRETS_DIR);
  await ensureClusterBuild({ dist: DIST, env: { ...process.env, ...secrets, DATABASE_URL: database.url }, log });
  // Demo data needs the schema: migrate here once (the instances' own migration step then finds nothing to do).
  await migrate(database.url, { log });
  await seed(database.url, log);
  cluster = await startCluster({ instances, databaseUrl: database.url, distDir: DIST, secretsDir: SECRETS_DIR, nginxPort, log });
  console.log(`
  Roundtrip cluster: ${cluster.nginxUrl} (nginx, least connections)
${cluster.instances.map((i) => `    instance ${i.name}: ${i.url}`).join("\n")}
  Database: ${database.embedded ? "embedded Postgres (data in .data/pg)" : "DATABASE_URL"}

  Press Ctrl-C to stop.
`);
}

main().catch(async (error: unknown) => {
  console.error(`[cluster] ${(error as Error).message}`);
  await cluster?.stop().catch(() => {});
  await database?.embedded?.stop().catch(() => {});
  process.exit(1);
});
