// `npm start`: database (embedded unless DATABASE_URL is set) → migrations → demo data → build if stale → serve,
// with one background worker.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import exitHook from "async-exit-hook";
import { buildFingerprint, buildIsFresh, buildStamp } from "./lib/build-fingerprint.ts";
import { migrate } from "./lib/migrate.ts";
import { resolveAuthSecret, resolveDatabase } from "./lib/runtime.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seed } from "./lib/seed.ts";

const dev = process.argv.includes("--dev");
const log = (m: string) => console.log(`[roundtrip] ${m}`);
const NEXT_BIN = "node_modules/next/dist/bin/next";

let server: ChildProcess | null = null;
let worker: ChildProcess | null = null;
let stopping = false;

// One shutdown path for Ctrl-C, SIGTERM and normal exit: stop the web server and the worker first, then the
// database with a clean checkpoint.
let database: Awaited<ReturnType<typeof resolveDatabase>> | null = null;

// async-exit-hook passes `done` on signals; on a plain process.exit() it cannot wait and passes nothing (the
// embedded Postgres still gets its shutdown signal from its own 'exit' listener).
exitHook((done?: () => void) => {
  stopping = true;
  if (!done) return;
  const stopDatabase = () => void (database?.embedded?.stop() ?? Promise.resolve()).catch(() => {}).finally(done);
  const running = [server, worker].filter((c): c is ChildProcess => c !== null && c.exitCode === null && c.signalCode === null);
  if (running.length === 0) return stopDatabase();
  log("Stopping…");
  let left = running.length;
  for (const child of running) {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      if (--left === 0) stopDatabase();
    });
    child.kill("SIGTERM");
  }
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [command, ...args], { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function waitForHealth(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  database = await resolveDatabase(log);
  if (!database.embedded) log("Using the Postgres server in DATABASE_URL (no embedded database started).");
  const { applied } = await migrate(database.url, { log });
  if (!applied.length) log("Database schema is up to date.");
  await seed(database.url, log);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: resolveAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
  };

  if (!dev) {
    const fingerprint = buildFingerprint();
    if (buildIsFresh(fingerprint)) {
      log("Production build is up to date.");
    } else {
      log("Building the app (the build is missing or older than the sources)…");
      const code = await run(NEXT_BIN, ["build"], { ...env, NODE_ENV: "production" });
      if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
      writeFileSync(buildStamp(), fingerprint);
    }
  }
  if (stopping) return;
  // server.mjs, not `next start`: it tells the app the TCP peer address (see lib/server/kernel/request.ts).
  server = spawn(process.execPath, ["server.mjs", "-p", String(port), ...(dev ? ["--dev"] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...env, NODE_ENV: dev ? "development" : "production" },
  });
  server.stdout?.on("data", (chunk: Buffer) => {
    // Next's own banner is noise next to ours; errors still come through on stderr.
    const text = chunk.toString();
    if (!/^\s*(▲|- Local|- Network|✓ Starting|✓ Ready|> Roundtrip listening|$)/m.test(text)) process.stdout.write(text);
  });
  server.on("exit", (code) => {
    if (!stopping) {
      log(`The web server exited (code ${code}).`);
      stopping = true;
      void (database?.embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(code ?? 1));
    }
  });
  const base = `http://localhost:${port}`;
  if (await waitForHealth(`${base}/api/health`, 120_000)) {
    // One worker beside the server, so background jobs (re-scoring, review schedules, item statistics) run here as
    // they would on a worker machine; it stops with the server. Production runs `npm run worker` on its own.
    worker = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/worker.ts"], { stdio: ["ignore", "ignore", "inherit"], env });
    worker.on("exit", (code) => {
      if (!stopping) log(`The background worker exited (code ${code}); the site keeps running without it (npm run worker restarts it).`);
    });
    console.log(`
  Roundtrip is running at ${base}
  Database: ${database.embedded ? "embedded Postgres (data in .data/pg)" : "DATABASE_URL"}

  Demo accounts (password: ${DEMO_PASSWORD})
${DEMO_ACCOUNTS.map((a) => `    ${a.role.toLowerCase().padEnd(10)} ${a.email}`).join("\n")}

  Press Ctrl-C to stop.
`);
  } else if (!stopping) {
    throw new Error("The web server did not become healthy within 120 s.");
  }
}

main().catch(async (error: unknown) => {
  console.error(`[roundtrip] ${(error as Error).message}`);
  stopping = true;
  await database?.embedded?.stop().catch(() => {});
  process.exit(1);
});
