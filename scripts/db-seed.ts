// `npm run db:seed`: inserts the demo data if it is missing (safe to run any number of times).
import { resolveDatabase } from "./lib/runtime.ts";
import { seed } from "./lib/seed.ts";

const log = (m: string) => console.log(`[db:seed] ${m}`);
const database = await resolveDatabase(log).catch((error: unknown) => {
  // Something outside our control (a taken port, a closed folder): one line, no stack trace.
  console.error(`[db:seed] ${(error as Error).message}`);
  process.exit(1);
});
try {
  await seed(database.url, log);
} finally {
  await database.embedded?.stop();
}
