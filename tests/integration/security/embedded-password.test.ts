import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres } from "../../../scripts/lib/embedded-pg.ts";

async function connects(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const withPassword = (url: string, password: string) => {
  const u = new URL(url);
  u.password = password;
  return u.toString();
};

describe("embedded Postgres superuser password", () => {
  it("is random per cluster, kept (0600) in its data directory, and the old constant no longer opens it", { timeout: 240_000 }, async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "roundtrip-pw-"));
    rmSync(dataDir, { recursive: true }); // initdb wants to create the directory itself
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    try {
      const file = path.join(dataDir, "roundtrip-password");
      const password = readFileSync(file, "utf8").trim();
      expect(password.length).toBeGreaterThanOrEqual(24);
      expect(password).not.toBe("roundtrip-embedded");
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(new URL(first.serverUrl).password).toBe(password);
      expect(await connects(first.serverUrl)).toBe(true);
      expect(await connects(withPassword(first.serverUrl, "roundtrip-embedded"))).toBe(false);

      // A cluster from before random passwords: the constant, and no password file. The next start rotates it.
      const client = new pg.Client({ connectionString: first.serverUrl });
      await client.connect();
      await client.query("ALTER ROLE postgres WITH PASSWORD 'roundtrip-embedded'");
      await client.query("CREATE TABLE kept (id int)");
      await client.query("INSERT INTO kept VALUES (1)");
      await client.end();
      rmSync(file);
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    try {
      const rotated = readFileSync(path.join(dataDir, "roundtrip-password"), "utf8").trim();
      expect(rotated).not.toBe("roundtrip-embedded");
      expect(existsSync(path.join(dataDir, "roundtrip-password.pending"))).toBe(false);
      expect(await connects(second.serverUrl)).toBe(true);
      expect(await connects(withPassword(second.serverUrl, "roundtrip-embedded"))).toBe(false);
      const client = new pg.Client({ connectionString: second.serverUrl });
      await client.connect();
      expect((await client.query("SELECT count(*)::int AS n FROM kept")).rows[0].n).toBe(1);
      await client.end();
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
