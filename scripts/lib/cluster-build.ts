// The one production build every cluster instance runs (`npm run cluster`, `npm run test:cluster`, `npm run
// faults`): built once with the cluster's shared server-action key, and reused while the sources are unchanged.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildFingerprint, buildIsFresh, buildStamp } from "./build-fingerprint.ts";

/** Builds into `dist` unless a build of these sources is there (or CLUSTER_REUSE_BUILD=1 and any build is). */
export async function ensureClusterBuild(options: { dist: string; env: NodeJS.ProcessEnv; log: (m: string) => void }): Promise<void> {
  const { dist, log } = options;
  const fingerprint = buildFingerprint();
  if (buildIsFresh(fingerprint, dist) || (process.env.CLUSTER_REUSE_BUILD === "1" && existsSync(path.join(dist, "BUILD_ID")))) {
    log(`Using the production build in ${dist}`);
    return;
  }
  log(`Building the app once into ${dist}…`);
  const env = { ...options.env, NEXT_DIST_DIR: dist, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" };
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  const code = await new Promise<number>((resolve) =>
    spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env }).on("exit", (c) => resolve(c ?? 1)),
  );
  // next build adds its dist dir to tsconfig.json's include; put the file back so the tree stays clean.
  writeFileSync("tsconfig.json", tsconfig);
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  writeFileSync(buildStamp(dist), fingerprint);
}
