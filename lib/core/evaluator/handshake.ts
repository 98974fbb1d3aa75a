import { DEFAULTS } from "./defaults";

// Connection set-up and slow start: the exact, textbook part of the model.

export type TlsSetting = "none" | "1.0" | "1.1" | "1.2" | "1.3" | "mtls";
export type Resumption = "none" | "session" | "0rtt";

export type HandshakeCost = {
  /** RTTs before the request can be sent, split by the breakdown step they belong to. */
  tcpRtts: number;
  tlsRtts: number;
  quicRtts: number;
};

/**
 * RTTs a new connection costs before the request can be sent (unit: RTTs).
 * TCP: 1 RTT (RFC 9293 three-way handshake). TLS 1.2: +2 RTT (RFC 5246); TLS 1.3: +1 RTT (RFC 8446 §2);
 * resumption `session`: +1 RTT with either version; `0rtt`: +0 (RFC 8446 §2.3, early data).
 * HTTP/3 (QUIC, RFC 9000/9001): transport and TLS 1.3 together in 1 RTT, 0 with `0rtt`. UDP: 0.
 * mTLS is counted as TLS 1.3 (client certificates ride the same flights).
 */
export function handshakeRtts(opts: {
  transport: "tcp" | "quic" | "udp";
  tls: TlsSetting;
  resumption?: Resumption;
}): HandshakeCost {
  const resumption = opts.resumption ?? "none";
  if (opts.transport === "udp") return { tcpRtts: 0, tlsRtts: 0, quicRtts: 0 };
  if (opts.transport === "quic") return { tcpRtts: 0, tlsRtts: 0, quicRtts: resumption === "0rtt" ? 0 : 1 };
  let tlsRtts = 0;
  if (opts.tls !== "none") {
    if (resumption === "0rtt") tlsRtts = 0;
    else if (resumption === "session") tlsRtts = 1;
    else tlsRtts = opts.tls === "1.3" || opts.tls === "mtls" ? 1 : 2;
  }
  return { tcpRtts: 1, tlsRtts, quicRtts: 0 };
}

/**
 * Number of round trips slow start needs to deliver `responseBytes` on a fresh connection (unit: rounds ≥ 1).
 * Textbook rule (HPBN ch. 2, RFC 6928 initial window, RFC 5681 slow start): the window starts at
 * `initialCwndSegments` segments of `mssBytes` and doubles every RTT, with no loss. Each round beyond the
 * first adds one RTT to the last byte. Kept in this one function so it can be calibrated against real Linux
 * TCP later without touching anything else.
 */
export function slowStartRounds(
  responseBytes: number,
  opts: { mssBytes?: number; initialCwndSegments?: number } = {},
): number {
  const mss = opts.mssBytes ?? DEFAULTS.network.mssBytes;
  const iw = opts.initialCwndSegments ?? DEFAULTS.network.initialCwndSegments;
  if (!(responseBytes > 0)) return 1;
  const segments = Math.ceil(responseBytes / mss);
  let rounds = 1;
  let window = iw;
  let delivered = iw;
  // Bounded: 2^60 segments is far beyond any JSON number we accept as bytes.
  while (delivered < segments && rounds < 64) {
    window *= 2;
    delivered += window;
    rounds += 1;
  }
  return rounds;
}

/** Extra RTTs slow start adds to the last byte of a response on a fresh connection (rounds − 1). */
export function slowStartExtraRtts(responseBytes: number): number {
  return slowStartRounds(responseBytes) - 1;
}

/** Whether a method is idempotent per RFC 9110 §9.2.2 (GET, PUT, DELETE yes; POST, PATCH not guaranteed). */
export function isIdempotentMethod(method: string | undefined): boolean {
  // Safe methods (GET, HEAD, OPTIONS, TRACE) are idempotent by definition; of the unsafe ones, PUT and DELETE are (RFC 9110 §9.2.2).
  return method === undefined || ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"].includes(method);
}
