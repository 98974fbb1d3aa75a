import { describe, expect, it } from "vitest";
import { choose, serverRequestsPerSecond, trafficPerClient, wireEvents } from "@/lib/core/widgets/realtime-chooser";

describe("W26 real-time technique chooser", () => {
  it("recommends from direction, frequency and whether WebSockets get through", () => {
    expect(choose({ direction: "server-to-client", frequency: "regular", websocketsBlocked: false }).technique).toBe("sse");
    expect(choose({ direction: "server-to-client", frequency: "constant", websocketsBlocked: true }).technique).toBe("sse");
    expect(choose({ direction: "server-to-client", frequency: "rare", websocketsBlocked: false }).technique).toBe("short-polling");
    expect(choose({ direction: "both", frequency: "constant", websocketsBlocked: false }).technique).toBe("websocket");
    expect(choose({ direction: "both", frequency: "regular", websocketsBlocked: true }).technique).toBe("long-polling");
    expect(choose({ direction: "both", frequency: "rare", websocketsBlocked: false }).technique).toBe("short-polling");
  });
  it("reproduces the 10,000-dashboard example: 2,000 req/s polling, ~167 long polling, none for SSE", () => {
    expect(serverRequestsPerSecond("short-polling", 1, 10_000)).toBe(2_000);
    expect(serverRequestsPerSecond("long-polling", 1, 10_000)).toBeCloseTo(166.7, 1);
    expect(serverRequestsPerSecond("sse", 1, 10_000)).toBe(0);
    expect(trafficPerClient("short-polling", 1).overheadBytesPerMinute * 10_000 / 60).toBe(1_600_000);
  });
  it("11 of every 12 polls are empty at one update a minute", () => {
    const polls = wireEvents("short-polling", 1);
    expect(polls).toHaveLength(12);
    expect(polls.filter((p) => p.kind === "empty")).toHaveLength(11);
  });
  it("SSE and WebSocket put only the updates on the wire; WebSocket framing is the smallest", () => {
    expect(wireEvents("sse", 6)).toHaveLength(6);
    expect(trafficPerClient("websocket", 6).overheadBytesPerMinute).toBeLessThan(trafficPerClient("sse", 6).overheadBytesPerMinute);
    expect(trafficPerClient("sse", 6).overheadBytesPerMinute).toBeLessThan(trafficPerClient("long-polling", 6).overheadBytesPerMinute);
  });
  it("a long poll with nothing to say is renewed once a minute", () => {
    expect(trafficPerClient("long-polling", 0).requestsPerMinute).toBe(1);
    expect(wireEvents("long-polling", 0)).toEqual([{ atS: 0, kind: "request" }]);
  });
});
