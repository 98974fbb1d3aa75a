// Vitest global setup for integration tests: reuse the database `npm test` created, or make a throwaway one.
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "../../scripts/lib/test-db.ts";

export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  let drop = async () => {};
  if (!url) {
    const db = await createTestDatabase();
    url = db.url;
    drop = db.drop;
  }
  project.provide("databaseUrl", url);
  process.env.DATABASE_URL = url;
  return drop;
}

declare module "vitest" {
  // Module augmentation can only be written as an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
