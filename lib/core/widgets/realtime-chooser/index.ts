// W26: pick a real-time technique from three answers (direction, frequency, whether WebSockets get through),
// and compare the traffic each technique creates. Figures follow Chapter 5's dashboard example: ~800 bytes
// of headers per HTTP request and response, a long poll held up to 60 s, a few bytes of framing per event.

export type Direction = "server-to-client" | "both";
export type Frequency = "rare" | "regular" | "constant";
export type Technique = "short-polling" | "long-polling" | "sse" | "websocket";

export type Answers = { direction: Direction; frequency: Frequency; websocketsBlocked: boolean };
export const DEFAULT_ANSWERS: Answers = { direction: "server-to-client", frequency: "regular", websocketsBlocked: false };

export const TECHNIQUES: { id: Technique; label: string; direction: string; overhead: string; fit: string }[] = [
  { id: "short-polling", label: "Short polling", direction: "Client asks on a timer", overhead: "High: a full request per check", fit: "Rare updates; the simplest thing to build" },
  { id: "long-polling", label: "Long polling", direction: "Client asks, server holds the answer", overhead: "Medium: a full request per update", fit: "Notifications; the fallback where WebSockets are blocked" },
  { id: "sse", label: "Server-Sent Events", direction: "Server to client", overhead: "Low: one long response", fit: "Feeds, dashboards, one-way streams" },
  { id: "websocket", label: "WebSocket", direction: "Both ways", overhead: "Lowest: 2–6 bytes of framing", fit: "Chat, multiplayer, co-editing" },
];

/** Updates per minute each frequency stands for. */
export const UPDATES_PER_MINUTE: Record<Frequency, number> = { rare: 0.2, regular: 1, constant: 60 };

export const HEADER_BYTES = 800;
export const POLL_INTERVAL_S = 5;
export const LONG_POLL_HOLD_S = 60;
export const FRAMING_BYTES: Record<"sse" | "websocket", number> = { sse: 20, websocket: 2 };

export type Choice = { technique: Technique; reasons: string[] };

export function choose(a: Answers): Choice {
  if (a.direction === "both") {
    if (a.websocketsBlocked) {
      return {
        technique: "long-polling",
        reasons: [
          "Messages flow both ways, which is WebSocket territory, but a proxy on the path breaks the upgrade.",
          "Long polling is plain HTTP, so it gets through; the client sends its own messages as ordinary requests.",
        ],
      };
    }
    if (a.frequency === "rare") {
      return {
        technique: "short-polling",
        reasons: ["Updates are rare, so a persistent connection would sit idle almost all the time.", "Send messages as ordinary requests and poll now and then: the simplest design that works."],
      };
    }
    return {
      technique: "websocket",
      reasons: ["Messages flow often in both directions over one connection.", "After the upgrade each message costs a few bytes of framing instead of a full set of headers."],
    };
  }
  if (a.frequency === "rare") {
    return {
      technique: "short-polling",
      reasons: ["Updates are rare, so an occasional check costs little.", "It is the simplest to build, cache and debug."],
    };
  }
  return {
    technique: "sse",
    reasons: [
      "Data flows one way, from server to client.",
      "EventSource reconnects on its own and resumes with Last-Event-ID; it is ordinary HTTP, so proxies rarely object.",
    ],
  };
}

export type Traffic = { technique: Technique; requestsPerMinute: number; overheadBytesPerMinute: number; openConnections: number };

/** Requests and protocol overhead one client generates per minute at a given update rate. */
export function trafficPerClient(technique: Technique, updatesPerMinute: number): Traffic {
  switch (technique) {
    case "short-polling": {
      const requests = 60 / POLL_INTERVAL_S;
      return { technique, requestsPerMinute: requests, overheadBytesPerMinute: requests * HEADER_BYTES, openConnections: 0 };
    }
    case "long-polling": {
      // One request per delivered update; with no update, the held request times out and is renewed.
      const requests = Math.max(updatesPerMinute, 60 / LONG_POLL_HOLD_S);
      return { technique, requestsPerMinute: requests, overheadBytesPerMinute: requests * HEADER_BYTES, openConnections: 1 };
    }
    case "sse":
    case "websocket":
      return { technique, requestsPerMinute: 0, overheadBytesPerMinute: updatesPerMinute * FRAMING_BYTES[technique], openConnections: 1 };
  }
}

/** Requests per second at the server for `clients` clients. */
export function serverRequestsPerSecond(technique: Technique, updatesPerMinute: number, clients: number): number {
  return (trafficPerClient(technique, updatesPerMinute).requestsPerMinute * clients) / 60;
}

/** Moments (s within one minute) when each technique puts something on the wire, for the side-by-side strip. */
export function wireEvents(technique: Technique, updatesPerMinute: number): { atS: number; kind: "request" | "update" | "empty" }[] {
  const updates: number[] = [];
  if (updatesPerMinute > 0) {
    const gap = 60 / updatesPerMinute;
    for (let t = gap / 2; t < 60; t += gap) updates.push(Math.round(t * 10) / 10);
  }
  if (technique === "short-polling") {
    // Each poll returns news only if an update landed since the previous poll.
    const out: { atS: number; kind: "request" | "update" | "empty" }[] = [];
    for (let t = 0; t < 60; t += POLL_INTERVAL_S) {
      out.push({ atS: t, kind: updates.some((u) => u > t - POLL_INTERVAL_S && u <= t) ? "update" : "empty" });
    }
    return out;
  }
  if (technique === "long-polling") {
    if (updates.length === 0) return [{ atS: 0, kind: "request" }];
    return updates.map((u) => ({ atS: u, kind: "update" as const }));
  }
  return updates.map((u) => ({ atS: u, kind: "update" as const }));
}
