import { cpSync, mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { dropDatabase, ensureDatabase, withDatabase } from "../../../scripts/lib/embedded-pg.ts";
import { checksumOf, migrate, MigrationError, MIGRATIONS_DIR, readMigrations } from "../../../scripts/lib/migrate.ts";

const serverUrl = withDatabase(process.env.DATABASE_URL!, "postgres");
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `mig_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
  await ensureDatabase(serverUrl, name);
  created.push(name);
  return withDatabase(serverUrl, name);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function copyMigrations(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "roundtrip-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

afterAll(async () => {
  for (const name of created) await dropDatabase(serverUrl, name);
});

describe("db:migrate", () => {
  it("applies every migration once and records it the way Prisma does", async () => {
    const url = await freshDatabase();
    const first = await migrate(url);
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    const second = await migrate(url);
    expect(second.applied).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const [i, m] of readMigrations().entries()) {
      expect(rows[i]?.checksum).toBe(checksumOf(m.sql));
      expect(rows[i]?.finished_at).toBeInstanceOf(Date);
      expect(rows[i]?.applied_steps_count).toBe(1);
    }
  });

  it("refuses to run when an applied migration was edited", async () => {
    const url = await freshDatabase();
    const dir = copyMigrations();
    await migrate(url, { dir });
    const first = readMigrations(dir)[0]!;
    writeFileSync(path.join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited later\n`);
    await expect(migrate(url, { dir })).rejects.toThrow(MigrationError);
    await expect(migrate(url, { dir })).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const url = await freshDatabase();
    const dir = copyMigrations();
    const name = "29991231000000_broken";
    mkdirSync(path.join(dir, name));
    writeFileSync(
      path.join(dir, name, "migration.sql"),
      `CREATE TABLE half_done (id int);\nINSERT INTO half_done VALUES (1);\nSELECT * FROM table_that_does_not_exist;\n`,
    );
    await expect(migrate(url, { dir })).rejects.toThrow(/29991231000000_broken failed and was rolled back/);
    const tables = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(tables).toHaveLength(0);
    const recorded = await query(url, `SELECT 1 FROM _prisma_migrations WHERE migration_name = '${name}'`);
    expect(recorded).toHaveLength(0);
    // The earlier migrations stay applied.
    const applied = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM _prisma_migrations`);
    expect(applied[0]?.n).toBe(readMigrations().length);
  });

  it("refuses a database that has a migration this checkout does not know", async () => {
    const url = await freshDatabase();
    await migrate(url);
    await query(
      url,
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ('00000000-0000-0000-0000-000000000001', 'x', '30000101000000_from_the_future', now(), 1)`,
    );
    await expect(migrate(url)).rejects.toThrow(/not in prisma\/migrations/);
  });

  it("lets concurrent starts migrate safely (one applies, the others find nothing to do)", async () => {
    const url = await freshDatabase();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const appliedCounts = results.map((r) => r.applied.length).sort();
    expect(appliedCounts).toEqual([0, 0, readMigrations().length]);
  });
});
