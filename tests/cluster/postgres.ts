// A Postgres server of the test's own, so a test may stop and start it (the shared test server must stay up).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres, type EmbeddedDb } from "../../scripts/lib/embedded-pg.ts";
import type { PostgresControl } from "../../scripts/lib/faults.ts";

export async function ownPostgres(): Promise<{ serverUrl: string; control: PostgresControl; remove: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "roundtrip-fault-pg-"));
  const port = await freePort();
  let server: EmbeddedDb | null = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  const control: PostgresControl = {
    stop: async () => {
      await server?.stop();
      server = null;
    },
    start: async () => {
      server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    },
  };
  return {
    serverUrl: server.serverUrl,
    control,
    remove: async () => {
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
