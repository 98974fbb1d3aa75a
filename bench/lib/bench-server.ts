// A throwaway database (migrated, seeded with the demo accounts) and the production server on a free port:
// what a benchmark or the Lighthouse run measures. stop() ends the server and drops the database.
import { freePort } from "../../scripts/lib/embedded-pg.ts";
import { createTestDatabase } from "../../scripts/lib/test-db.ts";
import { startProductionServer } from "./production-server.ts";

export type BenchServer = {
  base: string;
  databaseUrl: string;
  pid: number;
  /** Resolves once the server's evaluator threads have finished their start-up warm-up (never if it is off). */
  evaluatorWarm: Promise<void>;
  stop: () => Promise<void>;
};

export async function startBenchServer(dist: string, log: (m: string) => void, extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  log("Creating a throwaway database (migrated and seeded with the demo accounts)");
  const database = await createTestDatabase();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv & { NEXT_DIST_DIR: string } = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "benchmark-secret-that-is-long-enough-0123456789abcdef",
    NEXTAUTH_URL: base,
    NEXT_DIST_DIR: dist,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    ...extraEnv,
  };
  let stopServer: Awaited<ReturnType<typeof startProductionServer>>;
  try {
    stopServer = await startProductionServer(env, port, log);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    base,
    databaseUrl: database.url,
    pid: stopServer.pid,
    evaluatorWarm: stopServer.evaluatorWarm,
    stop: async () => {
      await stopServer();
      await database.drop();
    },
  };
}
