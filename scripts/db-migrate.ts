// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or to the embedded database).
import { migrate, MigrationError } from "./lib/migrate.ts";
import { resolveDatabase } from "./lib/runtime.ts";

const log = (m: string) => console.log(`[db:migrate] ${m}`);
// The migration lock is a session-level advisory lock, which a pooler in transaction mode cannot hold: behind
// PgBouncer, DIRECT_DATABASE_URL names Postgres itself (docs/deploy.md).
if (process.env.DIRECT_DATABASE_URL) process.env.DATABASE_URL = process.env.DIRECT_DATABASE_URL;
const database = await resolveDatabase(log).catch((error: unknown) => {
  // Something outside our control (a taken port, a closed folder): one line, no stack trace.
  console.error(`[db:migrate] ${(error as Error).message}`);
  process.exit(1);
});
try {
  const { applied } = await migrate(database.url, { log });
  log(applied.length ? `Applied ${applied.length} migration(s).` : "Nothing to apply: the schema is up to date.");
} catch (error) {
  console.error(`[db:migrate] ${error instanceof MigrationError ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await database.embedded?.stop();
}
