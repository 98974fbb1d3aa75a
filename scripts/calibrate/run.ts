import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "prettier";
import { MODEL_VERSION } from "../../lib/core/evaluator/index";
import { floorConfig, labConfigs, SIZES, type CongestionControl, type LabConfig } from "./configs";
import {
  availableCongestionControls,
  cleanup,
  ensureTools,
  installCleanupHandlers,
  loadAverage,
  machineInfo,
  measureOnce,
  setCongestionControl,
  setUpLab,
  startBridge,
} from "./lab";
import { mergeInto, parseLabResults, type LabResults, type Measurement } from "./results";
import { writeReport } from "./write-report";

// npm run calibrate [-- --reps N] [--loss-reps N] [--periodic-reps N] [--only SUBSTRING[,SUBSTRING…] [--merge [--pool]]] [--record-raw FILE] [--out FILE] [--report-only]
// --merge re-measures the --only configurations (and their floors) and replaces just those in the results file,
// for rows a busy machine contaminated; with --pool it adds the new repetitions to theirs instead, for rows whose
// spread needs more repetitions. The file keeps a note of each merge. --only takes comma-separated substrings.
// Builds the lab network, measures every configuration, and writes docs/calibration-results.json (raw),
// docs/calibration.md and docs/calibration-chart.svg. --report-only re-renders the report from the JSON
// (no root, no network). Runs as root; not part of npm test.

const ROOT = join(import.meta.dirname, "..", "..");
const RESULTS = join(ROOT, "docs", "calibration-results.json");

type Args = {
  reps: number;
  /** Repetitions of the random-loss configurations: one transfer at 1 % loss can take 2–5× another, so 5 cannot pin a median. */
  lossReps: number;
  /** Repetitions of the periodic-loss configurations (deterministic drops: spread is the hosts' only). */
  periodicReps: number;
  only?: string;
  recordRaw?: string;
  out: string;
  reportOnly: boolean;
  merge: boolean;
  /** With --merge: add the fresh repetitions to the file's instead of replacing them. */
  pool: boolean;
};

function parseArgs(argv: string[]): Args {
  const args: Args = {
    reps: 5,
    lossReps: 31,
    periodicReps: 11,
    out: RESULTS,
    reportOnly: false,
    merge: false,
    pool: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--reps") args.reps = Number(argv[++i]);
    else if (a === "--loss-reps") args.lossReps = Number(argv[++i]);
    else if (a === "--periodic-reps") args.periodicReps = Number(argv[++i]);
    else if (a === "--out") args.out = join(process.cwd(), argv[++i] ?? "");
    else if (a === "--only") args.only = argv[++i];
    else if (a === "--record-raw") args.recordRaw = argv[++i];
    else if (a === "--report-only") args.reportOnly = true;
    else if (a === "--merge") args.merge = true;
    else if (a === "--pool") args.pool = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.merge && !args.only) throw new Error("--merge needs --only");
  if (args.pool && !args.merge) throw new Error("--pool needs --merge");
  for (const [name, n] of [
    ["--reps", args.reps],
    ["--loss-reps", args.lossReps],
    ["--periodic-reps", args.periodicReps],
  ] as const) {
    if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`${name} must be 1..100`);
  }
  return args;
}

function groupKey(c: LabConfig): string {
  return `${c.cc}|${c.rttMs}|${c.lossRate}|${c.lossRate > 0 ? c.lossPattern : "none"}`;
}

async function measureAll(args: Args): Promise<LabResults> {
  if (process.getuid?.() !== 0) throw new Error("the lab builds network namespaces: run it as root");
  ensureTools();
  const available = availableCongestionControls();
  let configs = labConfigs().filter((c) => available.includes(c.cc));
  const only = args.only?.split(",").filter((x) => x !== "");
  if (only) configs = configs.filter((c) => only.some((o) => c.id.includes(o)));
  if (configs.length === 0) throw new Error("no configuration to run");
  const skipped = labConfigs().filter((c) => !available.includes(c.cc)).length;
  if (skipped > 0) console.log(`skipping ${skipped} configurations: ${available.join(", ")} only in this kernel`);

  const startedAt = new Date();
  const loadAverageStart = loadAverage();
  installCleanupHandlers();
  const lab = await setUpLab(Object.values(SIZES));
  const groups = new Map<string, LabConfig[]>();
  for (const c of configs) groups.set(groupKey(c), [...(groups.get(groupKey(c)) ?? []), c]);
  // The floors (0 ms, no loss) of every configuration, one group per congestion control, measured first.
  const floors = new Map<string, LabConfig>();
  for (const c of configs) floors.set(floorConfig(c).id, floorConfig(c));
  for (const f of floors.values()) groups.set(groupKey(f), [...(groups.get(groupKey(f)) ?? []), f]);
  const ordered = new Map(
    [...groups].sort(([a], [b]) => Number(b.split("|")[1] === "0") - Number(a.split("|")[1] === "0")),
  );
  const all = [...configs, ...floors.values()];
  const samples = new Map<string, Measurement>(all.map((c) => [c.id, { config: c, samples: [] }]));
  let seed = 1;
  let done = 0;
  const groupLoad = new Map<string, number[]>();
  for (const group of ordered.values()) {
    const first = group[0] as LabConfig;
    setCongestionControl(first.cc as CongestionControl);
    const stopBridge = await startBridge(lab, first.rttMs, first.lossRate, first.lossPattern, seed++);
    try {
      // Repetitions interleave the group's configurations so slow drift in the machine's load hits them alike.
      // Periodic loss repeats its drops on every connection, so it needs no more repetitions than a loss-free path.
      const reps =
        first.lossRate > 0 ? (first.lossPattern === "periodic" ? args.periodicReps : args.lossReps) : args.reps;
      for (let rep = 0; rep < reps; rep++) {
        for (const c of group) {
          let attempt = 0;
          for (;;) {
            // Measurements are synchronous: yield so a Ctrl-C or SIGTERM handler can run (and clean up) between them.
            await new Promise((resolve) => setImmediate(resolve));
            try {
              const { timing, raw } = measureOnce(lab, c);
              samples.get(c.id)?.samples.push(timing);
              if (args.recordRaw) appendFileSync(args.recordRaw, `# ${c.id} rep ${rep + 1}\n${raw}`);
              break;
            } catch (err) {
              // A lossy path can time out a transfer; two retries, then the run fails loudly.
              if (++attempt > 2) throw err;
              console.warn(`retrying ${c.id}: ${(err as Error).message}`);
            }
          }
        }
      }
    } finally {
      await stopBridge();
    }
    done += group.length;
    // The 1-minute load average as the group ends: a group measured while other work crowded the machine shows here.
    const load = loadAverage();
    for (const c of group) groupLoad.set(c.id, load);
    console.log(
      `${done}/${all.length} configurations measured (${first.cc}, RTT ${first.rttMs} ms, loss ${first.lossRate * 100} %)`,
    );
  }
  const finishedAt = new Date();
  const info = machineInfo();
  cleanup();
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    repetitions: args.reps,
    lossRepetitions: args.lossReps,
    periodicLossRepetitions: args.periodicReps,
    modelVersion: MODEL_VERSION,
    machine: { ...info, loadAverageStart, loadAverageEnd: loadAverage(), congestionControls: available },
    measurements: configs.map((c) => ({ ...(samples.get(c.id) as Measurement), loadAverage: groupLoad.get(c.id) })),
    floors: [...floors.keys()].map((id) => ({ ...(samples.get(id) as Measurement), loadAverage: groupLoad.get(id) })),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let results: LabResults;
  if (args.reportOnly) {
    results = parseLabResults(readFileSync(RESULTS, "utf8"));
  } else {
    results = await measureAll(args);
    if (args.merge) results = mergeInto(parseLabResults(readFileSync(args.out, "utf8")), results, args.pool);
    writeFileSync(args.out, await format(JSON.stringify(results), { parser: "json", filepath: args.out }));
    console.log(`raw results: ${args.out}`);
    // A run written elsewhere (the fit run) leaves the published page alone.
    if (args.out !== RESULTS) return;
  }
  const summary = await writeReport(ROOT, results);
  console.log(summary);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  cleanup();
  process.exit(1);
});
