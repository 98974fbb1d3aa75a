import { describe, expect, it } from "vitest";
import { designToFlow } from "@/lib/core/canvas/convert";
import { designToSvg, wrapLabel } from "@/lib/core/canvas/export-svg";
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
    for (const n of nodes) expect(svg).toContain(`<title>${n.data.node.label} (`);
    expect(svg).toContain("Load balancer");
    expect(svg).toMatch(/PUBLIC ZONE[\s\S]*<\/svg>$/);
    // A few kilobytes, not hundreds.
    expect(svg.length).toBeLessThan(20_000);
  });

  it("wraps a long name onto a second line as the canvas does, keeps it whole in the node's title, and never shows an id", () => {
    const medium = "Orders API in eu-west replicas";
    const long = "Order history read replica in the secondary region, kept for reporting queries";
    const { nodes, edges } = designToFlow({
      version: 1,
      name: "labels",
      nodes: [
        { id: "medium", kind: "service", label: medium, region: "eu-west", position: { x: 0, y: 0 } },
        { id: "long", kind: "database", label: long, position: { x: 0, y: 160 } },
        { id: "db-7", kind: "database", position: { x: 300, y: 160 } },
      ],
      edges: [{ id: "e", from: "medium", to: "long" }],
    } as Parameters<typeof designToFlow>[0]);
    const svg = designToSvg(nodes, edges);
    const text = (s: string) => [...s.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
    // Before: "Orders API in eu-w…" on one line, the rest lost.
    expect(text(svg).slice(0, 2)).toEqual(["Orders API in", "eu-west replicas"]);
    const longLines = text(svg).slice(2, 4);
    expect(longLines).toHaveLength(2);
    expect(longLines[1]).toMatch(/…$/);
    expect(svg).toContain(`<title>${long} (Database)</title>`);
    expect(svg).toContain("Service · Europe West");
    // An unlabelled node is named by its kind, never by its id.
    expect(svg).not.toContain("db-7");
  });

  it("wraps at spaces, cuts a word longer than a line, and ends a name that does not fit with an ellipsis", () => {
    expect(wrapLabel("API", 19, 2)).toEqual(["API"]);
    expect(wrapLabel("Checkout service for mobile apps", 19, 2)).toEqual(["Checkout service", "for mobile apps"]);
    expect(wrapLabel("Supercalifragilisticexpialidocious", 19, 2)).toEqual(["Supercalifragilisti", "cexpialidocious"]);
    expect(wrapLabel("one two three four five six seven eight nine ten", 10, 2)).toEqual(["one two", "three fou…"]);
    for (const line of wrapLabel("a ".repeat(60), 19, 2)) expect(line.length).toBeLessThanOrEqual(19);
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
    // Side by side along the shared top edge, not stacked into the corner.
    expect(labels.map((l) => [l.x, l.y])).toEqual([
      [10, 4],
      [130, 4],
      [710, 4],
    ]);
  });
});
