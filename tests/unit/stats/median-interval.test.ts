import { describe, expect, it } from "vitest";
import { medianInterval, verdictAtLeast } from "@/bench/lib/median-interval";

describe("medianInterval (sign-test interval of the median)", () => {
  it("takes the whole range of 7 rounds (98.4 %): the next order statistics would cover only 87.5 %", () => {
    const i = medianInterval([0.95, 0.78, 1.18, 0.82, 1.02, 0.88, 0.91]);
    expect(i.median).toBe(0.91);
    expect([i.low, i.high]).toEqual([0.78, 1.18]);
    expect(i.coverage).toBeCloseTo(1 - 2 / 128, 10);
  });

  it("narrows to the 4th smallest and largest of 15 (96.5 %), since the 5th would cover 88.2 %", () => {
    const xs = Array.from({ length: 15 }, (_, i) => i + 1).reverse();
    const i = medianInterval(xs);
    expect([i.median, i.low, i.high]).toEqual([8, 4, 12]);
    expect(i.coverage).toBeCloseTo(1 - (2 * (1 + 15 + 105 + 455)) / 2 ** 15, 10);
  });

  it("reports the lower coverage when too few values exist for the level asked", () => {
    const i = medianInterval([3, 1, 2, 5, 4]);
    expect([i.low, i.high, i.median]).toEqual([1, 5, 3]);
    expect(i.coverage).toBeCloseTo(1 - 2 / 32, 10);
  });

  it("averages the middle two of an even count", () => {
    expect(medianInterval([1, 2, 3, 10]).median).toBe(2.5);
  });
});

describe("verdictAtLeast", () => {
  const at = (low: number, high: number) => ({ median: (low + high) / 2, low, high, coverage: 0.95 });
  it("is OK only when the whole interval clears the target", () => {
    expect(verdictAtLeast(at(0.9, 1.1), 0.9)).toBe("OK");
    expect(verdictAtLeast(at(0.89, 1.1), 0.9)).toBe("INCONCLUSIVE");
  });
  it("is MISSED only when the whole interval falls short", () => {
    expect(verdictAtLeast(at(0.7, 0.89), 0.9)).toBe("MISSED");
    expect(verdictAtLeast(at(0.7, 0.9), 0.9)).toBe("INCONCLUSIVE");
  });
});
