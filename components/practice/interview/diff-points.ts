import type { DiffItem } from "@/lib/schemas/interview-view";

/**
 * What one difference from the reference did to the candidate's score, in words. An extra part with negative
 * points is one the design leans on (without it, the score drops): practice7 saw "earns you 69 points" for the one
 * connection that made a request path, which read as a reward for drawing more.
 */
export function diffPointsText(item: Pick<DiffItem, "kind" | "points">): string {
  if (item.points === null) return "not measurable";
  const extra = item.kind === "extra-node" || item.kind === "extra-edge";
  const points = (n: number) => `${n} point${n === 1 ? "" : "s"}`;
  if (extra) {
    if (item.points > 0) return `costs you ${points(item.points)}`;
    if (item.points < 0) return `your design relies on it: without it, it would score ${points(-item.points)} less`;
    return "no measurable effect on your score";
  }
  if (item.points > 0) return `worth ${points(item.points)}`;
  if (item.points < 0) return `the reference would gain ${points(-item.points)}`;
  return "no measurable effect on the score";
}
