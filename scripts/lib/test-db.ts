// A throwaway database per test run: on the server in TEST_DATABASE_SERVER_URL / DATABASE_URL when given,
// otherwise on an embedded Postgres in a temporary directory. Migrated, seeded, and dropped afterwards.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropDatabase, ensureDatabase, freePort, startEmbeddedPostgres, withDatabase } from "./embedded-pg.ts";
import { migrate } from "./migrate.ts";
import { seed } from "./seed.ts";

export type TestDatabase = { url: string; serverUrl: string; name: string; drop: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `roundtrip_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const external = process.env.TEST_DATABASE_SERVER_URL ?? process.env.DATABASE_URL;
  let serverUrl: string;
  let stopServer = async () => {};
  if (external) {
    serverUrl = withDatabase(external, "postgres");
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "roundtrip-test-pg-"));
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    serverUrl = server.serverUrl;
    stopServer = server.stop;
  }
  await ensureDatabase(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  await migrate(url);
  // The same demo data `npm start` creates, so tests can sign in as each role.
  await seed(url);
  return {
    url,
    serverUrl,
    name,
    drop: async () => {
      await dropDatabase(serverUrl, name).catch(() => {});
      await stopServer();
    },
  };
}
