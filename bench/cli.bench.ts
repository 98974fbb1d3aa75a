import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

// npm run bench:cli — the command-line evaluator (what `npm run -s evaluate` runs) on a tiny design, beside a bare
// `node -e 0` measured in the same run, interleaved so drift in the machine's load hits both alike.
// Target: the CLI costs at most 3× the bare start-up. The figure judged is CPU time (user + sys of the child,
// from the kernel's accounting of waited-for children), which the other work on a shared machine does not inflate;
// wall time is printed beside it. npm's own start-up (~0.3 s of CPU) is printed separately: it is the same for
// every npm script and not the CLI's.

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DESIGN = fileURLToPath(new URL("../lib/core/evaluator/examples/single-server.json", import.meta.url));
const CLI = ["scripts/evaluate-cli.cjs", DESIGN];
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TARGET_RATIO = 3;
const TICK_MS = 1000 / 100; // USER_HZ: /proc reports children's CPU time in ticks of 10 ms

/** CPU time (ms) of all children this process has waited for: /proc/self/stat fields cutime and cstime. */
function childrenCpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

type Sample = { cpuMs: number; wallMs: number };

function once(cmd: string, args: string[]): Sample {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { cpuMs: childrenCpuMs() - cpu0, wallMs };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

// Children's CPU time comes in 10 ms ticks, so per-run figures are means over all runs, not medians.
const summarize = (xs: Sample[]) => ({
  cpuMs: xs.reduce((a, x) => a + x.cpuMs, 0) / xs.length,
  wallMs: median(xs.map((x) => x.wallMs)),
});

// Warm-up: builds the bundle if it is stale and writes V8's code cache, as the first `npm run evaluate` would.
once(process.execPath, CLI);
once(process.execPath, CLI);

const bare: Sample[] = [];
const json: Sample[] = [];
const text: Sample[] = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(once(process.execPath, ["-e", "0"]));
  json.push(once(process.execPath, [...CLI, "--format", "json"]));
  text.push(once(process.execPath, [...CLI, "--format", "text"]));
}
const npmRuns: Sample[] = [];
const tsxRuns: Sample[] = [];
const TSX = fileURLToPath(new URL("../node_modules/tsx/dist/cli.mjs", import.meta.url));
for (let i = 0; i < Math.min(5, RUNS); i++) {
  npmRuns.push(once("npm", ["run", "-s", "evaluate", "--", DESIGN]));
  tsxRuns.push(once(process.execPath, [TSX, "scripts/evaluate.ts", DESIGN]));
}

const floor = summarize(bare);
const fmt = (s: { cpuMs: number; wallMs: number }) =>
  `CPU ${s.cpuMs.toFixed(0).padStart(4)} ms  wall ${s.wallMs.toFixed(0).padStart(5)} ms`;
console.log(
  `Roundtrip CLI benchmark (node ${process.version}; ${RUNS} runs each, interleaved; CPU = mean user+sys, wall = median; ` +
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(", ")} on ${availableParallelism()} cores)`,
);
console.log(`floor: node -e 0                     ${fmt(floor)}`);
let ok = true;
for (const [name, xs] of [
  ["evaluate --format json", json],
  ["evaluate --format text", text],
] as const) {
  const s = summarize(xs);
  const ratio = s.cpuMs / floor.cpuMs;
  ok &&= ratio <= TARGET_RATIO;
  console.log(
    `${name.padEnd(36)} ${fmt(s)}  ratio ${ratio.toFixed(2)}× (CPU; wall ${(s.wallMs / floor.wallMs).toFixed(2)}×)  ` +
      `target ≤ ${TARGET_RATIO}× ${ratio <= TARGET_RATIO ? "OK" : "MISSED"}`,
  );
}
const npm = summarize(npmRuns);
console.log(
  `npm run -s evaluate (json), for reference ${fmt(npm)}  (npm's own start-up included; ${npmRuns.length} runs)`,
);
const tsx = summarize(tsxRuns);
console.log(
  `before: tsx scripts/evaluate.ts (json)  ${fmt(tsx)}  ratio ${(tsx.cpuMs / floor.cpuMs).toFixed(2)}× (${tsxRuns.length} runs)`,
);
if (!ok) process.exitCode = 1;
