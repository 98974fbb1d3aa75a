import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "prettier";
import { MODEL_VERSION } from "../../lib/core/evaluator/index";
import { bbrKeptAliveConfigs, bbrKeptAliveLossConfigs, bbrKeptAliveLossSizeConfigs, bottleneckConfigs, floorConfig, idleConfigs, keptAliveLossConfigs, keptAliveSizeConfigs, labConfigs, lossBottleneckConfigs, matchesOnly, transfersAtOnce, type CongestionControl, type LabConfig } from "./configs";
import { probeRtt } from "./curl-output";
import {
  availableCongestionControls,
  cleanup,
  ensureTools,
  installCleanupHandlers,
  loadAverage,
  CLIENT_TCP_RMEM,
  clientTcpRmem,
  machineInfo,
  measureOnce,
  measureOnceAsync,
  setCongestionControl,
  setUpLab,
  startBridge,
  setClient,
} from "./lab";
import { mergeInto, parseLabResults, type LabResults, type Measurement } from "./results";
import { writeReport } from "./write-report";

// npm run calibrate [-- --matrix published|kept-alive-loss|idle|bbr-kept-alive|bottleneck|kept-alive-sizes|bbr-kept-alive-loss|bbr-kept-alive-loss-sizes|loss-bottleneck] [--reps N] [--loss-reps N] [--periodic-reps N] [--only SUBSTRING[,SUBSTRING…] [--merge [--pool] [--reuse-floors]]] [--parallel K] [--seed N] [--ssl-buffer-size BYTES] [--record-raw FILE] [--client curl|paced] [--client-rmem raised|kernel] [--out FILE] [--report-only]
// --only random-loss picks the 1 % random-loss configurations (their ids carry no word for it), --only no-random-loss
// every other one. --parallel K runs K random-loss transfers at once over the bridge on paths of 40 ms or more (at most 4 at 10 ms, 1 on the 0 ms floors and behind a bottleneck): the path has
// no bandwidth limit and random loss hits each packet independently, so the flows do not share a bottleneck;
// it is for the random-loss rows, whose medians need hundreds of repetitions. --reuse-floors (with --merge) keeps
// the results file's floors instead of re-measuring them (the floors serve other rows too). --seed sets the
// bridge's first loss seed, so a fit run and a check run draw different losses.
// --merge re-measures the --only configurations (and their floors) and replaces just those in the results file,
// for rows a busy machine contaminated; with --pool it adds the new repetitions to theirs instead, for rows whose
// spread needs more repetitions. The file keeps a note of each merge. --only takes comma-separated substrings.
// Builds the lab network, measures every configuration, and writes docs/calibration-results.json (raw),
// docs/calibration.md and docs/calibration-chart.svg. --report-only re-renders the report from the JSON
// (no root, no network). Runs as root; not part of npm test.

const ROOT = join(import.meta.dirname, "..", "..");
const RESULTS = join(ROOT, "docs", "calibration-results.json");

/** The matrices apart from the published one (configs.ts), by their --matrix name. */
const MATRICES = {
  "kept-alive-loss": keptAliveLossConfigs,
  idle: idleConfigs,
  "bbr-kept-alive": bbrKeptAliveConfigs,
  bottleneck: bottleneckConfigs,
  "kept-alive-sizes": keptAliveSizeConfigs,
  "bbr-kept-alive-loss": bbrKeptAliveLossConfigs,
  "bbr-kept-alive-loss-sizes": bbrKeptAliveLossSizeConfigs,
  "loss-bottleneck": lossBottleneckConfigs,
} as const;

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
  /** With --merge: keep the file's floors rather than measuring them again. */
  reuseFloors: boolean;
  /** Transfers at once over the bridge on paths of 40 ms or more. */
  parallel: number;
  /** The bridge's loss seed for the first group (each further group: +1). */
  seed: number;
  /** nginx's ssl_buffer_size (bytes; its default is 16 KiB): for the first-byte experiment, written to --out only. */
  sslBufferBytes?: number;
  /** Which matrix: the published one (default) or one of MATRICES (each needs --out). */
  matrix: "published" | keyof typeof MATRICES;
  /** --client paced: measure with paced-client.mjs (the idle matrix's client) on another matrix, for tracing runs. */
  client?: "curl" | "paced";
  /** --client-rmem kernel: leave the client namespace's receive buffer at the kernel's default (the earlier
   * method, lab.ts CLIENT_TCP_RMEM), to compare the two. */
  clientRmem: "raised" | "kernel";
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
    reuseFloors: false,
    parallel: 1,
    seed: 1,
    matrix: "published",
    clientRmem: "raised",
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
    else if (a === "--reuse-floors") args.reuseFloors = true;
    else if (a === "--parallel") args.parallel = Number(argv[++i]);
    else if (a === "--seed") args.seed = Number(argv[++i]);
    else if (a === "--ssl-buffer-size") args.sslBufferBytes = Number(argv[++i]);
    else if (a === "--client-rmem") {
      const v = argv[++i];
      if (v !== "raised" && v !== "kernel") throw new Error("--client-rmem must be raised or kernel");
      args.clientRmem = v;
    } else if (a === "--client") {
      const c = argv[++i];
      if (c !== "curl" && c !== "paced") throw new Error("--client must be curl or paced");
      args.client = c;
    } else if (a === "--matrix") {
      const m = argv[++i] ?? "";
      if (m !== "published" && !Object.hasOwn(MATRICES, m))
        throw new Error(`--matrix must be published or one of ${Object.keys(MATRICES).join(", ")}`);
      args.matrix = m as Args["matrix"];
    }
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.merge && !args.only) throw new Error("--merge needs --only");
  if (args.matrix !== "published" && (args.out === RESULTS || args.merge || args.reportOnly))
    throw new Error(`--matrix ${args.matrix} writes its own file: give --out FILE (no --merge, no --report-only)`);
  if (args.sslBufferBytes !== undefined) {
    if (!Number.isInteger(args.sslBufferBytes) || args.sslBufferBytes < 512 || args.sslBufferBytes > 16_384)
      throw new Error("--ssl-buffer-size must be 512..16384 bytes");
    if (args.out === RESULTS || args.merge || args.reportOnly)
      throw new Error("--ssl-buffer-size measures another server: give --out FILE (no --merge, no --report-only)");
  }
  if (args.pool && !args.merge) throw new Error("--pool needs --merge");
  if (args.reuseFloors && !args.merge) throw new Error("--reuse-floors needs --merge");
  for (const [name, n, max] of [
    ["--reps", args.reps, 10_000],
    ["--loss-reps", args.lossReps, 10_000],
    ["--periodic-reps", args.periodicReps, 10_000],
    ["--parallel", args.parallel, 32],
    ["--seed", args.seed, 1_000_000],
  ] as const) {
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be 1..${max}`);
  }
  return args;
}

function groupKey(c: LabConfig): string {
  return `${c.cc}|${c.rttMs}|${c.lossRate}|${c.lossRate > 0 ? c.lossPattern : "none"}|${c.rateMbps ?? "unlimited"}`;
}

async function measureAll(args: Args): Promise<LabResults> {
  if (process.getuid?.() !== 0) throw new Error("the lab builds network namespaces: run it as root");
  ensureTools();
  const available = availableCongestionControls();
  const matrix = args.matrix === "published" ? labConfigs() : MATRICES[args.matrix]();
  let configs = matrix.filter((c) => available.includes(c.cc));
  const only = args.only?.split(",").filter((x) => x !== "");
  if (only) configs = configs.filter((c) => matchesOnly(c, only));
  if (configs.length === 0) throw new Error("no configuration to run");
  const skipped = matrix.filter((c) => !available.includes(c.cc)).length;
  if (skipped > 0) console.log(`skipping ${skipped} configurations: ${available.join(", ")} only in this kernel`);

  const startedAt = new Date();
  const loadAverageStart = loadAverage();
  installCleanupHandlers();
  // The idle rows need the configured gap, which curl's --rate cannot hold (lab.ts setClient, paced-client.mjs).
  setClient(args.client ?? (args.matrix === "idle" ? "paced" : "curl"));
  // nginx serves one file per response size the run measures (a floor shares its configuration's size).
  const lab = await setUpLab(
    [...new Set(configs.map((c) => c.bytes))],
    args.sslBufferBytes,
    args.clientRmem === "raised" ? CLIENT_TCP_RMEM : undefined,
  );
  const rmem = clientTcpRmem();
  const groups = new Map<string, LabConfig[]>();
  for (const c of configs) groups.set(groupKey(c), [...(groups.get(groupKey(c)) ?? []), c]);
  // The floors (0 ms, no loss) of every configuration, one group per congestion control, measured first.
  const floors = new Map<string, LabConfig>();
  // The hosts' own connect time per floor (ms): what the RTT probe subtracts from a handshake's time.
  const hostConnectMs = new Map<string, number>();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  if (args.reuseFloors) {
    const base = parseLabResults(readFileSync(args.out, "utf8"));
    for (const c of configs) {
      const f = base.floors.find((m) => m.config.id === floorConfig(c).id);
      if (!f) throw new Error(`--reuse-floors: ${args.out} has no floor for ${c.id}`);
      hostConnectMs.set(f.config.id, median(f.samples.map((x) => x.priorConnectMs ?? x.connectMs)));
    }
  } else {
    for (const c of configs) floors.set(floorConfig(c).id, floorConfig(c));
  }
  for (const f of floors.values()) groups.set(groupKey(f), [...(groups.get(groupKey(f)) ?? []), f]);
  const ordered = new Map(
    [...groups].sort(([a], [b]) => Number(b.split("|")[1] === "0") - Number(a.split("|")[1] === "0")),
  );
  const all = [...configs, ...floors.values()];
  const samples = new Map<string, Measurement>(all.map((c) => [c.id, { config: c, samples: [] }]));
  let seed = args.seed;
  let done = 0;
  const groupLoad = new Map<string, number[]>();
  const groupExtra = new Map<string, Pick<Measurement, "loadRange" | "parallel" | "bridge">>();
  const rejected = new Map<string, number>();
  for (const group of ordered.values()) {
    const first = group[0] as LabConfig;
    setCongestionControl(first.cc as CongestionControl);
    const stopBridge = await startBridge(lab, first.rttMs, first.lossRate, first.lossPattern, seed++, first.rateMbps);
    // Idle rows pace curl with --rate from the previous repetition's time (lab.ts measureOnce): one at a time.
    const k = transfersAtOnce(group, args.parallel);
    let loadLow = loadAverage()[0] as number;
    let loadHigh = loadLow;
    let bridgeSaid = "";
    try {
      // Repetitions interleave the group's configurations so slow drift in the machine's load hits them alike.
      // Periodic loss repeats its drops on every connection, so it needs no more repetitions than a loss-free path.
      const reps =
        first.lossRate > 0 ? (first.lossPattern === "periodic" ? args.periodicReps : args.lossReps) : args.reps;
      const queue: { c: LabConfig; rep: number }[] = [];
      for (let rep = 0; rep < reps; rep++) for (const c of group) queue.push({ c, rep });
      let next = 0;
      const worker = async () => {
        while (next < queue.length) {
          const { c, rep } = queue[next++] as { c: LabConfig; rep: number };
          let attempt = 0;
          let off = 0;
          for (;;) {
            // Measurements may be synchronous: yield so a Ctrl-C or SIGTERM handler can run (and clean up) between them.
            await new Promise((resolve) => setImmediate(resolve));
            try {
              const { timing, raw } = k > 1 ? await measureOnceAsync(lab, c) : measureOnce(lab, c);
              const l1 = loadAverage()[0] as number;
              loadLow = Math.min(loadLow, l1);
              loadHigh = Math.max(loadHigh, l1);
              const host = hostConnectMs.get(floorConfig(c).id) ?? 0;
              // A kept-alive row's first transfer opened the connection: its handshake probes the bridge's RTT.
              const probe =
                timing.priorConnectMs !== undefined
                  ? probeRtt({ rttMs: c.rttMs, connection: "new" }, { connectMs: timing.priorConnectMs }, host)
                  : probeRtt(c, timing, host);
              if (probe === "off") {
                // The bridge or an endpoint was held up: this repetition's path was not the configured one.
                rejected.set(c.id, (rejected.get(c.id) ?? 0) + 1);
                if (++off > 20) throw new Error(`${c.id}: the RTT probe failed 20 times in a row (machine too busy)`);
                continue;
              }
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
      };
      await Promise.all(Array.from({ length: k }, worker));
    } finally {
      bridgeSaid = await stopBridge();
    }
    // A floor's median connect time is the probe's host share for the rows measured after it.
    for (const c of group) {
      // (A kept-alive floor's measured transfer reuses its connection: the first transfer's handshake is the one.)
      if (c.rttMs === 0)
        hostConnectMs.set(c.id, median(samples.get(c.id)?.samples.map((x) => x.priorConnectMs ?? x.connectMs) ?? []));
    }
    done += group.length;
    // The 1-minute load average as the group ends: a group measured while other work crowded the machine shows here.
    const load = loadAverage();
    for (const c of group) {
      groupLoad.set(c.id, load);
      groupExtra.set(c.id, {
        loadRange: [Math.min(loadLow, load[0] as number), Math.max(loadHigh, load[0] as number)],
        ...(k > 1 ? { parallel: k } : {}),
        ...(bridgeSaid ? { bridge: bridgeSaid } : {}),
      });
    }
    console.log(
      `${done}/${all.length} configurations measured (${first.cc}, RTT ${first.rttMs} ms, loss ${first.lossRate * 100} % ${first.lossPattern}, ${k} at once, load ${load.join(" ")}) ${bridgeSaid}`,
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
    ...(args.sslBufferBytes !== undefined ? { sslBufferBytes: args.sslBufferBytes } : {}),
    machine: { ...info, loadAverageStart, loadAverageEnd: loadAverage(), congestionControls: available, clientTcpRmem: rmem },
    measurements: configs.map((c) => ({
      ...(samples.get(c.id) as Measurement),
      loadAverage: groupLoad.get(c.id),
      ...groupExtra.get(c.id),
      rttRejected: rejected.get(c.id) ?? 0,
    })),
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
    if (args.merge) {
      const fresh = results;
      results = mergeInto(parseLabResults(readFileSync(args.out, "utf8")), fresh, args.pool);
      // A re-run of the random-loss rows alone sets their repetition count for the whole file.
      if (!args.pool && fresh.measurements.every((m) => m.config.lossRate > 0 && m.config.lossPattern === "random"))
        results.lossRepetitions = fresh.lossRepetitions;
    }
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
