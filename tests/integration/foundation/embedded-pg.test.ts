import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres, withDatabase } from "../../../scripts/lib/embedded-pg.ts";

async function countRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query("SELECT count(*) AS n FROM kept")).rows[0].n);
  } finally {
    await client.end();
  }
}

/** Runs a start in a separate process and kills it with SIGKILL once its database holds a row. */
function crashAfterStart(dataDir: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/foundation/fixtures/crashing-start.ts", dataDir, String(port)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("READY")) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`fixture exited early (${signal})`))));
  });
}

describe("embedded Postgres after a crash", () => {
  it("starts again with the same data when the previous run was killed and left its server and lock file", { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "roundtrip-crash-"));
    const port = await freePort();
    await crashAfterStart(dataDir, port);
    const pidFile = path.join(dataDir, "postmaster.pid");
    expect(existsSync(pidFile)).toBe(true);
    const orphan = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    expect(() => process.kill(orphan, 0)).not.toThrow(); // the orphaned postmaster is still running

    const restarted = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    expect(await countRows(withDatabase(restarted.serverUrl, "app"))).toBe(1);
    await restarted.stop();

    // A lock file naming a process that no longer exists (power loss) does not block the next start either.
    writeFileSync(pidFile, `999999\n${dataDir}\n0\n${port}\n`);
    const again = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    expect(await countRows(withDatabase(again.serverUrl, "app"))).toBe(1);
    await again.stop();
  });
});
