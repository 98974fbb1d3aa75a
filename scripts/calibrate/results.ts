import { z } from "zod";
import type { LabConfig } from "./configs";
import type { CurlTiming } from "./curl-output";

// The lab's raw results file (docs/calibration-results.json): every repetition of every configuration, and the
// machine it ran on. The report is rendered from this file, so it can be re-rendered without re-running the lab.

const configSchema = z.object({
  id: z.string().min(1).max(200),
  cc: z.enum(["cubic", "bbr"]),
  rttMs: z.number().finite().min(0).max(10_000),
  lossRate: z.number().min(0).max(1),
  /** Absent in runs before periodic loss existed: those dropped at random. */
  lossPattern: z.enum(["random", "periodic"]).default("random"),
  tls: z.enum(["1.2", "1.3"]),
  http: z.enum(["1.1", "2"]),
  connection: z.enum(["new", "kept-alive"]),
  /** Kept-alive requests before the measured one (absent: 1). */
  priorRequests: z.number().int().min(1).max(100).optional(),
  /** Kept-alive idle rows: the client's target gap before the measured request (ms; absent: back to back). */
  idleMs: z.number().int().min(0).max(600_000).optional(),
  /** Rows behind a bottleneck: the bridge's rate (Mbit/s; absent: none). */
  rateMbps: z.number().finite().positive().max(100_000).optional(),
  bytes: z.number().int().min(0).max(100_000_000),
  serviceMs: z.number().finite().min(0).max(60_000),
});

const timingSchema = z.object({
  responseCode: z.number().int(),
  httpVersion: z.string().max(8),
  newConnections: z.number().int().min(0),
  sizeBytes: z.number().int().min(0),
  connectMs: z.number().finite().min(0),
  appconnectMs: z.number().finite().min(0),
  ttfbMs: z.number().finite().min(0),
  totalMs: z.number().finite().min(0),
  gapMs: z.number().finite().min(0).optional(),
  priorConnectMs: z.number().finite().min(0).optional(),
});

const measurementSchema = z.object({
  config: configSchema,
  samples: z.array(timingSchema).min(1),
  /** 1-, 5- and 15-minute load average when the configuration's group finished (absent in older runs). */
  loadAverage: z.array(z.number()).length(3).optional(),
  /** Lowest and highest 1-minute load average seen while the configuration's group ran (absent in older runs). */
  loadRange: z.array(z.number()).length(2).optional(),
  /** Transfers run at once over the bridge (absent: 1). */
  parallel: z.number().int().min(1).max(64).optional(),
  /** Repetitions rejected and redone because their handshake's RTT was more than 5 % off the bridge's (RTT probe). */
  rttRejected: z.number().int().min(0).optional(),
  /** What the bridge said it forwarded, lost and overflowed while the group ran. */
  bridge: z.string().max(500).optional(),
});

export const labResultsSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  durationSeconds: z.number().finite().min(0),
  repetitions: z.number().int().min(1).max(10_000),
  /** Repetitions of the lossy configurations (absent in older runs: the same as repetitions). */
  lossRepetitions: z.number().int().min(1).max(10_000).optional(),
  /** Repetitions of the periodic-loss configurations (absent in runs before periodic loss). */
  periodicLossRepetitions: z.number().int().min(1).max(10_000).optional(),
  modelVersion: z.string(),
  /** nginx's ssl_buffer_size when the run set one (--ssl-buffer-size; absent: nginx's 16 KiB default). */
  sslBufferBytes: z.number().int().min(512).max(16_384).optional(),
  machine: z.object({
    cpu: z.string(),
    cores: z.number().int().min(1),
    kernel: z.string(),
    loadAverageStart: z.array(z.number()).length(3),
    loadAverageEnd: z.array(z.number()).length(3),
    congestionControls: z.array(z.string()),
    tools: z.record(z.string(), z.string()),
    /** The client namespace's net.ipv4.tcp_rmem during the run (absent in earlier runs: the kernel's default,
     * 4096 131072 6291456; lab.ts CLIENT_TCP_RMEM). */
    clientTcpRmem: z.string().optional(),
  }),
  measurements: z.array(measurementSchema).min(1),
  /** The floors: each configuration's protocol and size at 0 ms RTT and no loss (see floorConfig). */
  floors: z.array(measurementSchema).default([]),
  /** Configurations re-measured later (npm run calibrate -- --only … --merge) and replaced in this file. */
  reruns: z
    .array(
      z.object({
        at: z.string(),
        ids: z.array(z.string()),
        repetitions: z.number().int().min(1),
        loadAverage: z.array(z.number()).length(3),
        /** The new repetitions were added to the earlier ones (absent or false: they replaced them). */
        pooled: z.boolean().optional(),
      }),
    )
    .optional(),
});

export type LabResults = z.infer<typeof labResultsSchema>;
export type Measurement = {
  config: LabConfig;
  samples: CurlTiming[];
  loadAverage?: number[];
  loadRange?: number[];
  parallel?: number;
  rttRejected?: number;
  bridge?: string;
};

export function parseLabResults(json: string): LabResults {
  return labResultsSchema.parse(JSON.parse(json));
}

/**
 * The base results with a later run's configurations and floors merged in, and a note of the merge: the fresh
 * measurements replace the base's of the same id, or with `pool` their repetitions are added to the base's (a
 * configuration the base lacks is added either way).
 */
export function mergeInto(base: LabResults, fresh: LabResults, pool = false): LabResults {
  // One file, one method: a row re-measured with another client receive buffer is another experiment.
  if (base.machine.clientTcpRmem !== fresh.machine.clientTcpRmem)
    throw new Error(
      `the file was measured with the client's tcp_rmem ${base.machine.clientTcpRmem ?? "at the kernel's default"}, this run with ${fresh.machine.clientTcpRmem ?? "the kernel's default"}: write it to its own file (--out) or pass --client-rmem to match`,
    );
  const merge = (old: Measurement[], add: Measurement[]): Measurement[] => {
    const byId = new Map(add.map((m) => [m.config.id, m]));
    const kept = old.map((m) => {
      const f = byId.get(m.config.id);
      if (!f) return m;
      byId.delete(m.config.id);
      return pool ? { ...m, samples: [...m.samples, ...f.samples] } : f;
    });
    return [...kept, ...byId.values()];
  };
  return {
    ...base,
    measurements: merge(base.measurements, fresh.measurements),
    floors: merge(base.floors, fresh.floors),
    reruns: [
      ...(base.reruns ?? []),
      {
        at: fresh.startedAt,
        ids: fresh.measurements.map((m) => m.config.id),
        repetitions: fresh.repetitions,
        loadAverage: fresh.machine.loadAverageStart,
        ...(pool ? { pooled: true } : {}),
      },
    ],
  };
}
