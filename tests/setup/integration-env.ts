// Runs in each integration test worker before the tests: the app's modules read DATABASE_URL when first used, so
// each worker points them at its own copy of the test database (tests/setup/global-db.ts made one per worker).
import { inject } from "vitest";
import { withDatabase } from "../../scripts/lib/embedded-pg.ts";
import { workerDatabaseName } from "./worker-db.ts";

const base = inject("databaseUrl");
process.env.DATABASE_URL = withDatabase(base, workerDatabaseName(new URL(base).pathname.slice(1), process.env.VITEST_POOL_ID ?? 1));
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-that-is-long-enough-123";
