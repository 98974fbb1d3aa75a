// `npm run db:new-migration -- <name> [--from <git-rev>]`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the schema as it was at <git-rev> (default HEAD) to prisma/schema.prisma now.
// Prisma's differ does the work (wasm engine); `prisma migrate dev` itself cannot run offline.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openSchemaEngine } from "./lib/schema-engine.ts";
import { resolveDatabase } from "./lib/runtime.ts";
import { MIGRATIONS_DIR } from "./lib/migrate.ts";

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--"));
const fromIndex = args.indexOf("--from");
const rev = fromIndex >= 0 ? args[fromIndex + 1] : "HEAD";
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <snake_case_name> [--from <git-rev>]");
  process.exit(1);
}
const schemaPath = "prisma/schema.prisma";
const before = execFileSync("git", ["show", `${rev}:${schemaPath}`], { encoding: "utf8" });
const after = readFileSync(schemaPath, "utf8");
const database = await resolveDatabase(() => {});
try {
  const engine = await openSchemaEngine(database.url, { path: schemaPath, content: after });
  const result = await engine.diff({
    from: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: before }] },
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: after }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  } as never);
  const sql = result.stdout ?? "";
  if (sql.trim() === "-- This is an empty migration.") {
    console.log(`schema.prisma has not changed since ${rev}: no migration written.`);
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await database.embedded?.stop();
}
