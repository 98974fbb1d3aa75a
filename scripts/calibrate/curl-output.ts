import { z } from "zod";

// curl's --write-out timings, parsed. The lab asks curl for one line per transfer in the format below; seconds
// come back as decimals (curl ≥ 7.61 prints microsecond precision) and are turned into milliseconds here.

/** The --write-out template the lab passes to curl: one line per transfer, prefixed so stray output is ignored. */
export const CURL_WRITE_OUT =
  "RTCAL code=%{response_code} http=%{http_version} connects=%{num_connects} size=%{size_download} " +
  "connect=%{time_connect} appconnect=%{time_appconnect} ttfb=%{time_starttransfer} total=%{time_total}\\n";

const seconds = z.coerce.number().finite().min(0).max(3600);
const lineSchema = z.object({
  code: z.coerce.number().int().min(0).max(999),
  http: z.enum(["0", "1", "1.0", "1.1", "2", "3"]),
  connects: z.coerce.number().int().min(0).max(100),
  size: z.coerce.number().int().min(0),
  connect: seconds,
  appconnect: seconds,
  ttfb: seconds,
  total: seconds,
});

export type CurlTiming = {
  responseCode: number;
  httpVersion: string;
  /** New connections curl opened for this transfer (0 = it reused a kept-alive one). */
  newConnections: number;
  sizeBytes: number;
  /** Milliseconds from the transfer's start: TCP connected, TLS done, first byte, last byte. */
  connectMs: number;
  appconnectMs: number;
  ttfbMs: number;
  totalMs: number;
  /**
   * Idle rows (LabConfig.idleMs) only, set by the lab: the client's real gap (ms) between the prior response's last
   * byte and the measured request (curl's --rate period less the prior transfer's time), and the prior transfer's TCP
   * connect time, which probes the bridge's RTT as a new connection's does (probeRtt).
   */
  gapMs?: number;
  priorConnectMs?: number;
};

/**
 * Parses curl's stdout into one timing per RTCAL line, in order. Lines without the prefix are skipped; a
 * prefixed line with a missing or malformed field throws, naming the field, so a broken run never yields a number.
 */
export function parseCurlTimings(stdout: string): CurlTiming[] {
  const out: CurlTiming[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("RTCAL ")) continue;
    const fields: Record<string, string> = {};
    for (const pair of trimmed.slice(6).split(/\s+/)) {
      const eq = pair.indexOf("=");
      if (eq > 0) fields[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    const parsed = lineSchema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `bad curl timing line (${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}): ${trimmed}`,
      );
    }
    const f = parsed.data;
    const ms = (s: number) => Math.round(s * 1e6) / 1e3;
    out.push({
      responseCode: f.code,
      httpVersion: f.http,
      newConnections: f.connects,
      sizeBytes: f.size,
      connectMs: ms(f.connect),
      appconnectMs: ms(f.appconnect),
      ttfbMs: ms(f.ttfb),
      totalMs: ms(f.total),
    });
  }
  return out;
}

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty list");
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The largest share by which a repetition's handshake RTT may miss the bridge's configured RTT. */
export const RTT_PROBE_TOLERANCE = 0.05;

/**
 * The lab's RTT probe: a new connection's TCP handshake (curl's time_connect) is one round trip through the
 * bridge plus the hosts' own connect time (`hostConnectMs`, the same configuration's median at 0 ms). `ok`: the
 * bridge's delay is within RTT_PROBE_TOLERANCE of the configured RTT; `off`: it is not (a busy machine delayed the
 * bridge or an endpoint; the lab redoes the repetition); `syn-lost`: the handshake waited for the 1 s initial
 * retransmission timeout (RFC 6298), so it says nothing of the delay and the repetition stands (the loss is the
 * path's). A kept-alive transfer or a 0 ms path has no handshake to probe: `ok`.
 */
export function probeRtt(
  c: { rttMs: number; connection: "new" | "kept-alive" },
  timing: Pick<CurlTiming, "connectMs">,
  hostConnectMs: number,
): "ok" | "off" | "syn-lost" {
  if (c.connection !== "new" || c.rttMs <= 0) return "ok";
  if (timing.connectMs >= c.rttMs + 900) return "syn-lost";
  const bridgeRtt = timing.connectMs - hostConnectMs;
  return Math.abs(bridgeRtt - c.rttMs) > RTT_PROBE_TOLERANCE * c.rttMs ? "off" : "ok";
}
