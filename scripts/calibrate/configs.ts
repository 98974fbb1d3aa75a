// The calibration lab's configurations: every path, protocol and response the lab measures.
// Pure data; the lab (lab.ts) builds the network for each one and predict.ts computes the model's figure.

export type CongestionControl = "cubic" | "bbr";
export type LabTls = "1.2" | "1.3";
export type LabHttp = "1.1" | "2";
export type LabConnection = "new" | "kept-alive";
/**
 * How the bridge drops packets (bridge.c). `periodic`: every round(1/lossRate)-th packet of each direction,
 * counted from the connection's SYN, so every repetition loses the same packets (the deterministic process of
 * Mathis et al., CCR 1997). `random`: each packet independently (what a real lossy path does; one transfer can
 * take several times another, so its median needs many repetitions).
 */
export type LossPattern = "random" | "periodic";

export type LabConfig = {
  id: string;
  /** Congestion control of both namespaces (the server's is the one that matters: it sends the response). */
  cc: CongestionControl;
  /** Round-trip time the bridge adds (ms): half of it each way. */
  rttMs: number;
  /** Share of packets the bridge drops, each direction independently (0..1). */
  lossRate: number;
  /** How the losses fall (ignored when lossRate is 0). */
  lossPattern: LossPattern;
  tls: LabTls;
  http: LabHttp;
  /** new: a fresh curl, so TCP + TLS handshakes and slow start; kept-alive: the 2nd of two identical requests on one connection. */
  connection: LabConnection;
  /**
   * Kept-alive only: identical requests the connection carries back to back before the measured one (default 1).
   * More of them let a lossy connection's window settle towards its loss-limited size (keptAliveLossConfigs).
   */
  priorRequests?: number;
  /**
   * Kept-alive only: how long the client waits (ms) after the prior response's last byte before it sends the measured
   * request (absent: back to back). Linux restarts slow start on a connection whose sender has been idle longer than
   * its retransmission timeout (tcp_slow_start_after_idle; idleConfigs). curl spaces its transfers with --rate; the
   * gap each repetition really had is recorded with it (CurlTiming.gapMs).
   */
  idleMs?: number;
  /**
   * The bridge's bottleneck rate (Mbit/s, each direction; absent: no limit, the path is as fast as the hosts).
   * bridge.c serialises each packet at this rate behind the ones queued before it (a FIFO of 8,192 packets).
   */
  rateMbps?: number;
  /** Response body size (bytes). */
  bytes: number;
  /** Origin service time (ms): 0 = nginx serves a static file, else a proxied origin that waits this long. */
  serviceMs: number;
};

export const RTTS_MS = [10, 40, 100, 200] as const;
export const SIZES = {
  "1 kB": 1_000,
  "30 kB": 30_000,
  "100 kB": 100_000,
  "300 kB": 300_000,
  "1 MB": 1_000_000,
} as const;

function sizeLabel(bytes: number): string {
  const found = Object.entries(SIZES).find(([, b]) => b === bytes);
  if (found) return found[0].replace(" ", "");
  return bytes % 1_000_000 === 0 ? `${bytes / 1_000_000}MB` : `${bytes}B`;
}

export function configId(c: Omit<LabConfig, "id">): string {
  const parts = [
    c.cc,
    `rtt${c.rttMs}`,
    `loss${+(c.lossRate * 100).toFixed(2)}${c.lossRate > 0 && c.lossPattern === "periodic" ? "periodic" : ""}`,
    `tls${c.tls}`,
    `h${c.http}`,
    c.connection === "new" ? "new" : "ka",
    sizeLabel(c.bytes),
  ];
  if (c.connection === "kept-alive" && (c.priorRequests ?? 1) > 1) parts.push(`after${c.priorRequests}`);
  if (c.connection === "kept-alive" && c.idleMs !== undefined) parts.push(`idle${c.idleMs}`);
  if (c.serviceMs > 0) parts.push(`svc${c.serviceMs}`);
  if (c.rateMbps !== undefined) parts.push(`rate${c.rateMbps}`);
  return parts.join("-");
}

function make(c: Omit<LabConfig, "id"> & { id?: string }): LabConfig {
  // The id is always recomputed: a derived configuration (floorConfig) must never keep its parent's id.
  const { id: _ignored, ...rest } = c;
  return { ...rest, id: configId(rest) };
}

const base = {
  cc: "cubic",
  lossRate: 0,
  lossPattern: "random",
  tls: "1.3",
  http: "2",
  connection: "new",
  serviceMs: 0,
} as const;

/**
 * The lab's matrix (84 configurations). A full factorial of every axis would take hours on a 2-core machine, so
 * the base grid (every RTT × every size × new/kept-alive, CUBIC, TLS 1.3, h2, no loss) is crossed with one axis
 * at a time: TLS 1.2 and HTTP/1.1, 1 % loss (periodic and random), BBR, and an origin with a 50 ms service time.
 */
export function labConfigs(): LabConfig[] {
  const out: LabConfig[] = [];
  const sizes = Object.values(SIZES);
  for (const rttMs of RTTS_MS) {
    for (const bytes of sizes) {
      for (const connection of ["new", "kept-alive"] as const) out.push(make({ ...base, rttMs, bytes, connection }));
    }
    // TLS 1.2 (2 handshake round trips) over HTTP/1.1, small and large.
    for (const bytes of [1_000, 1_000_000]) out.push(make({ ...base, rttMs, bytes, tls: "1.2", http: "1.1" }));
    // 1 % loss on the larger responses, where it costs round trips.
    for (const lossPattern of ["periodic", "random"] as const) {
      for (const bytes of [100_000, 1_000_000]) out.push(make({ ...base, rttMs, bytes, lossRate: 0.01, lossPattern }));
    }
    // BBR, without and with loss.
    for (const bytes of [30_000, 1_000_000]) out.push(make({ ...base, rttMs, bytes, cc: "bbr" }));
  }
  for (const rttMs of [40, 200]) {
    out.push(make({ ...base, rttMs, bytes: 1_000, tls: "1.2" }));
    out.push(make({ ...base, rttMs, bytes: 1_000, http: "1.1" }));
    for (const lossPattern of ["periodic", "random"] as const)
      out.push(make({ ...base, rttMs, bytes: 1_000_000, cc: "bbr", lossRate: 0.01, lossPattern }));
  }
  for (const rttMs of [10, 100]) {
    for (const connection of ["new", "kept-alive"] as const) {
      out.push(make({ ...base, rttMs, bytes: 1_000, http: "1.1", connection, serviceMs: 50 }));
    }
  }
  return out;
}

/**
 * Lossy kept-alive connections (npm run calibrate -- --matrix kept-alive-loss --out FILE), a matrix apart from the
 * published one: CUBIC, TLS 1.3, h2, 1 % random loss, the response measured on a connection that has carried 1 or 9
 * identical responses back to back, beside the same response on a new connection, so the evaluator's kept-alive rule
 * under loss (transfer-fit.ts keptAliveHistoryRounds) can be checked against what Linux does.
 */
export function keptAliveLossConfigs(): LabConfig[] {
  const out: LabConfig[] = [];
  const lossy = { ...base, lossRate: 0.01, lossPattern: "random" } as const;
  for (const rttMs of [40, 100, 200]) {
    out.push(make({ ...lossy, rttMs, bytes: 100_000 }));
    for (const priorRequests of [1, 9])
      out.push(make({ ...lossy, rttMs, bytes: 100_000, connection: "kept-alive", priorRequests }));
  }
  out.push(make({ ...lossy, rttMs: 100, bytes: 1_000_000 }));
  out.push(make({ ...lossy, rttMs: 100, bytes: 1_000_000, connection: "kept-alive" }));
  return out;
}

/**
 * BBR on lossy kept-alive connections (npm run calibrate -- --matrix bbr-kept-alive-loss --out FILE), a matrix apart
 * from the published one, which has BBR under loss on new connections only: TLS 1.3, h2, 1 % random loss, the second
 * of two identical requests, 100 kB and 1 MB at 40, 100 and 200 ms. The evaluator starts a kept-alive BBR response
 * from the window its previous response grew and, since model 2.14, waits for the repair of its last random loss
 * (BBR_KEPT_ALIVE_LOSS_REPAIR_RTTS, transfer-fit.ts; fitted on the --seed 15001 run, checked on 20001 and, re-fitted
 * in 2.16, on 25001).
 */
export function bbrKeptAliveLossConfigs(): LabConfig[] {
  return bbrKeptAliveLossy([40, 100, 200], [100_000, 1_000_000]);
}

/** BBR kept alive (the second of two identical requests), TLS 1.3, h2, 1 % random loss: each RTT × each size. */
function bbrKeptAliveLossy(rtts: readonly number[], sizes: readonly number[]): LabConfig[] {
  const lossy = { ...base, cc: "bbr", lossRate: 0.01, lossPattern: "random", connection: "kept-alive" } as const;
  return rtts.flatMap((rttMs) => sizes.map((bytes) => make({ ...lossy, rttMs, bytes })));
}

/**
 * The same lossy kept-alive BBR connections at sizes model 2.14's rule was not fitted on (npm run calibrate -- --matrix
 * bbr-kept-alive-loss-sizes --out FILE): 300 kB and 3 MB at 40 and 100 ms, 1 % random loss, the second of two
 * identical requests. Its first run (--seed 24001) was an out-of-sample check of model 2.14's rule, fitted on 100 kB and
 * 1 MB, and found 3 MB 56–60 % slow; model 2.16 fits on both matrices' first runs (transfer-fit.ts).
 */
export function bbrKeptAliveLossSizeConfigs(): LabConfig[] {
  return bbrKeptAliveLossy([40, 100], [300_000, 3_000_000]);
}

/** The client's idle gaps of idleConfigs (ms): back to back, below the retransmission timeout, past it once, far past. */
export const IDLE_GAPS_MS = [0, 100, 400, 3_000] as const;

/**
 * Kept-alive connections left idle between two identical requests (npm run calibrate -- --matrix idle --out FILE), a
 * matrix apart from the published one: CUBIC and BBR, 40 and 100 ms, 100 kB and 1 MB, TLS 1.3, h2, no loss, the
 * client's gap after the first response IDLE_GAPS_MS. Linux's retransmission timeout is SRTT + max(RTTVAR, 200 ms)
 * (tcp_rto_min), and the sender's idle time is the client's gap plus one RTT (the last segment's way out and the next
 * request's way in): 100 ms stays under it at both RTTs, 400 ms passes it once, 3 s passes it ten times or more.
 */
export function idleConfigs(): LabConfig[] {
  const out: LabConfig[] = [];
  for (const cc of ["cubic", "bbr"] as const)
    for (const rttMs of [40, 100])
      for (const bytes of [100_000, 1_000_000])
        for (const idleMs of IDLE_GAPS_MS) out.push(make({ ...base, cc, rttMs, bytes, connection: "kept-alive", idleMs }));
  return out;
}

/** The response sizes of keptAliveSizeConfigs (bytes): 43, 50, 57 and 64 segments, between what the published grid has. */
export const KEPT_ALIVE_SIZES = [60_000, 70_000, 80_000, 90_000] as const;

/**
 * What a kept-alive CUBIC connection's first round carries (npm run calibrate -- --matrix kept-alive-sizes --out
 * FILE), a matrix apart from the published one: the second of two identical requests back to back, TLS 1.3 and h2, no
 * loss, 10, 40 and 100 ms, KEPT_ALIVE_SIZES. The published grid jumps from 30 kB (one round) to 100 kB (two); the
 * model's first kept-alive round (transfer-fit.ts KEPT_ALIVE_FIRST_ROUND_SEGMENTS) was fitted between them with the
 * earlier method's client window, and the server's send buffer that bounds it grows with the previous response.
 */
export function keptAliveSizeConfigs(): LabConfig[] {
  const out: LabConfig[] = [];
  for (const rttMs of [10, 40, 100])
    for (const bytes of KEPT_ALIVE_SIZES) out.push(make({ ...base, rttMs, bytes, connection: "kept-alive" }));
  return out;
}

/** The bottleneck rate of bbrKeptAliveConfigs' rate rows (Mbit/s): 1 MB takes 400 ms to serialise, 10 RTTs at 40 ms. */
export const BBR_BOTTLENECK_MBPS = 20;

/**
 * BBR on a kept-alive connection (npm run calibrate -- --matrix bbr-kept-alive --out FILE), a matrix apart from the
 * published one, which has BBR on new connections only: the second of two identical requests back to back, every RTT
 * and size of the published grid, TLS 1.3 and h2; HTTP/1.1 over TLS 1.2 at 40 and 200 ms; and the same at 40 ms
 * behind a bottleneck of BBR_BOTTLENECK_MBPS, kept alive and new. Linux's BBR (tcp_bbr.c) carries its bandwidth
 * estimate from the first response into the second and paces at pacing_gain × that estimate: on the lab's unlimited
 * path the estimate is what the first response's rounds delivered, behind a bottleneck it is the bottleneck.
 */
export function bbrKeptAliveConfigs(): LabConfig[] {
  const out: LabConfig[] = [];
  const bbr = { ...base, cc: "bbr", connection: "kept-alive" } as const;
  for (const rttMs of RTTS_MS) for (const bytes of Object.values(SIZES)) out.push(make({ ...bbr, rttMs, bytes }));
  for (const rttMs of [40, 200])
    for (const bytes of [100_000, 1_000_000]) out.push(make({ ...bbr, rttMs, bytes, tls: "1.2", http: "1.1" }));
  for (const connection of ["new", "kept-alive"] as const)
    for (const bytes of [100_000, 1_000_000])
      out.push(make({ ...bbr, rttMs: 40, bytes, connection, rateMbps: BBR_BOTTLENECK_MBPS }));
  return out;
}

/** The bottleneck rates of bottleneckConfigs (Mbit/s) and the rows at 40 ms only (BBR_BOTTLENECK_MBPS). */
export const BOTTLENECK_MBPS = [10, 50] as const;
/** The response sizes of bottleneckConfigs (bytes): 3 MB behind the faster bottleneck only (2.4 s at 10 Mbit/s). */
export const BOTTLENECK_SIZES = [100_000, 300_000, 1_000_000] as const;
export const BOTTLENECK_LARGE_BYTES = 3_000_000;

/**
 * A bottleneck on the path (npm run calibrate -- --matrix bottleneck --out FILE), a matrix apart from the published
 * one: CUBIC and BBR, new and kept-alive connections (the second of two identical requests back to back), TLS 1.3 and
 * h2, no loss, 10, 40 and 100 ms behind a bridge serialising at 10 and 50 Mbit/s (and 20 Mbit/s at 40 ms), 100 kB,
 * 300 kB and 1 MB (3 MB at 50 Mbit/s). A new connection climbs to the bottleneck's bandwidth-delay product in slow
 * start before the link is busy (transfer-fit.ts bottleneckTransferMs); these rows measure how long that climb costs.
 */
export function bottleneckConfigs(): LabConfig[] {
  const out: LabConfig[] = [];
  for (const cc of ["cubic", "bbr"] as const)
    for (const connection of ["new", "kept-alive"] as const)
      for (const rttMs of [10, 40, 100]) {
        const rates = rttMs === 40 ? [...BOTTLENECK_MBPS, BBR_BOTTLENECK_MBPS] : BOTTLENECK_MBPS;
        for (const rateMbps of rates) {
          const sizes = rateMbps === 50 ? [...BOTTLENECK_SIZES, BOTTLENECK_LARGE_BYTES] : BOTTLENECK_SIZES;
          for (const bytes of sizes) out.push(make({ ...base, cc, connection, rttMs, rateMbps, bytes }));
        }
      }
  return out;
}

/**
 * Loss and a bottleneck on one path (npm run calibrate -- --matrix loss-bottleneck --out FILE), a matrix apart from the
 * published one: CUBIC and BBR, new connections, TLS 1.3, h2, 1 % random loss behind 10 and 50 Mbit/s, 40 and 100 ms,
 * 100 kB and 1 MB, timed one at a time (transfersAtOnce). Since model 2.15 the evaluator's lossy simulations stretch
 * each round to the time the bottleneck takes to carry it (transfer-fit.ts cubicLossyRounds), bounded below by the
 * loss-free climb; model 2.14 took the larger of the two. These rows measure the two together.
 */
export function lossBottleneckConfigs(): LabConfig[] {
  const out: LabConfig[] = [];
  for (const cc of ["cubic", "bbr"] as const)
    for (const rttMs of [40, 100])
      for (const rateMbps of BOTTLENECK_MBPS)
        for (const bytes of [100_000, 1_000_000])
          out.push(make({ ...base, cc, rttMs, rateMbps, bytes, lossRate: 0.01, lossPattern: "random" }));
  return out;
}

/**
 * The same configuration on a path with no added delay or loss: what the two hosts themselves cost (TLS
 * arithmetic, nginx, curl, copying the body) on this machine. The lab measures it in the same run and adds it
 * to the model's network time, as a benchmark prints a figure beside its floor.
 */
export function floorConfig(c: LabConfig): LabConfig {
  // The hosts' own time does not depend on how long the client waited: an idle row shares its back-to-back floor.
  const { idleMs: _idle, rateMbps: _rate, ...rest } = c;
  return make({ ...rest, rttMs: 0, lossRate: 0, lossPattern: "random" });
}

const RANDOM_LOSS = "random-loss";
const NO_RANDOM_LOSS = "no-random-loss";

/**
 * --only: comma-separated substrings of configuration ids, `random-loss` for the random-loss rows, or
 * `no-random-loss` for every other row (loss-free and periodic: re-measured alone, the random ones in parallel).
 */
export function matchesOnly(c: LabConfig, only: string[]): boolean {
  const random = c.lossRate > 0 && c.lossPattern === "random";
  return only.some((o) => (o === RANDOM_LOSS ? random : o === NO_RANDOM_LOSS ? !random : c.id.includes(o)));
}

/**
 * Transfers at once for a group of configurations (one path) under --parallel K: only random-loss rows share the path,
 * K from 40 ms, at most 4 at 10 ms (where a window's burst is dense), 1 on a floor. A loss-free or periodic-loss row is
 * timed alone, as the published run always was (16 transfers at once share the 2 cores, and a periodic drop counted
 * across flows is no longer every 100th packet of each); idle rows are paced one at a time.
 */
export function transfersAtOnce(group: LabConfig[], k: number): number {
  const first = group[0];
  if (!first || first.rttMs <= 0) return 1;
  if (group.some((c) => c.idleMs !== undefined)) return 1;
  // Behind a bottleneck concurrent flows would share its rate: one at a time.
  if (group.some((c) => c.rateMbps !== undefined)) return 1;
  if (!(first.lossRate > 0 && first.lossPattern === "random")) return 1;
  return first.rttMs < 40 ? Math.min(4, k) : k;
}
