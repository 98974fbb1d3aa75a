import { handshakeRtts } from "@/lib/core/evaluator/handshake";
import { mulberry32 } from "@/lib/core/util/prng";

// W3: the three-way handshake, one data exchange and the four-segment teardown, step by step.

export type TcpState =
  | "CLOSED"
  | "LISTEN"
  | "SYN_SENT"
  | "SYN_RECEIVED"
  | "ESTABLISHED"
  | "FIN_WAIT_1"
  | "FIN_WAIT_2"
  | "CLOSE_WAIT"
  | "LAST_ACK"
  | "TIME_WAIT";

export type Side = "client" | "server";

export type Segment = { from: Side; flags: string; seq?: number; ack?: number; note: string };

export type HandshakeStep = {
  index: number;
  title: string;
  caption: string;
  segment?: Segment;
  client: TcpState;
  server: TcpState;
  /** Round trips spent so far before the first byte of data could be sent. */
  setupRtts: number;
};

/** Documentation addresses (RFC 5737) instead of real hosts. */
export const CLIENT_ADDR = "192.0.2.42";
export const SERVER_ADDR = "198.51.100.8";

/** Initial sequence numbers drawn from a seed: random in real stacks, reproducible here. */
export function initialSequenceNumbers(seed: number): { client: number; server: number } {
  const rand = mulberry32(seed);
  return { client: Math.floor(rand() * 9000) + 1000, server: Math.floor(rand() * 9000) + 1000 };
}

/** The full conversation. `closer` is the side that sends the first FIN; TIME_WAIT lands on that side. */
export function handshakeSteps(opts: { clientIsn: number; serverIsn: number; closer?: Side }): HandshakeStep[] {
  const x = opts.clientIsn;
  const y = opts.serverIsn;
  const closer = opts.closer ?? "client";
  const other: Side = closer === "client" ? "server" : "client";
  const rtt = handshakeRtts({ transport: "tcp", tls: "none" }).tcpRtts;
  // After the handshake and 1 data byte-count each way, the numbers each side sends next.
  const req = 100;
  const res = 300;
  const seqAfter: Record<Side, number> = { client: x + 1 + req, server: y + 1 + res };
  const both = (c: TcpState, s: TcpState) => ({ client: c, server: s });
  const byRole = (closerState: TcpState, otherState: TcpState) =>
    closer === "client" ? both(closerState, otherState) : both(otherState, closerState);
  const name = (s: Side) => (s === "client" ? "Client" : "Server");

  const steps: Omit<HandshakeStep, "index">[] = [
    { title: "Nothing yet", caption: "No connection exists. The server is listening on port 443; the client has not sent anything.", ...both("CLOSED", "LISTEN"), setupRtts: 0 },
    {
      title: "SYN",
      caption: `The client picks a random starting sequence number (${x}) and asks to connect.`,
      segment: { from: "client", flags: "SYN", seq: x, note: "I want to talk; my numbering starts here." },
      ...both("SYN_SENT", "LISTEN"),
      setupRtts: 0,
    },
    {
      title: "SYN-ACK",
      caption: `The server picks its own number (${y}) and acknowledges the client's: ack = ${x} + 1 = ${x + 1}.`,
      segment: { from: "server", flags: "SYN, ACK", seq: y, ack: x + 1, note: "Got yours; here is mine." },
      ...both("SYN_SENT", "SYN_RECEIVED"),
      setupRtts: 0,
    },
    {
      title: "ACK",
      caption: `The client acknowledges: ack = ${y} + 1 = ${y + 1}. Both sides are ESTABLISHED after ${rtt} RTT (20–100 ms depending on distance: roughly 80 ms across a continent, 150 ms across an ocean).`,
      segment: { from: "client", flags: "ACK", seq: x + 1, ack: y + 1, note: "Got yours too. Data can follow in this same flight." },
      ...both("ESTABLISHED", "ESTABLISHED"),
      setupRtts: rtt,
    },
    {
      title: "Data",
      caption: `The request (${req} bytes) and the response (${res} bytes) flow; each side acknowledges the bytes it has received.`,
      segment: { from: "client", flags: "PSH, ACK", seq: x + 1, ack: y + 1, note: `${req} bytes of request; the reply acknowledges ${x + 1 + req}.` },
      ...both("ESTABLISHED", "ESTABLISHED"),
      setupRtts: rtt,
    },
    {
      title: "FIN",
      caption: `${name(closer)} is done sending and closes its direction first.`,
      segment: { from: closer, flags: "FIN, ACK", seq: seqAfter[closer], ack: seqAfter[other], note: "I have nothing more to send." },
      ...byRole("FIN_WAIT_1", "ESTABLISHED"),
      setupRtts: rtt,
    },
    {
      title: "ACK",
      caption: `${name(other)} acknowledges the FIN; it may still send data of its own.`,
      segment: { from: other, flags: "ACK", seq: seqAfter[other], ack: seqAfter[closer] + 1, note: "Noted. I may still have a few bytes." },
      ...byRole("FIN_WAIT_2", "CLOSE_WAIT"),
      setupRtts: rtt,
    },
    {
      title: "FIN",
      caption: `${name(other)} has finished too and sends its own FIN.`,
      segment: { from: other, flags: "FIN, ACK", seq: seqAfter[other], ack: seqAfter[closer] + 1, note: "Me too: closing my direction." },
      ...byRole("FIN_WAIT_2", "LAST_ACK"),
      setupRtts: rtt,
    },
    {
      title: "ACK",
      caption: `${name(closer)} acknowledges the last FIN and enters TIME_WAIT; ${name(other).toLowerCase()} closes as soon as the ACK arrives.`,
      segment: { from: closer, flags: "ACK", seq: seqAfter[closer] + 1, ack: seqAfter[other] + 1, note: "Goodbye." },
      ...byRole("TIME_WAIT", "CLOSED"),
      setupRtts: rtt,
    },
    {
      title: "TIME_WAIT → CLOSED",
      caption: `${name(closer)} waits 2 × MSL (60 s on Linux) so stray segments from this connection cannot corrupt a new one on the same ports. On busy servers that close first, thousands of sockets in TIME_WAIT can exhaust ports.`,
      ...both("CLOSED", "CLOSED"),
      setupRtts: rtt,
    },
  ];
  return steps.map((s, index) => ({ ...s, index }));
}
