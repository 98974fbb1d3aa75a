import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// Browser benchmarks (`npm run bench:canvas`): the same server and browser as the end-to-end tests, but they
// print figures instead of asserting them.
export default defineConfig({ ...base, testDir: "bench/browser", timeout: 300_000 });
