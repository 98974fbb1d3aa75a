import { handshakeRtts } from "@/lib/core/evaluator/handshake";
import { widgetFigure } from "@/lib/core/widgets/reference-figures";

// W18: ten resources from one origin under HTTP/1.1, HTTP/2 and HTTP/3. Set-up round trips are the
// evaluator's (TCP + TLS 1.3 = 2 RTT; QUIC = 1 RTT). Deliberately simple timing: each request costs one RTT
// plus its own transfer time, and streams do not share bandwidth, so the differences come only from
// connections, queueing, loss recovery and migration, which are what the versions change.

export type HttpVersion = "1.1" | "2" | "3";
export const VERSIONS: HttpVersion[] = ["1.1", "2", "3"];
export const H1_CONNECTIONS = 6;
/** Transfer time per KB (ms): about 16 Mbit/s. */
export const MS_PER_KB = 0.5;

export const RESOURCES = [
  { name: "index.html", kb: 30 },
  { name: "app.css", kb: 40 },
  { name: "app.js", kb: 120 },
  { name: "vendor.js", kb: 200 },
  { name: "logo.svg", kb: 6 },
  { name: "hero.jpg", kb: 150 },
  { name: "font.woff2", kb: 50 },
  { name: "icons.svg", kb: 12 },
  { name: "data.json", kb: 20 },
  { name: "avatar.png", kb: 16 },
] as const;

export type RaceOptions = {
  rttMs: number;
  /** Index of the resource whose first data packet is lost, or null for no loss. */
  lostResource: number | null;
  /** When the device switches networks (ms), or null. */
  switchAtMs: number | null;
};

/** The default round trip (ms): one across a continent (content/reference-figures.json). */
export const RACE_RTT = widgetFigure("rtt-continent", 100);

export const DEFAULT_RACE: RaceOptions = { rttMs: RACE_RTT.ms, lostResource: null, switchAtMs: null };

export type StreamTiming = {
  index: number;
  name: string;
  connection: number;
  startMs: number;
  endMs: number;
  /** Delay caused by the lost packet (ms). */
  stalledMs: number;
  /** The request had to be sent again on a new connection after the network switch. */
  restarted: boolean;
};

export type VersionRun = { version: HttpVersion; setupRtts: number; setupMs: number; connections: number; streams: StreamTiming[]; finishMs: number };

export function setupRttsFor(version: HttpVersion): number {
  const h = handshakeRtts({ transport: version === "3" ? "quic" : "tcp", tls: "1.3" });
  return h.tcpRtts + h.tlsRtts + h.quicRtts;
}

function transferMs(i: number): number {
  return (RESOURCES[i]?.kb ?? 0) * MS_PER_KB;
}

export function runVersion(version: HttpVersion, options: RaceOptions): VersionRun {
  const rtt = Math.max(0, options.rttMs);
  const setupRtts = setupRttsFor(version);
  const setupMs = setupRtts * rtt;
  const S = options.switchAtMs;
  const streams: StreamTiming[] = [];

  if (version === "1.1") {
    // Each connection: when it can next send, and when it was (re)opened.
    const conns = Array.from({ length: H1_CONNECTIONS }, () => ({ readyAt: setupMs, openedAt: 0 }));
    if (S !== null) for (const c of conns) if (S < c.readyAt) { c.readyAt = S + setupMs; c.openedAt = S; }
    RESOURCES.forEach((r, i) => {
      let k = 0;
      for (let j = 1; j < conns.length; j++) if ((conns[j]?.readyAt ?? Infinity) < (conns[k]?.readyAt ?? Infinity)) k = j;
      const c = conns[k] as { readyAt: number; openedAt: number };
      let start = c.readyAt;
      let restarted = false;
      if (S !== null && c.openedAt < S && start >= S) {
        start = Math.max(start, S + setupMs);
        c.openedAt = S;
      }
      const stalledMs = options.lostResource === i ? rtt : 0;
      let end = start + rtt + transferMs(i) + stalledMs;
      if (S !== null && c.openedAt < S && start < S && S < end) {
        // The connection died with the old address: handshake again and resend from scratch.
        start = S + setupMs;
        end = start + rtt + transferMs(i);
        c.openedAt = S;
        restarted = true;
      }
      c.readyAt = end;
      streams.push({ index: i, name: r.name, connection: k + 1, startMs: start, endMs: end, stalledMs: restarted ? 0 : stalledMs, restarted });
    });
  } else {
    let ready = setupMs;
    if (S !== null && S < ready && version === "2") ready = S + setupMs;
    RESOURCES.forEach((r, i) => {
      streams.push({ index: i, name: r.name, connection: 1, startMs: ready, endMs: ready + rtt + transferMs(i), stalledMs: 0, restarted: false });
    });
    if (options.lostResource !== null) {
      const lost = streams[options.lostResource];
      if (lost) {
        const lossAt = lost.startMs + rtt;
        for (const s of streams) {
          // HTTP/2: TCP delivers bytes in order, so every stream still receiving waits for the retransmission.
          // HTTP/3: QUIC orders bytes per stream, so only the stream that lost the packet waits.
          const affected = version === "2" ? s.startMs <= lossAt && s.endMs > lossAt : s.index === lost.index;
          if (affected) {
            s.endMs += rtt;
            s.stalledMs = rtt;
          }
        }
      }
    }
    if (S !== null && version === "2") {
      for (const s of streams) {
        if (s.startMs < S && s.endMs > S) {
          s.startMs = S + setupMs;
          s.endMs = s.startMs + rtt + transferMs(s.index);
          s.stalledMs = 0;
          s.restarted = true;
        }
      }
    }
    // HTTP/3 migrates: QUIC connection IDs survive the new address, so nothing restarts.
  }
  const finishMs = streams.reduce((m, s) => Math.max(m, s.endMs), 0);
  return { version, setupRtts, setupMs, connections: version === "1.1" ? H1_CONNECTIONS : 1, streams, finishMs };
}

export function race(options: RaceOptions): VersionRun[] {
  return VERSIONS.map((v) => runVersion(v, options));
}

/** Extra time a network switch costs a version, compared with the same run without it (ms). */
export function switchCostMs(version: HttpVersion, options: RaceOptions): number {
  return runVersion(version, options).finishMs - runVersion(version, { ...options, switchAtMs: null }).finishMs;
}
