// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or to the embedded database).
import { migrate, MigrationError } from "./lib/migrate.ts";
import { resolveDatabase } from "./lib/runtime.ts";

const log = (m: string) => console.log(`[db:migrate] ${m}`);
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
