import { widgetFigure } from "@/lib/core/widgets/reference-figures";

// W17: two small writes (a header, then a body) followed by a wait for the reply, with and without
// TCP_NODELAY. Nagle (RFC 896) holds the second small write until the first is acknowledged; the receiver's
// delayed-ACK timer (RFC 1122/9293: at most 500 ms, commonly up to ~200 ms, ~40 ms on Linux) decides when.

export type NagleOptions = {
  noDelay: boolean;
  /** One-way trip is half of this (ms). */
  rttMs: number;
  /** The receiver's delayed-ACK timer (ms). */
  delayedAckMs: number;
  /** Gap between the application's two writes (ms). */
  writeGapMs: number;
};

/** The default round trip (ms): a user reaching a server in their own region (content/reference-figures.json). */
export const NAGLE_RTT = widgetFigure("rtt-user-same-region", 20);

export const DEFAULT_NAGLE: NagleOptions = { noDelay: false, rttMs: NAGLE_RTT.ms, delayedAckMs: 200, writeGapMs: 1 };
export const DELAYED_ACK_CHOICES = [40, 200] as const;

export type Lane = "app" | "sender" | "receiver";
export type TimelineEvent = { atMs: number; lane: Lane; text: string; stall?: boolean };

export type NagleTimeline = {
  options: NagleOptions;
  events: TimelineEvent[];
  /** When the whole reply is back at the client (ms after the first write). */
  doneMs: number;
  /** Time the body spent waiting in the send buffer (ms). */
  heldMs: number;
};

/** Builds the event timeline (ms since the first write). */
export function nagleTimeline(options: NagleOptions): NagleTimeline {
  const rtt = Math.max(0, options.rttMs);
  const half = rtt / 2;
  const gap = Math.max(0, options.writeGapMs);
  const delayedAck = Math.max(0, options.delayedAckMs);
  const events: TimelineEvent[] = [
    { atMs: 0, lane: "app", text: "write(header): a few bytes" },
    { atMs: 0, lane: "sender", text: "Segment 1 (header) leaves at once: nothing is unacknowledged" },
    { atMs: gap, lane: "app", text: "write(body): a few bytes" },
  ];
  let bodySentAt: number;
  if (options.noDelay) {
    bodySentAt = gap;
    events.push({ atMs: gap, lane: "sender", text: "TCP_NODELAY: segment 2 (body) leaves at once" });
    events.push({ atMs: half, lane: "receiver", text: "Segment 1 arrives: half a request, nothing to reply yet" });
    events.push({ atMs: gap + half, lane: "receiver", text: "Segment 2 arrives: the request is complete" });
  } else {
    events.push({ atMs: gap, lane: "sender", text: "Nagle holds the body: segment 1 is still unacknowledged", stall: true });
    events.push({ atMs: half, lane: "receiver", text: "Segment 1 arrives: half a request, nothing to piggyback an ACK on" });
    events.push({ atMs: half, lane: "receiver", text: `Delayed-ACK timer starts (${delayedAck} ms)`, stall: true });
    const ackSent = half + delayedAck;
    events.push({ atMs: ackSent, lane: "receiver", text: "Timer fires: bare ACK for segment 1" });
    bodySentAt = Math.max(gap, ackSent + half);
    events.push({ atMs: bodySentAt, lane: "sender", text: "ACK arrives: Nagle releases segment 2 (body)" });
    events.push({ atMs: bodySentAt + half, lane: "receiver", text: "Segment 2 arrives: the request is complete" });
  }
  const requestComplete = bodySentAt + half;
  events.push({ atMs: requestComplete, lane: "receiver", text: "Server replies (the ACK rides on the reply)" });
  const doneMs = requestComplete + half;
  events.push({ atMs: doneMs, lane: "app", text: "Reply read by the application" });
  events.sort((a, b) => a.atMs - b.atMs);
  return { options, events, doneMs: round1(doneMs), heldMs: round1(bodySentAt - gap) };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Extra time Nagle + delayed ACK cost compared with TCP_NODELAY for the same writes (ms). */
export function nagleStallMs(options: Omit<NagleOptions, "noDelay">): number {
  return round1(nagleTimeline({ ...options, noDelay: false }).doneMs - nagleTimeline({ ...options, noDelay: true }).doneMs);
}
