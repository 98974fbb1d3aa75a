import type { DesignNode } from "@/lib/schemas/design";
import { effectiveZone, type ZoneName } from "./kinds";
import { NODE_HEIGHT, NODE_WIDTH, type XY } from "./layout";

// The labelled zone bands drawn behind the nodes: one rectangle per zone around its nodes. Positions are
// cosmetic in the format, so the bands only describe where the user happened to put things.

export type ZoneBand = { zone: ZoneName; x: number; y: number; width: number; height: number; count: number };

export const ZONE_ORDER: readonly ZoneName[] = ["public", "private", "data"];
const PAD = 28;

type Box = { minX: number; minY: number; maxX: number; maxY: number };
type Placed = { x: number; y: number; zone: ZoneName };

const overlaps = (a: Box, b: Box) => a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
const union = (a: Box, b: Box): Box => ({
  minX: Math.min(a.minX, b.minX),
  minY: Math.min(a.minY, b.minY),
  maxX: Math.max(a.maxX, b.maxX),
  maxY: Math.max(a.maxY, b.maxY),
});
const nodeBox = ({ x, y }: XY): Box => ({ minX: x, minY: y, maxX: x + NODE_WIDTH, maxY: y + NODE_HEIGHT });

/** Above this many nodes a zone is drawn as one box around all of its nodes (grouping is quadratic). */
const CLUSTER_LIMIT = 200;

/**
 * Groups one zone's nodes into boxes that hold none of another zone's nodes. A design laid out in request order
 * interleaves zones (public clients and DNS, private balancer, data stores, private workers): one box per zone
 * then covers the whole drawing, every box starts at the same corner and their labels crowd into it.
 */
function clusters(own: Placed[], foreign: Box[]): Box[] {
  const left = [...own].sort((a, b) => a.x - b.x || a.y - b.y);
  const out: Box[] = [];
  while (left.length > 0) {
    let box = nodeBox(left.shift()!);
    for (let grown = true; grown; ) {
      grown = false;
      for (let i = 0; i < left.length; i++) {
        const next = union(box, nodeBox(left[i]!));
        if (foreign.some((f) => overlaps(f, next))) continue;
        box = next;
        left.splice(i, 1);
        i--;
        grown = true;
      }
    }
    out.push(box);
  }
  return out;
}

export function zoneBands(nodes: readonly { position: XY; data: { node: Pick<DesignNode, "kind" | "zone"> } }[]): ZoneBand[] {
  const placed: Placed[] = nodes.map((n) => ({ x: n.position.x, y: n.position.y, zone: effectiveZone(n.data.node) }));
  const small = placed.length <= CLUSTER_LIMIT;
  return ZONE_ORDER.flatMap((zone) => {
    const own = placed.filter((p) => p.zone === zone);
    if (own.length === 0) return [];
    const boxes = small
      ? clusters(own, placed.filter((p) => p.zone !== zone).map(nodeBox))
      : [own.map(nodeBox).reduce(union)];
    return boxes.map((b) => ({
      zone,
      x: b.minX - PAD,
      y: b.minY - PAD - 18,
      width: b.maxX - b.minX + 2 * PAD,
      height: b.maxY - b.minY + 2 * PAD + 18,
      count: own.filter((p) => overlaps(nodeBox(p), b)).length,
    }));
  });
}

/** The room a zone label takes: "PRIVATE ZONE" in 12 px capitals (the canvas) or 11 px (the SVG export). */
export const ZONE_LABEL_WIDTH = 110;
export const ZONE_LABEL_HEIGHT = 16;

/**
 * Where each band's label goes: in the strip along the band's top edge, moved right past another label or a node
 * that sits there, else along the bottom edge; stacking below the corner is the last resort.
 */
export function zoneLabelPositions(
  bands: readonly ZoneBand[],
  nodes: readonly { position: XY }[] = [],
): { zone: ZoneName; x: number; y: number }[] {
  const placed: { zone: ZoneName; x: number; y: number }[] = [];
  const taken = nodes.map((n) => nodeBox(n.position));
  const free = (x: number, y: number) => {
    const box = { minX: x, minY: y, maxX: x + ZONE_LABEL_WIDTH, maxY: y + ZONE_LABEL_HEIGHT };
    return !taken.some((t) => overlaps(t, box)) && !placed.some((p) => overlaps(box, { minX: p.x, minY: p.y, maxX: p.x + ZONE_LABEL_WIDTH, maxY: p.y + ZONE_LABEL_HEIGHT }));
  };
  for (const b of bands) {
    const spots: XY[] = [];
    const lastX = b.x + b.width - 10 - ZONE_LABEL_WIDTH;
    for (const y of [b.y + 4, b.y + b.height - 4 - ZONE_LABEL_HEIGHT]) {
      for (let x = b.x + 10; x <= Math.max(lastX, b.x + 10); x += 20) spots.push({ x, y });
    }
    let spot = spots.find((s) => free(s.x, s.y));
    if (!spot) {
      let y = b.y + 4;
      while (!free(b.x + 10, y) && y < b.y + b.height) y += ZONE_LABEL_HEIGHT;
      spot = { x: b.x + 10, y };
    }
    placed.push({ zone: b.zone, ...spot });
  }
  return placed;
}
