import { describe, expect, it } from "vitest";
import { designToFlow, type DesignDocument } from "@/lib/core/canvas/convert";
import { parseDraft, serializeDraft } from "@/lib/core/canvas/draft";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/core/canvas/layout";
import { zoneBands } from "@/lib/core/canvas/zones";

const doc: DesignDocument = {
  version: 1,
  name: "zones",
  nodes: [
    { id: "c", kind: "client", position: { x: 0, y: 0 } },
    { id: "api", kind: "service", position: { x: 300, y: 0 } },
    { id: "api2", kind: "service", position: { x: 300, y: 200 } },
    { id: "db", kind: "database", zone: "data", position: { x: 600, y: 100 } },
  ],
  edges: [],
};

describe("zone bands", () => {
  it("draws one band per zone around its nodes, defaults applied", () => {
    const bands = zoneBands(designToFlow(doc).nodes);
    expect(bands.map((b) => [b.zone, b.count])).toEqual([
      ["public", 1],
      ["private", 2],
      ["data", 1],
    ]);
    const priv = bands.find((b) => b.zone === "private")!;
    expect(priv.x).toBeLessThan(300);
    expect(priv.x + priv.width).toBeGreaterThan(300 + NODE_WIDTH);
    expect(priv.y + priv.height).toBeGreaterThan(200 + NODE_HEIGHT);
  });
});

describe("drafts", () => {
  it("round-trips a draft and rejects broken ones", () => {
    const raw = serializeDraft(doc, new Date("2026-01-02T03:04:05Z"));
    expect(parseDraft(raw)).toEqual({ savedAt: "2026-01-02T03:04:05.000Z", doc });
    expect(parseDraft(null)).toBeNull();
    expect(parseDraft("{not json")).toBeNull();
    expect(parseDraft(JSON.stringify({ savedAt: "x", doc: { version: 2 } }))).toBeNull();
  });
});
