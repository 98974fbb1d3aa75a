// `npm run test:cluster`: runs tests/cluster with vitest on one production build. It reuses `npm test`'s build in
// .next-test when that is up to date (it carries the cluster's shared server-action key), else builds once into
// .next-cluster when that is missing or stale; CLUSTER_DIST_DIR names another. Needs Postgres:
// TEST_DATABASE_SERVER_URL, or an embedded server is started here for the run and shared by every test file.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildFingerprint, buildIsFresh } from "./lib/build-fingerprint.ts";
import { ensureClusterBuild } from "./lib/cluster-build.ts";
import { clusterSecrets } from "./lib/cluster.ts";
import { freePort, startEmbeddedPostgres } from "./lib/embedded-pg.ts";
import { DATA_DIR } from "./lib/runtime.ts";

// After `npm test` (CI) its build is current: building again would cost minutes and test the same bytes.
const TEST_BUILD = ".next-test";
const log = (m: string) => console.log(`[test:cluster] ${m}`);

const run = (args: string[], env: NodeJS.ProcessEnv, logFile?: string) =>
  new Promise<number>((resolve) => {
    const out = logFile ? openSync(logFile, "w") : "inherit";
    spawn(process.execPath, args, { stdio: ["ignore", out, out], env }).on("exit", (c) => resolve(c ?? 1));
  });

const started = Date.now();
const fingerprint = buildFingerprint();
const DIST = process.env.CLUSTER_DIST_DIR || (buildIsFresh(fingerprint, TEST_BUILD) ? TEST_BUILD : ".next-cluster");
await ensureClusterBuild({
  dist: DIST,
  // The build reads the environment while collecting page data; no database is contacted.
  env: {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://build:build@127.0.0.1:1/build",
    ...clusterSecrets(path.join(DATA_DIR, "cluster")),
  },
  log,
}).catch((e: unknown) => {
  log((e as Error).message);
  process.exit(1);
});

let stopServer = async () => {};
const env: NodeJS.ProcessEnv = { ...process.env, CLUSTER_DIST_DIR: DIST };
if (!env.TEST_DATABASE_SERVER_URL) {
  const server = await startEmbeddedPostgres({
    dataDir: mkdtempSync(path.join(os.tmpdir(), "roundtrip-cluster-pg-")),
    port: await freePort(),
    persistent: false,
  });
  env.TEST_DATABASE_SERVER_URL = server.serverUrl;
  stopServer = server.stop;
}
const vitest = ["node_modules/vitest/vitest.mjs", "run", "-c", "vitest.cluster.config.ts"];
const JOBS = "tests/cluster/jobs.test.ts";
let code: number;
if (process.argv.length > 2) {
  code = await run([...vitest, ...process.argv.slice(2)], env);
} else {
  // The job-queue test starts no cluster (worker processes on a database of its own), so it runs beside the cluster
  // files, which run one at a time; its output is kept apart and printed after the others', so neither interleaves.
  mkdirSync("test-reports", { recursive: true });
  const jobsLog = path.join("test-reports", "cluster-jobs.log");
  const [clusters, jobs] = await Promise.all([run([...vitest, "--exclude", JOBS], env), run([...vitest, JOBS], env, jobsLog)]);
  log(`The job-queue test (${JOBS}), run beside the others:`);
  process.stdout.write(readFileSync(jobsLog, "utf8"));
  code = clusters || jobs;
}
await stopServer();
log(`Finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(code);
