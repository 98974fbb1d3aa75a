// Runs in each integration test worker before the tests: the app's modules read DATABASE_URL when first used.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-that-is-long-enough-123";
