import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { dropDatabase, ensureDatabase, withDatabase } from "../../../scripts/lib/embedded-pg.ts";
import { catalogSnapshot, schemaToSql, snapshotDiff } from "../../../scripts/lib/schema-diff.ts";

// The migrated test database is compared with a database built straight from prisma/schema.prisma by
// Prisma's own differ. Any difference means schema.prisma and prisma/migrations have drifted.
const migratedUrl = process.env.DATABASE_URL!;
const serverUrl = withDatabase(migratedUrl, "postgres");
const fromSchemaDb = `drift_${Date.now().toString(36)}`;
const fromSchemaUrl = withDatabase(serverUrl, fromSchemaDb);

async function exec(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await dropDatabase(serverUrl, fromSchemaDb);
});

describe("schema drift", () => {
  it("the migrations produce exactly the schema that schema.prisma describes", async () => {
    await ensureDatabase(serverUrl, fromSchemaDb);
    await exec(fromSchemaUrl, await schemaToSql(fromSchemaUrl));
    const diff = snapshotDiff(await catalogSnapshot(migratedUrl), await catalogSnapshot(fromSchemaUrl));
    expect(diff, `schema.prisma and prisma/migrations disagree:\n${diff.join("\n")}\nRun npm run db:new-migration -- <name>`).toEqual([]);
  });

  it("would notice drift (the comparison is not blind)", async () => {
    const migrated = await catalogSnapshot(migratedUrl);
    await exec(fromSchemaUrl, `ALTER TABLE users ADD COLUMN nickname text`);
    const diff = snapshotDiff(migrated, await catalogSnapshot(fromSchemaUrl));
    expect(diff.some((line) => line.includes("users.nickname"))).toBe(true);
  });
});
