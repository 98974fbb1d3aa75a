// `npm test`: typecheck, lint, unit + integration tests (real Postgres), then end-to-end tests in Chromium
// against the production build. `npm run test:e2e -- [playwright args]` runs only the last part.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildFingerprint, buildIsFresh } from "./lib/build-fingerprint.ts";
import { ensureChromium } from "./lib/chromium.ts";
import { clusterSecrets } from "./lib/cluster.ts";
import { freePort } from "./lib/embedded-pg.ts";
import { DATA_DIR } from "./lib/runtime.ts";
import { createTestDatabase } from "./lib/test-db.ts";

const argv = process.argv.slice(2);
const e2eOnly = argv[0] === "--e2e";
const passThrough = e2eOnly ? argv.slice(1) : [];
const log = (m: string) => console.log(`\n[test] ${m}`);
const DIST = process.env.NEXT_DIST_DIR || ".next-test";
const STARTED = Date.now();

// Wall time of each phase, printed at the end (also when a phase fails), so a slow run says where the time went.
const phases: { label: string; seconds: number }[] = [];
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases.push({ label, seconds: (performance.now() - started) / 1000 });
  }
}
function printPhases() {
  printSlowest();
  if (phases.length === 0) return;
  console.log("\n[test] Wall time per phase:");
  for (const p of phases) console.log(`  ${p.seconds.toFixed(0).padStart(5)} s  ${p.label}`);
  // Phases overlap (the build runs beside the checks and vitest), so the total is the wall time, not the sum.
  console.log(`  ${((Date.now() - STARTED) / 1000).toFixed(0).padStart(5)} s  in all (wall; the build overlaps the checks and vitest)`);
}

// Phases that run side by side: when one fails, the others are stopped rather than left running after we exit.
const running = new Set<ChildProcess>();

/** Runs one phase; with `logFile` its output goes there (a phase running beside others) and is printed if it fails. */
function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env, logFile?: string): Promise<void> {
  log(logFile ? `${label} (output in ${logFile})` : label);
  return timed(label, () => new Promise<void>((resolve, reject) => {
    const out = logFile ? openSync(logFile, "w") : null;
    const child = spawn(command, args, { stdio: out === null ? "inherit" : ["ignore", out, out], env });
    running.add(child);
    child.on("exit", (code, signal) => {
      running.delete(child);
      if (out !== null) closeSync(out);
      if (code === 0) return resolve();
      if (logFile) console.error(`\n[test] ${label} failed; its output:\n${readFileSync(logFile, "utf8").split("\n").slice(-60).join("\n")}`);
      reject(new Error(`${label} failed (${signal ?? `exit ${code}`})`));
    });
  }));
}

const node = process.execPath;
const VITEST_JSON = "test-reports/vitest.json";
const PLAYWRIGHT_JSON = "test-reports/playwright.json";

function summarize(): { passed: number; failed: number; skipped: number } {
  const total = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(VITEST_JSON) && !e2eOnly) {
    const v = JSON.parse(readFileSync(VITEST_JSON, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    total.passed += v.numPassedTests;
    total.failed += v.numFailedTests;
    total.skipped += v.numPendingTests + v.numTodoTests;
  }
  if (existsSync(PLAYWRIGHT_JSON)) {
    const p = JSON.parse(readFileSync(PLAYWRIGHT_JSON, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
    total.passed += p.stats.expected + p.stats.flaky;
    total.failed += p.stats.unexpected;
    total.skipped += p.stats.skipped;
  }
  return total;
}

type PwSuite = { file?: string; specs?: { title: string; tests: { results: { duration: number }[] }[] }[]; suites?: PwSuite[] };
/** The slowest end-to-end tests and vitest files of this run, from their JSON reports: where to look first. */
function printSlowest(count = 8) {
  const rows: { seconds: number; name: string }[] = [];
  // A report left by an earlier run says nothing about this one.
  const fresh = (file: string) => existsSync(file) && statSync(file).mtimeMs >= STARTED;
  if (fresh(PLAYWRIGHT_JSON)) {
    const walk = (s: PwSuite, file?: string): void => {
      for (const spec of s.specs ?? []) {
        const ms = spec.tests.reduce((sum, t) => sum + t.results.reduce((a, r) => a + r.duration, 0), 0);
        rows.push({ seconds: ms / 1000, name: `e2e ${s.file ?? file} › ${spec.title}` });
      }
      for (const child of s.suites ?? []) walk(child, s.file ?? file);
    };
    for (const s of (JSON.parse(readFileSync(PLAYWRIGHT_JSON, "utf8")) as { suites: PwSuite[] }).suites) walk(s);
  }
  if (fresh(VITEST_JSON) && !e2eOnly) {
    const v = JSON.parse(readFileSync(VITEST_JSON, "utf8")) as { testResults: { name: string; startTime: number; endTime: number }[] };
    for (const f of v.testResults) rows.push({ seconds: (f.endTime - f.startTime) / 1000, name: `vitest ${path.relative(process.cwd(), f.name)}` });
  }
  if (rows.length === 0) return;
  console.log("\n[test] Slowest tests (e2e) and files (vitest):");
  for (const r of rows.sort((a, b) => b.seconds - a.seconds).slice(0, count)) console.log(`  ${r.seconds.toFixed(1).padStart(6)} s  ${r.name.slice(0, 120)}`);
}
const bin = (p: string) => path.join("node_modules", p);
const ORIGINALITY_TOOL = path.resolve("../shared/tools/originality.mjs");

async function main() {
  const chromium = ensureChromium(log);
  mkdirSync("test-reports", { recursive: true });
  // Not test-results/: Playwright empties that folder when it starts.
  // The production build depends on nothing the checks or vitest do, so it starts first and runs beside them (its
  // output in test-reports/next-build.log): on an idle machine the ~3 min build is hidden behind vitest. The
  // checks and vitest still gate the end-to-end run, which waits for both.
  const fingerprint = buildFingerprint();
  let build: Promise<void> = Promise.resolve();
  if (buildIsFresh(fingerprint, DIST)) {
    log(`Production build in ${DIST} is up to date`);
  } else {
    // next.config.mjs skips Next's own type check (typescript.ignoreBuildErrors): in `npm test` tsc checks the whole
    // project, so checking again here would only add build time. `npm run test:e2e` skips tsc on purpose (a quick
    // re-run of the browser tests); run `npx tsc --noEmit -p .` before trusting it. Next 16 no longer lints during
    // the build, so eslint runs once too. The build carries the cluster's server-action key, so
    // `CLUSTER_DIST_DIR=.next-test npm run test:cluster` (CI, .ci/run) reuses it instead of building again.
    const buildEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...clusterSecrets(path.join(DATA_DIR, "cluster")),
      DATABASE_URL: "postgresql://build:build@127.0.0.1:1/build",
      NEXT_DIST_DIR: DIST,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    };
    build = run(`Production build (next build → ${DIST})`, node, [bin("next/dist/bin/next"), "build"], buildEnv, "test-reports/next-build.log").then(() =>
      writeFileSync(path.join(DIST, "roundtrip-build-fingerprint"), fingerprint),
    );
    // Reported when awaited below; a failed build must not become an unhandled rejection while the checks run.
    build.catch(() => {});
  }
  if (!e2eOnly) {
    // Three independent read-only checks, side by side.
    await Promise.all([
      run("Typecheck (tsc)", node, [bin("typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.check.json"]),
      run("Lint (eslint)", node, [bin("eslint/bin/eslint.js"), "--max-warnings=0", "."]),
      // Dead files, exports, types and dependencies (knip.json names the entry points); the same list as npm run lint:dead.
      run("Dead code (knip)", node, [bin("knip/bin/knip.js"), "--no-progress", "--include", "files,dependencies,unlisted,binaries,unresolved,exports,types"]),
      // The originality tool lives beside the repository, not in it: tests never read outside the repository, so
      // the check runs here where the tool is present.
      existsSync(ORIGINALITY_TOOL)
        ? run("Originality (content/)", node, [ORIGINALITY_TOOL, "content/"])
        : Promise.resolve(log(`Originality check skipped: ${ORIGINALITY_TOOL} is not on this machine`)),
    ]);
  }
  log("Creating a throwaway database");
  const db = await timed("Throwaway database (create, migrate, seed)", createTestDatabase);
  console.log(`  ${db.name}`);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    TEST_DATABASE_URL: db.url,
    NEXTAUTH_SECRET: "end-to-end-tests-secret-that-is-long-enough-0123456789",
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXT_DIST_DIR: DIST,
    NEXT_TELEMETRY_DISABLED: "1",
    E2E_PORT: String(port),
    CHROME_PATH: chromium,
  };
  // For the browser run only (the integration tests check the real defaults): every end-to-end request comes from
  // one address, so the per-address limits are raised; tests/e2e/evaluate-api.spec.ts meets the per-user limit.
  const e2eLimits = { RATE_LIMIT_SIGN_IN_PER_IP: "10000", RATE_LIMIT_SIGN_UP_PER_IP: "10000", RATE_LIMIT_EVALUATE_PER_IP: "10000" };
  // Database timeouts catch a hang, not slowness (like Playwright's own, see playwright.config.ts): at load 25 on 2
  // cores the default 5 s connect / 10 s statement limits turned a slow query into a 503 mid-test. The browser run
  // raises them; tests/integration/security/database.test.ts proves the limits themselves.
  const e2eTimeouts = { DB_CONNECT_TIMEOUT_MS: "30000", DB_STATEMENT_TIMEOUT_MS: "30000" };
  // Likewise load shedding: the browser run is two users' worth of traffic, but a page's link prefetches can fill
  // 16 slots, and at load 40 a queued request can wait past the default 5 s and be shed mid-test. The queue wait is
  // raised here; shedding itself is proven by tests/unit/load-shedding.test.ts and tests/cluster/shedding.test.ts.
  const e2eShedding = { SHED_QUEUE_TIMEOUT_MS: "60000" };
  try {
    if (!e2eOnly) {
      await run("Unit and integration tests (vitest)", node, [
        bin("vitest/vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_JSON}`,
      ], env);
      // Belt and braces: the exit code has been seen to be 0 with a failed test, so the report decides too.
      const report = JSON.parse(readFileSync(VITEST_JSON, "utf8")) as { success: boolean; numFailedTests: number; numFailedTestSuites: number };
      if (!report.success || report.numFailedTests > 0 || report.numFailedTestSuites > 0) {
        throw new Error(`vitest reported ${report.numFailedTests} failed test(s) and ${report.numFailedTestSuites} failed file(s)`);
      }
    }
    await build;
    // Workers share the one server; E2E_WORKERS (default 2, see playwright.config.ts) sets how many browsers.
    // Playwright runs a dependency project in full whatever the filter, so `npm run test:e2e -- tests/e2e/fuzz.spec.ts`
    // would run the whole suite first: a filtered run skips the dependency (the solo spec then runs on its own only
    // when it is the only file named).
    const filtered = passThrough.some((a) => /^tests\/|\.spec\.ts(:\d+)*$|^(-g|--grep)\b/.test(a));
    const deps = filtered && !passThrough.includes("--no-deps") ? ["--no-deps"] : [];
    await run(`End-to-end tests (Playwright, Chromium, ${process.env.E2E_WORKERS ?? 2} workers)`, node, [bin("@playwright/test/cli.js"), "test", "--reporter=list,json", ...deps, ...passThrough], {
      ...env,
      ...e2eLimits,
      ...e2eTimeouts,
      ...e2eShedding,
      PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON,
    });
  } finally {
    await db.drop();
  }
  printPhases();
  const counts = summarize();
  log("All tests passed.");
  // One plain closing line for CI: unit + integration + end-to-end.
  console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

main().catch((error: unknown) => {
  for (const child of running) child.kill("SIGTERM");
  printPhases();
  console.error(`\n[test] ${(error as Error).message}`);
  process.exit(1);
});
