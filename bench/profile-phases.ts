// Splits a server's `node --cpu-prof` profile into bench:quiz's phases and prints, per request, where each phase's
// request-thread CPU went: by package, by function (self time, submissions beside health) and inclusive.
//
//   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" BENCH_PHASES_OUT=/tmp/phases.json npm run bench:quiz
//   npx tsx bench/profile-phases.ts /tmp/prof/CPU.*.cpuprofile /tmp/phases.json [top]
//
// The phases' windows are on CLOCK_MONOTONIC (process.hrtime), the clock of the profile's timestamps, so samples
// fall into the phase that was running. Idle samples are left out; the per-request figures divide by the phase's
// requests (BENCH_REQUESTS per round, read from the windows file). Minified chunk functions are named by their
// chunk, line and column with the first characters of their source, which is enough to find them.
import { readFileSync } from "node:fs";
import { z } from "zod";

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number(), columnNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  startTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
const window = z.tuple([z.number(), z.number()]);
const phasesSchema = z.object({ health: z.array(window), submit: z.array(window), requests: z.number().int().positive() });

type ProfileNode = z.infer<typeof profileSchema>["nodes"][number];
type Phase = { requests: number; self: Map<string, number>; packages: Map<string, number>; inclusive: Map<string, number> };

const [profileFile, phasesFile, topArg] = process.argv.slice(2);
if (!profileFile || !phasesFile) {
  console.error("usage: tsx bench/profile-phases.ts <server.cpuprofile> <phases.json> [top]");
  process.exit(2);
}
const profile = profileSchema.parse(JSON.parse(readFileSync(profileFile, "utf8")));
const phases = phasesSchema.parse(JSON.parse(readFileSync(phasesFile, "utf8")));
const top = Number(topArg ?? 30);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
const sources = new Map<string, string[]>();

function where(url: string): string {
  if (!url) return "(native)";
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1] as string;
  if (url.includes("/server/chunks/")) return "app chunks";
  return url.startsWith("node:") ? "node core" : (url.split("/").pop() ?? url);
}

function label(n: ProfileNode): string {
  const { functionName, url, lineNumber, columnNumber } = n.callFrame;
  const name = `${functionName || "(anonymous)"} ${where(url)}:${lineNumber + 1}`;
  if (!url.includes("/server/chunks/")) return name;
  if (!sources.has(url)) sources.set(url, readFileSync(new URL(url), "utf8").split("\n"));
  const text = (sources.get(url)?.[lineNumber] ?? "").slice(columnNumber, columnNumber + 60).replace(/\s+/g, " ");
  return `${name}:${columnNumber} ${text}`;
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
let clock = profile.startTime;
const times = profile.timeDeltas.map((d) => (clock += d));

function phase(windows: [number, number][]): Phase {
  const out: Phase = { requests: windows.length * phases.requests, self: new Map(), packages: new Map(), inclusive: new Map() };
  for (let i = 0; i < profile.samples.length - 1; i++) {
    const at = times[i] as number;
    if (!windows.some(([start, end]) => at >= start && at < end)) continue;
    const node = byId.get(profile.samples[i] as number) as ProfileNode;
    const name = node.callFrame.functionName;
    if (name === "(idle)") continue;
    const us = (times[i + 1] as number) - at;
    add(out.self, label(node), us);
    add(out.packages, name.startsWith("(") && !node.callFrame.url ? name : where(node.callFrame.url), us);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parentOf.get(id)) {
      const l = label(byId.get(id) as ProfileNode);
      if (!seen.has(l)) add(out.inclusive, l, us);
      seen.add(l);
    }
  }
  return out;
}

const health = phase(phases.health);
const submit = phase(phases.submit);
const perRequest = (p: Phase, us: number) => (us / p.requests).toFixed(1).padStart(8);
const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
const busy = (p: Phase) => [...p.packages.values()].reduce((s, v) => s + v, 0);

console.log(`request thread, busy µs per request: submit ${perRequest(submit, busy(submit))}, health ${perRequest(health, busy(health))}`);
for (const [name, p] of [["submit", submit], ["health", health]] as const) {
  console.log(`\n${name}: by package (µs per request)`);
  for (const [k, v] of sorted(p.packages)) console.log(`${perRequest(p, v)}  ${k}`);
}
console.log("\nself time per request (µs): submit, health");
for (const [k, v] of sorted(submit.self)) console.log(`${perRequest(submit, v)}${perRequest(health, health.self.get(k) ?? 0)}  ${k}`);
console.log("\nsubmit: inclusive time per request (µs)");
for (const [k, v] of sorted(submit.inclusive)) console.log(`${perRequest(submit, v)}  ${k}`);
