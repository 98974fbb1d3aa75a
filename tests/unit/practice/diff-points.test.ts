import { describe, expect, it } from "vitest";
import { diffPointsText } from "@/components/practice/interview/diff-points";

describe("the reference diff's points in words", () => {
  it("an extra part the design relies on reads as what removing it would cost, never as points earned", () => {
    const text = diffPointsText({ kind: "extra-edge", points: -69 });
    expect(text).toBe("your design relies on it: without it, it would score 69 points less");
    expect(text).not.toMatch(/earn/);
  });
  it("says what an extra part costs, what a missing one is worth, and uses the singular for one point", () => {
    expect(diffPointsText({ kind: "extra-node", points: 4 })).toBe("costs you 4 points");
    expect(diffPointsText({ kind: "missing-node", points: 1 })).toBe("worth 1 point");
    expect(diffPointsText({ kind: "configured", points: -2 })).toBe("the reference would gain 2 points");
    expect(diffPointsText({ kind: "missing-edge", points: null })).toBe("not measurable");
    expect(diffPointsText({ kind: "extra-edge", points: 0 })).toBe("no measurable effect on your score");
  });
});
