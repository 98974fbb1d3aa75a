import { describe, expect, it } from "vitest";
import { designToFlow } from "@/lib/core/canvas/convert";
import { designToSvg } from "@/lib/core/canvas/export-svg";
import { problemSchema } from "@/lib/schemas/problem";
import shortener from "@/content/problems/url-shortener.json";

describe("SVG export", () => {
  it("is a real drawing of the whole design: zones, every connection with an arrow, every node's name and kind", () => {
    const reference = problemSchema.parse(shortener).reference as Parameters<typeof designToFlow>[0];
    const { nodes, edges } = designToFlow(reference);
    const svg = designToSvg(nodes, edges, { title: "URL shortener" });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toMatch(/foreignObject|<div/);
    expect(svg.match(/marker-end="url\(#arrow\)"/g)).toHaveLength(edges.length);
    for (const n of nodes) expect(svg).toContain(`>${n.data.node.label ?? n.id}<`);
    expect(svg).toContain("Load balancer");
    expect(svg).toMatch(/PUBLIC ZONE[\s\S]*<\/svg>$/);
    // A few kilobytes, not hundreds.
    expect(svg.length).toBeLessThan(20_000);
  });
});

describe("zone labels", () => {
  it("never print on top of each other when bands share a corner", async () => {
    const { zoneLabelPositions } = await import("@/lib/core/canvas/zones");
    const labels = zoneLabelPositions([
      { zone: "public", x: 0, y: 0, width: 300, height: 200, count: 2 },
      { zone: "private", x: 0, y: 0, width: 600, height: 300, count: 3 },
      { zone: "data", x: 700, y: 0, width: 200, height: 200, count: 1 },
    ]);
    expect(labels.map((l) => [l.x, l.y])).toEqual([
      [10, 4],
      [10, 20],
      [710, 4],
    ]);
  });
});
