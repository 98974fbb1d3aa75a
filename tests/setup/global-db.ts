// Vitest global setup for integration tests: reuse the database `npm test` created, or make a throwaway one, then
// give every worker its own copy of it. Integration files then run in parallel (two at a time on a 2-core machine)
// without seeing each other's rows; with one shared database they had to run one after another, which made them
// the longest stretch of `npm test` (three minutes with the other worker idle).
import type { TestProject } from "vitest/node";
import { cloneDatabase, dropDatabase, withDatabase } from "../../scripts/lib/embedded-pg.ts";
import { createTestDatabase } from "../../scripts/lib/test-db.ts";
import { workerDatabaseName } from "./worker-db.ts";

export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  let dropBase = async () => {};
  if (!url) {
    const db = await createTestDatabase();
    url = db.url;
    dropBase = db.drop;
  }
  const base = new URL(url).pathname.slice(1);
  const server = withDatabase(url, "postgres");
  const names = Array.from({ length: Math.max(1, project.globalConfig.maxWorkers) }, (_, i) => workerDatabaseName(base, i + 1));
  // One at a time: Postgres refuses to copy a template while another copy of it is being made.
  for (const name of names) await cloneDatabase(server, base, name);
  project.provide("databaseUrl", url);
  process.env.DATABASE_URL = url;
  return async () => {
    for (const name of names) await dropDatabase(server, name).catch(() => {});
    await dropBase();
  };
}

declare module "vitest" {
  // Module augmentation can only be written as an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
