import type { DesignNode } from "@/lib/schemas/design";
import { effectiveZone, type ZoneName } from "./kinds";
import { NODE_HEIGHT, NODE_WIDTH, type XY } from "./layout";

// The labelled zone bands drawn behind the nodes: one rectangle per zone around its nodes. Positions are
// cosmetic in the format, so the bands only describe where the user happened to put things.

export type ZoneBand = { zone: ZoneName; x: number; y: number; width: number; height: number; count: number };

export const ZONE_ORDER: readonly ZoneName[] = ["public", "private", "data"];
const PAD = 28;

export function zoneBands(nodes: readonly { position: XY; data: { node: Pick<DesignNode, "kind" | "zone"> } }[]): ZoneBand[] {
  const box = new Map<ZoneName, { minX: number; minY: number; maxX: number; maxY: number; count: number }>();
  for (const n of nodes) {
    const z = effectiveZone(n.data.node);
    const b = box.get(z);
    const { x, y } = n.position;
    if (!b) box.set(z, { minX: x, minY: y, maxX: x + NODE_WIDTH, maxY: y + NODE_HEIGHT, count: 1 });
    else {
      b.minX = Math.min(b.minX, x);
      b.minY = Math.min(b.minY, y);
      b.maxX = Math.max(b.maxX, x + NODE_WIDTH);
      b.maxY = Math.max(b.maxY, y + NODE_HEIGHT);
      b.count++;
    }
  }
  return ZONE_ORDER.flatMap((zone) => {
    const b = box.get(zone);
    if (!b) return [];
    return [
      {
        zone,
        x: b.minX - PAD,
        y: b.minY - PAD - 18,
        width: b.maxX - b.minX + 2 * PAD,
        height: b.maxY - b.minY + 2 * PAD + 18,
        count: b.count,
      },
    ];
  });
}

/**
 * Where each band's label goes: its top-left corner, moved down a line when another label already sits there
 * (bands that start at the same corner would otherwise print their labels on top of each other).
 */
export function zoneLabelPositions(bands: readonly ZoneBand[]): { zone: ZoneName; x: number; y: number }[] {
  const placed: { zone: ZoneName; x: number; y: number }[] = [];
  for (const b of bands) {
    const x = b.x + 10;
    let y = b.y + 4;
    while (placed.some((p) => Math.abs(p.x - x) < 120 && Math.abs(p.y - y) < 16)) y += 16;
    placed.push({ zone: b.zone, x, y });
  }
  return placed;
}
