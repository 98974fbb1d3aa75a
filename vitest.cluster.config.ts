import { defineConfig } from "vitest/config";
import { alias } from "./tests/setup/aliases.ts";

// `npm run test:cluster`: real instances, nginx and Postgres; one file at a time (each starts its own cluster).
export default defineConfig({
  resolve: { alias },
  test: {
    name: "cluster",
    include: ["tests/cluster/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
