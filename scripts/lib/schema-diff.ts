// Detects drift between prisma/schema.prisma and the migrations. Prisma's differ (the wasm schema engine)
// turns the schema into SQL; that SQL and the migrations are applied to two throwaway databases, and their
// catalogs are compared. (The engine cannot introspect a live database through the pg adapter of this
// Prisma version, so the comparison is done on the catalog directly.)
import { readFileSync } from "node:fs";
import pg from "pg";
import { openSchemaEngine } from "./schema-engine.ts";

export const SCHEMA_PATH = "prisma/schema.prisma";

/** The SQL that creates prisma/schema.prisma from an empty database, as `prisma migrate diff` prints it. */
export async function schemaToSql(connectionString: string, schemaPath = SCHEMA_PATH): Promise<string> {
  const content = readFileSync(schemaPath, "utf8");
  const engine = await openSchemaEngine(connectionString, { path: schemaPath, content });
  try {
    const result = await engine.diff({
      from: { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    } as never);
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}

/** A sorted, printable description of the public schema: enums, columns, constraints and indexes. */
export async function catalogSnapshot(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const lines: string[] = [];
    const enums = await client.query<{ name: string; labels: string }>(`
      SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`);
    for (const r of enums.rows) lines.push(`enum ${r.name} (${r.labels})`);
    const columns = await client.query<{ t: string; c: string; type: string; nullable: string; def: string | null }>(`
      SELECT table_name AS t, column_name AS c, format_type(a.atttypid, a.atttypmod) AS type,
             is_nullable AS nullable, column_default AS def
      FROM information_schema.columns ic
      JOIN pg_attribute a ON a.attrelid = format('public.%I', ic.table_name)::regclass AND a.attname = ic.column_name
      WHERE ic.table_schema = 'public' AND ic.table_name <> '_prisma_migrations'`);
    for (const r of columns.rows) lines.push(`column ${r.t}.${r.c} ${r.type} null=${r.nullable} default=${r.def ?? ""}`);
    const constraints = await client.query<{ t: string; name: string; def: string }>(`
      SELECT c.conrelid::regclass::text AS t, c.conname AS name, pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.conrelid <> 0 AND c.conrelid::regclass::text <> '"_prisma_migrations"'
        AND c.conrelid::regclass::text <> '_prisma_migrations'`);
    for (const r of constraints.rows) lines.push(`constraint ${r.t}.${r.name} ${r.def}`);
    const indexes = await client.query<{ def: string }>(`
      SELECT indexdef AS def FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    for (const r of indexes.rows) lines.push(`index ${r.def}`);
    return lines.sort();
  } finally {
    await client.end();
  }
}

/** Lines present in one snapshot and not the other, marked `-` (only in migrations) and `+` (only in schema). */
export function snapshotDiff(migrated: string[], fromSchema: string[]): string[] {
  const a = new Set(migrated);
  const b = new Set(fromSchema);
  return [...migrated.filter((l) => !b.has(l)).map((l) => `- ${l}`), ...fromSchema.filter((l) => !a.has(l)).map((l) => `+ ${l}`)];
}
