// Decides whether the production build in .next is stale: a hash of every input the build reads.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const INPUT_DIRS = ["app", "components", "lib", "content", "public", "prisma"];
const INPUT_FILES = ["next.config.mjs", "proxy.ts", "instrumentation.ts", "package-lock.json", "tsconfig.json", "postcss.config.mjs", "package.json"];
const STAMP_NAME = "roundtrip-build-fingerprint";

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

export function buildFingerprint(): string {
  const h = createHash("sha256");
  const files = [...INPUT_DIRS.flatMap((d) => [...walk(d)]), ...INPUT_FILES.filter((f) => existsSync(f))].sort();
  for (const file of files) {
    h.update(file);
    h.update(String(statSync(file).size));
    h.update(readFileSync(file));
  }
  return h.digest("hex");
}

export function buildStamp(distDir = ".next"): string {
  return path.join(distDir, STAMP_NAME);
}

export function buildIsFresh(fingerprint: string, distDir = ".next"): boolean {
  const stamp = buildStamp(distDir);
  return existsSync(path.join(distDir, "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint;
}
