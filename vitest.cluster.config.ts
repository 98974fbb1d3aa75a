import { defineConfig } from "vitest/config";
import { alias } from "./tests/setup/aliases.ts";

// `npm run test:cluster`: real instances, nginx and Postgres; one file at a time (each starts its own cluster).
// scripts/test-cluster.ts runs the job-queue test (no cluster) in a second vitest process beside these.
export default defineConfig({
  resolve: { alias },
  test: {
    name: "cluster",
    include: ["tests/cluster/**/*.test.ts"],
    // A hang catcher, not a speed limit (every wait inside a drill has its own bound): on the 2-core machine at load
    // ~30 the kill drill and the jobs test ran past the former 180 s.
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
