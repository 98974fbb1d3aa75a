import { defineConfig } from "vitest/config";
import { alias } from "./tests/setup/aliases.ts";

// `npm run test:cluster`: real instances, nginx and Postgres; one file at a time (each starts its own cluster).
// scripts/test-cluster.ts runs the job-queue test (no cluster) in a second vitest process beside these. Three
// cluster files side by side failed in their cluster starts on the shared 2-core machine at load ~40 (2026-12-06).
export default defineConfig({
  resolve: { alias },
  test: {
    name: "cluster",
    include: ["tests/cluster/**/*.test.ts"],
    // Hang catchers, not speed limits (every wait inside a drill has its own bound): on the 2-core machine at load
    // ~30 the kill drill and the jobs test ran past the former 180 s, and a cluster start took 140 s at load 35.
    testTimeout: 600_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
