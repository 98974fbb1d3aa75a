import { defineConfig } from "vitest/config";
import { alias } from "./tests/setup/aliases.ts";

// `npm run test:cluster`: real instances, nginx and Postgres. Each file starts its own cluster (or, the job-queue
// test, its own worker processes) on its own database, so files are independent and three run at a time. On the
// shared 2-core machine at load ~35 the files took 3-6.5 min each one after another (most of it starting Next
// instances and workers at a few per cent of a core each); side by side they get three such shares. Every drill
// bounds its own waits and sizes itself by counts, not by a clock.
export default defineConfig({
  resolve: { alias },
  test: {
    name: "cluster",
    include: ["tests/cluster/**/*.test.ts"],
    // A hang catcher, not a speed limit (every wait inside a drill has its own bound): on the 2-core machine at load
    // ~30 the kill drill and the jobs test ran past the former 180 s.
    testTimeout: 600_000,
    hookTimeout: 300_000,
    maxWorkers: 3,
  },
});
