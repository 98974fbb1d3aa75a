// The production server a benchmark measures: `next build` into its own directory when stale, then server.mjs.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { buildFingerprint, buildIsFresh, buildStamp } from "../../scripts/lib/build-fingerprint.ts";

const node = process.execPath;
const bin = (p: string) => path.join("node_modules", p);

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited ${code}`))));
  });
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("next start exited early");
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("the server did not become healthy within 60 s");
}

/**
 * Builds `env.NEXT_DIST_DIR` when its fingerprint is stale (BENCH_REUSE_BUILD=1 measures the build already
 * there: others editing the tree make the fingerprint stale every few minutes), starts `next start` and waits
 * for /api/health. Returns a stop function.
 */
export async function startProductionServer(
  env: NodeJS.ProcessEnv & { NEXT_DIST_DIR: string },
  port: number,
  log: (m: string) => void,
): Promise<(() => Promise<void>) & { pid: number; evaluatorWarm: Promise<void> }> {
  const dist = env.NEXT_DIST_DIR;
  const fingerprint = buildFingerprint();
  if (buildIsFresh(fingerprint, dist)) log(`Production build in ${dist} is up to date`);
  else if (process.env.BENCH_REUSE_BUILD === "1" && existsSync(path.join(dist, "BUILD_ID"))) log(`Reusing the build in ${dist}`);
  else {
    log(`Building (next build → ${dist})`);
    await run(node, [bin("next/dist/bin/next"), "build"], env);
    writeFileSync(buildStamp(dist), fingerprint);
  }
  // server.mjs, as in production: it gives the app each request's socket address (TRUST_PROXY).
  log(`Starting server.mjs on port ${port}`);
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // to see what its request thread spends time on during a run.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const server = spawn(node, [...nodeArgs, "server.mjs", "-p", String(port)], { env, stdio: ["ignore", "pipe", "inherit"] });
  // The server's stdout is read (and otherwise dropped) for the line instrumentation.ts prints once the evaluator's
  // start-up warm-up is over; never resolves when the warm-up is off (EVALUATOR_WARM_UP=off).
  const evaluatorWarm = new Promise<void>((resolve) => {
    createInterface({ input: server.stdout! }).on("line", (line) => {
      if (line.startsWith("evaluator threads warm")) resolve();
    });
  });
  const stop = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  };
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, server);
  } catch (error) {
    await stop();
    throw error;
  }
  return Object.assign(stop, { pid: server.pid ?? 0, evaluatorWarm });
}

/**
 * CPU time (ms, user + system) a process has used so far: its main thread (the request thread of a Node server,
 * whose thread id is the process id) and all its other threads together. Linux only (/proc); null elsewhere.
 * CPU time, unlike latency, does not grow when other programs share the cores, so it compares runs on a busy host.
 */
export function threadCpuMs(pid: number): { main: number; others: number } | null {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on every Linux build that matters
  const cpu = (stat: string) => {
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / ticksPerMs; // utime, stime (fields 14, 15 of stat)
  };
  try {
    const main = cpu(readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8"));
    const all = cpu(readFileSync(`/proc/${pid}/stat`, "utf8")); // the process's stat sums every thread
    return { main, others: all - main };
  } catch {
    return null;
  }
}
