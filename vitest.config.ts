import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { alias } from "./tests/setup/aliases.ts";

// Two projects: pure unit tests run anywhere; integration tests get a throwaway Postgres database.
export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's default is one worker fewer than the CPUs, which on a 2-core CI machine is a single worker: every unit
    // file then waits behind the integration files (which run one at a time on their shared database). Two workers
    // let the unit files run beside them.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 60_000 },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/integration-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
