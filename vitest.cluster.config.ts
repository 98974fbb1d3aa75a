import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL("./", import.meta.url)),
  "server-only": fileURLToPath(new URL("./tests/setup/server-only.ts", import.meta.url)),
};

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
