import { fileURLToPath } from "node:url";

// The import aliases every vitest config shares (vitest.config.ts, vitest.cluster.config.ts): "@" is the
// repository root, and "server-only" is a no-op so server modules load under test.
export const alias = {
  "@": fileURLToPath(new URL("../../", import.meta.url)),
  "server-only": fileURLToPath(new URL("./server-only.ts", import.meta.url)),
};
