import { describe, expect, it } from "vitest";
import { layoutOf } from "@/lib/core/canvas/auto-layout";
import { designToFlow, type DesignDocument } from "@/lib/core/canvas/convert";
import { serializeDraft } from "@/lib/core/canvas/draft";
import { parseDraft } from "@/lib/core/canvas/draft-read";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/core/canvas/layout";
import { readdirSync, readFileSync } from "node:fs";
import { effectiveZone } from "@/lib/core/canvas/kinds";
import { ZONE_LABEL_HEIGHT, ZONE_LABEL_WIDTH, zoneBands, zoneLabelPositions } from "@/lib/core/canvas/zones";

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

describe("zone labels on the problems' own designs (the reference comparison, the starters)", () => {
  const designs = readdirSync("content/problems").flatMap((file) => {
    const problem = JSON.parse(readFileSync(`content/problems/${file}`, "utf8")) as Record<string, DesignDocument>;
    return (["reference", "starter"] as const).flatMap((which) => {
      const d = problem[which];
      if (!d) return [];
      // As stored, and auto-laid-out (an imported design without positions).
      const bare = { ...d, nodes: d.nodes.map(({ position: _p, ...n }) => n) } as DesignDocument;
      return [[`${file} ${which}`, d] as const, [`${file} ${which} (auto-layout)`, bare] as const];
    });
  });
  const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
  const hit = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  it.each(designs)("%s: every label in its own band, clear of other labels and of nodes; no band holds another zone's node", (_name, d) => {
    const nodes = designToFlow(d, layoutOf(d)).nodes;
    const bands = zoneBands(nodes);
    const labels = zoneLabelPositions(bands, nodes).map((l) => box(l.x, l.y, ZONE_LABEL_WIDTH, ZONE_LABEL_HEIGHT));
    const nodeBoxes = nodes.map((n) => box(n.position.x, n.position.y, NODE_WIDTH, NODE_HEIGHT));
    labels.forEach((l, i) => {
      const b = bands[i]!;
      expect(l.x >= b.x && l.y >= b.y && l.x + l.w <= b.x + b.width && l.y + l.h <= b.y + b.height, `label ${i} inside its band`).toBe(true);
      labels.forEach((other, j) => j !== i && expect(hit(l, other), `label ${i} clear of label ${j}`).toBe(false));
      nodeBoxes.forEach((n, j) => expect(hit(l, n), `label ${i} (${b.zone}) clear of node ${nodes[j]!.id}`).toBe(false));
    });
    for (const b of bands) {
      for (const n of nodes) {
        if (effectiveZone(n.data.node) === b.zone) continue;
        const inside = hit(box(b.x + 28, b.y + 46, b.width - 56, b.height - 74), box(n.position.x, n.position.y, NODE_WIDTH, NODE_HEIGHT));
        expect(inside, `${b.zone} band holds ${n.id}`).toBe(false);
      }
    }
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
