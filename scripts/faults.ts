// `npm run faults`: the three fault drills of issue 17 on a throwaway Postgres of its own (it is stopped and
// started during drill b) and a 2-instance cluster behind nginx; prints every figure. The invariants are
// asserted by tests/cluster/fault-*.test.ts (`npm run test:cluster`).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { clusterSecrets, startCluster } from "./lib/cluster.ts";
import { ensureClusterBuild } from "./lib/cluster-build.ts";
import { ensureDatabase, freePort, startEmbeddedPostgres, withDatabase, type EmbeddedDb } from "./lib/embedded-pg.ts";
import { killDuringSubmissions, readOnlyDatabase, restartPostgresDuringLoad } from "./lib/faults.ts";
import { DATA_DIR } from "./lib/runtime.ts";
import { seed } from "./lib/seed.ts";

const DIST = process.env.CLUSTER_DIST_DIR || ".next-cluster";
const log = (m: string) => console.log(`[faults] ${m}`);

// A clean checkout has no build yet: the instances would exit at once ("exited with code 1 before it was healthy").
const secretsDir = path.join(DATA_DIR, "cluster");
await ensureClusterBuild({
  dist: DIST,
  env: { ...process.env, DATABASE_URL: "postgresql://build:build@127.0.0.1:1/build", ...clusterSecrets(secretsDir) },
  log,
});

const dataDir = mkdtempSync(path.join(os.tmpdir(), "roundtrip-faults-pg-"));
const port = await freePort();
let server: EmbeddedDb | null = await startEmbeddedPostgres({ dataDir, port, persistent: true });
const serverUrl = server.serverUrl;
await ensureDatabase(serverUrl, "roundtrip_faults");
const url = withDatabase(serverUrl, "roundtrip_faults");
const cluster = await startCluster({
  instances: 2,
  databaseUrl: url,
  distDir: DIST,
  secretsDir,
  env: { RATE_LIMIT_SIGN_IN_PER_IP: "10000" },
  output: "ignore",
  log,
});
try {
  await seed(url);
  log("(a) kill -9 of instance A during 64-connection quiz submissions (idempotency keys, client retries)");
  const a = await killDuringSubmissions(cluster, url);
  console.log(`    submissions ${a.submissions}, acknowledged ${a.acknowledged}, failed ${a.failed}, retried ${a.retried} (503s waited out ${a.shed}, client timeouts ${a.timedOut}), A killed after ${a.killedAfter} acknowledged`);
  console.log(`    rows: attempts ${a.stored.attempts}, distinct keys ${a.stored.distinctKeys}, duplicated ${a.stored.duplicates}, answers ${a.stored.answers} of ${a.answersExpected} expected, acknowledged but lost ${a.lostAcknowledged}`);
  await cluster.restart(0);

  log("(b) Postgres stopped and started during submissions (one try each, so every outcome is counted)");
  const b = await restartPostgresDuringLoad(cluster, url, {
    stop: async () => {
      await server?.stop();
      server = null;
    },
    start: async () => {
      server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    },
  });
  console.log(`    ${b.connections} connections; health 503 ${b.healthWent503AfterMs} ms after the stop, 200 again ${b.healthBack200AfterMs} ms after the start (no manual step)`);
  console.log(`    requests ${b.requests} by status ${JSON.stringify(b.byStatus)}; slowest ${b.maxRequestMs} ms (client timeout ${b.timeoutMs} ms), timed out ${b.timedOut}`);
  console.log(`    acknowledged ${b.acknowledged}, acknowledged but lost ${b.lostAcknowledged}, half-saved attempts ${b.halfSaved}`);

  log("(c) database set read-only (default_transaction_read_only = on, sessions ended)");
  const c = await readOnlyDatabase(cluster, url, serverUrl);
  console.log(`    quiz submission: ${c.submitStatus} "${c.submitMessage}" (Retry-After ${c.retryAfter ?? "none"}), stack trace in body: ${c.stackInBody ? "yes" : "no"}, stored: ${c.stored}`);
  console.log(`    dashboard page: ${c.pageStatus}, stack trace in page: ${c.pageHasStack ? "yes" : "no"}`);
} finally {
  await cluster.stop();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
