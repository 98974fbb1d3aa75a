import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, findTestBrowser } from "./scripts/lib/chromium.ts";

// Run through `npm run test:e2e` (scripts/test.ts), which creates the throwaway database, builds into
// .next-test and sets the variables below.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// Two browsers against the one server by default: the suite is mostly waiting on the server and the browser, so a
// second worker nearly halves the wall time even on a 2-core machine. E2E_WORKERS=1 gives the old serial run.
const workers = Number(process.env.E2E_WORKERS ?? 2);
// Specs that read or change state the whole database shares run alone, after everything else (see tests/e2e/README.md).
const SOLO = /fuzz\.spec\.ts$/;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  // Tests, not files, are shared out between workers, so one long file (the accessibility sweep) does not hold
  // the run back. Every test therefore owns its data: tests/e2e/README.md has the rules.
  fullyParallel: true,
  workers,
  // Timeouts catch a hang, not slowness: on a busy 2-core machine shared with other work (CI, or six processes at
  // once) a page that takes 10 s idle was seen to take 50 s, and 60 s (then 120 s) limits failed tests that were
  // only slow (load average 25 on 2 cores).
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    // A failing test leaves a trace (actions, network, console, DOM snapshot before and after each action) but no
    // screencast: the filmstrip's frames were most of tracing's cost. widgets-core.spec.ts, CPU seconds of the whole
    // run (server, workers, browsers; one cgroup), same loaded machine: 228 and 232 s with screenshots, 149 s
    // without, 134 s with no trace at all. The DOM snapshots show each step in the trace viewer, so they stay.
    trace: { mode: "retain-on-failure", screenshots: false },
    launchOptions: { executablePath: findTestBrowser() ?? undefined, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: SOLO },
    // Runs once the parallel project has finished, so nothing else writes while it counts rows.
    { name: "solo", use: { ...devices["Desktop Chrome"] }, testMatch: SOLO, dependencies: ["chromium"], fullyParallel: false },
  ],
  webServer: {
    // server.mjs (what `npm start` runs): it passes the TCP peer address to the app.
    command: `node server.mjs -p ${port}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      ...(process.env as Record<string, string>),
      NODE_ENV: "production",
      PORT: String(port),
      NEXTAUTH_URL: baseURL,
    },
  },
});
