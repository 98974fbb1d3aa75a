// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order, offline, recording each in Prisma's
// own `_prisma_migrations` table so `prisma migrate status/deploy` elsewhere sees the same history.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export type Migration = { name: string; sql: string; checksum: string };

export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

/** Prisma's checksum: SHA-256 of the migration file, hex. */
export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every instance migrating this database.
const LOCK_ID = 72_707_101;

export class MigrationError extends Error {}

export async function migrate(
  connectionString: string,
  options: { dir?: string; log?: (message: string) => void } = {},
): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const migrations = readMigrations(options.dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    // Several app instances may start at once; only one migrates, the others wait and then find nothing to do.
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const known = new Map(migrations.map((m) => [m.name, m]));
    for (const row of rows) {
      const local = known.get(row.migration_name);
      if (!local) {
        throw new MigrationError(
          `The database has migration ${row.migration_name}, which is not in prisma/migrations. ` +
            `Is this checkout older than the database?`,
        );
      }
      if (row.finished_at === null) {
        throw new MigrationError(`Migration ${row.migration_name} started but never finished. Inspect the database before retrying.`);
      }
      if (local.checksum !== row.checksum) {
        throw new MigrationError(
          `Migration ${row.migration_name} was changed after it was applied (checksum ${row.checksum.slice(0, 12)}… in the ` +
            `database, ${local.checksum.slice(0, 12)}… on disk). Applied migrations are immutable: restore the file and ` +
            `put the change in a new migration.`,
        );
      }
    }
    const done = new Set(rows.map((r) => r.migration_name));
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        const id = randomUUID();
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
        applied.push(m.name);
        log(`Applied migration ${m.name}`);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${(error as Error).message}`);
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => {});
    await client.end();
  }
  return { applied };
}
